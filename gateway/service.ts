/**
 * The gateway: @apollo/gateway on Apollo Server 5, serving the supergraph composed at build
 * time (schema/supergraph.graphql). This is where its parts are put together:
 * - subgraph calls: SubgraphDataSource over the fetch policy of gateway/fetchers
 *   (timeouts, a circuit breaker per subgraph, deduplication);
 * - before Apollo: the request id (platform), then the response cache (response-cache.ts),
 *   which a mutation that wrote something empties (plugins/mutation-cache.ts);
 * - with REDIS_URL, the response cache and APQ in Redis, shared by every replica (cache/);
 * - the client's Authorization header, in the context, passed on to every subgraph call;
 * - in Apollo: operation limits (platform/operation-limits.ts, with schema/list-sizes.ts), masked errors (error-masking.ts),
 *   request logging and cache hints (platform);
 * - the offline sandbox at its root; calendar and Atom feeds, CSV exports (feeds/) and the
 *   reference dashboard (dashboard/), all read from the gateway's own GraphQL answers.
 */
// First: @apollo/gateway must find federation-internals' exports as plain data (see there).
import './plain-federation-exports';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { supergraphPath as defaultSupergraphPath } from '../schema/files';
import { startService, type RunningService } from '../platform/http-server';
import { operationLimits } from '../platform/operation-limits';
import { LIST_SIZES } from '../schema/list-sizes';
import { NotReadyError } from '../platform/readiness';
import type { GatewayConfig } from './config';
import { SubgraphDataSource, type GatewayContext } from './datasources/subgraph-data-source';
import { maskGatewayError } from './error-masking';
import { subgraphFetcher } from './fetchers';
import { createSubgraphMetrics } from './fetchers/metrics';
import { createServiceMetrics } from '../platform/metrics/registry';
import { cacheObserver } from '../platform/metrics/cache-metrics';
import { mutationCache } from './plugins/mutation-cache';
import { operationResolution } from './plugins/operation-resolution';
import { responseCache } from './response-cache';
import { markAuthenticatedRequests } from './cache/authenticated-requests';
import { connectSharedCaches } from './cache/shared-caches';
import { useLocalSandbox } from './sandbox';
import { feedRoutes } from './feeds';
import { useDashboard } from './dashboard';
import { useCompiledResultShaping } from './result-shaping';

export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  // @apollo/gateway sends anonymous deployment telemetry unless told not to; a health-sector
  // deployment must not phone home by default. An explicit setting is respected.
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  const { logger } = config;

  // The composed file, not introspection of the subgraphs: the gateway starts and serves
  // even while a subgraph is down, and answers for the others.
  const supergraphSdl = readFileSync(config.supergraphPath ?? defaultSupergraphPath, 'utf8');
  // One registry for the gateway's requests, its subgraph calls and its cache (GET /metrics).
  const metrics = createServiceMetrics('gateway');
  const subgraphMetrics = createSubgraphMetrics(metrics.registry);
  useCompiledResultShaping(config.compiledResultShaping ?? true);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: config.subgraphUrls[name] ?? url!,
        fetcher: subgraphFetcher({
          subgraph: name,
          timeoutMs: config.subgraphTimeoutMs,
          deduplicate: config.deduplicateSubgraphRequests ?? true,
          maxResponseBytes: config.maxSubgraphResponseBytes,
          breaker: { failureThreshold: config.breakerFailureThreshold, resetMs: config.breakerResetMs, logger },
          metrics: subgraphMetrics,
        }),
        secret: config.subgraphSecret,
      }),
    logger: {
      debug: () => {},
      info: (m: unknown) => logger.debug(String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
  });
  const limits = operationLimits(config.limits, LIST_SIZES);
  // APQ lookups are counted where this code makes them: in Redis; Apollo's in-process store counts nothing.
  const observe = { response: cacheObserver(metrics.registry, 'response'), persistedQueries: config.redis ? cacheObserver(metrics.registry, 'persisted_queries') : undefined };
  const shared = config.redis ? await connectSharedCaches(config.redis, logger, observe) : undefined;
  const cache = responseCache({ maxAgeSeconds: config.cacheMaxAgeSeconds, logger, observe: observe.response, store: shared?.responses });

  const service = await startService({
    name: 'gateway',
    host: config.host,
    port: config.port,
    gateway,
    // The client's token goes on to the subgraphs, which decide what it may write.
    context: async ({ req, requestId }): Promise<GatewayContext> => ({ requestId, authorization: req.headers.authorization }),
    introspection: config.introspection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [...limits.plugins, operationResolution(), mutationCache(cache)],
    cacheMaxAgeSeconds: config.cacheMaxAgeSeconds,
    graphqlMiddleware: shared ? [cache, markAuthenticatedRequests] : [cache],
    persistedQueries: shared ? { cache: shared.persistedQueries } : undefined,
    formatError: maskGatewayError(logger),
    metrics,
    // Feeds, exports and the dashboard read the hub through this gateway's own /graphql.
    routers: [...(config.sandbox ? [useLocalSandbox()] : []), feedRoutes(), useDashboard()],
    corsOrigins: config.corsOrigins,
    bodyLimit: config.bodyLimit,
    maxConcurrentRequests: config.maxConcurrentRequests,
    maxResponseBytes: config.maxResponseBytes,
    // Ready when every subgraph answers its own readiness check.
    ready: async () => {
      const down: string[] = [];
      await Promise.all(
        Object.entries(config.subgraphUrls).map(async ([name, url]) => {
          const res = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2_000) }).catch(() => null);
          if (!res?.ok) down.push(name);
        }),
      );
      if (down.length > 0) throw new NotReadyError(`subgraphs not ready: ${down.sort().join(', ')}`);
    },
    logger,
  }).catch(async (error: unknown) => {
    await shared?.close();
    throw error;
  });
  if (!shared) return service;
  return {
    ...service,
    async close() {
      await service.close();
      await shared.close();
    },
  };
}
