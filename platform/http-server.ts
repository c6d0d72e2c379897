/**
 * The HTTP side every service shares: Apollo Server on express 5 at /graphql (and /),
 * liveness and readiness endpoints, request ids and structured logs, CORS and body limits,
 * metrics (GET /metrics with METRICS_TOKEN: platform/metrics) and, when tracing is on, a
 * server span per request (platform/tracing), and a close() that stops accepting connections and lets requests in flight finish.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { concurrencyLimit, DEFAULT_MAX_CONCURRENT_REQUESTS } from './concurrency';
import { boundedDocumentStore } from './document-store';
import { maskError } from './errors';
import { gatewayCredentialCheck } from './gateway-credential';
import { withoutSuggestions } from './operation-limits';
import { DEFAULT_MAX_RESPONSE_BYTES, responseSizeLimit } from './response-limit';
import type { Logger } from './logger';
import { cachedReadiness, envReadinessCacheMs, envShutdownDelayMs } from './readiness';
import { uncachedMutations } from './uncached-mutations';
import { cachePlugins } from './static-cache-policy';
import { compiledExecutionGateway } from './compiled-execution';
import { REQUEST_ID_HEADER, assignRequestId, requestIdOf, type RequestContext } from './request-id';
import { useRequestLogging } from './request-logging';
import { createServiceMetrics, type ServiceMetrics } from './metrics/registry';
import { METRICS_PATH, metricsEndpoint, metricsTokenFromEnv } from './metrics/endpoint';
import { useMetrics } from './metrics/use-metrics';
import { tracingEnabled } from './tracing/tracing';
import { operationSpan, traceRequests } from './tracing/trace-requests';
import { applyServerLimits, serverLimitsFromEnv, serverOptions, type ServerLimits } from './server-limits';

export interface ServiceOptions<C extends RequestContext> {
  name: string;
  host: string;
  port: number;
  schema?: GraphQLSchema;
  gateway?: GatewayInterface;
  /**
   * Executes the schema's queries with graphql-jit, each compiled once (platform/compiled-execution.ts),
   * instead of graphql-js; for a schema, not a gateway. Same answers, less CPU on large lists.
   */
  compiledExecution?: boolean;
  /** Builds the request's context; the request id is already chosen. */
  context: (args: { req: Request; requestId: string }) => Promise<C>;
  /**
   * Readiness: resolves when the service can answer (its database, or its subgraphs), with
   * details to add to the answer's JSON if any (e.g. `{ data: "stale: …" }`); a NotReadyError
   * says what is not ready.
   */
  ready: () => Promise<void | Record<string, unknown>>;
  /** How long a readiness outcome is reused (platform/readiness.ts); READINESS_CACHE_MS by default. */
  readinessCacheMs?: number;
  /**
   * Milliseconds close() answers readiness with 503 while still serving, before it stops
   * accepting (SHUTDOWN_DELAY_MS, default 0): a load balancer's health check takes the
   * instance out first, so no new request is sent to a closed port.
   */
  shutdownDelayMs?: number;
  /** Timeouts and the connection cap of the HTTP server (platform/server-limits.ts); from the environment by default. */
  serverLimits?: ServerLimits;
  plugins?: ApolloServerPlugin<C>[];
  validationRules?: ValidationRule[];
  /**
   * How long answers may be cached, as a Cache-Control hint to the gateway and clients
   * (Apollo's cache-control plugin with this default max-age); 0: not at all. Answers to
   * mutations are never cacheable (uncached-mutations.ts).
   */
  cacheMaxAgeSeconds?: number;
  /** Where automatic persisted queries are kept (e.g. a store shared by replicas); default: Apollo's in-process LRU. */
  persistedQueries?: ApolloServerOptions<C>['persistedQueries'];
  /** Options of graphql-js's parser, e.g. maxTokens. */
  parseOptions?: ParseOptions;
  /** Mounted before GraphQL, e.g. the local sandbox page. */
  routers?: Router[];
  /**
   * Run on GraphQL requests after the body is parsed and the request id is chosen, before
   * Apollo, e.g. the response cache (`requestIdOf(res)` gives the id).
   */
  graphqlMiddleware?: RequestHandler[];
  introspection?: boolean;
  /** Origins allowed to call from a browser on another origin; empty: none (same origin only). */
  corsOrigins?: string[];
  /** Largest request body accepted, e.g. "100kb". */
  bodyLimit?: string;
  /** GraphQL requests worked on at once; past it 503 with Retry-After (platform/concurrency.ts). Default 64. */
  maxConcurrentRequests?: number;
  /** Bytes one GraphQL answer may have; past it an error with a code instead (platform/response-limit.ts). Default 10 MB. */
  maxResponseBytes?: number;
  /**
   * SUBGRAPH_SECRET: GraphQL requests must carry the gateway's signature made with it
   * (platform/gateway-credential.ts), or get 401 UNAUTHENTICATED; health endpoints stay open.
   */
  gatewaySecret?: string;
  /** Rewrites errors before the client sees them; the default hides internal errors. */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The service's metrics (platform/metrics/registry.ts), when its parts count too (the gateway's fetchers, its cache); a registry of its own otherwise. */
  metrics?: ServiceMetrics;
  /** METRICS_TOKEN: GET /metrics answers requests bearing it (platform/metrics/endpoint.ts); absent: read from the environment; undefined there: no /metrics. */
  metricsToken?: string;
  logger: Logger;
}

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Answers 200 while the process runs (a liveness probe: deploy/). */
export const LIVENESS_PATH = '/health/live';
/** Answers 200 when the service can serve (its database, or the gateway's subgraphs), 503 otherwise (a readiness probe). */
export const READINESS_PATH = '/health/ready';

export const DEFAULT_BODY_LIMIT = '100kb';

/** Body-parser failures (malformed JSON, too large) answered the GraphQL way: JSON with a code. */
const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (res.headersSent || status >= 500) {
    next(error);
    return;
  }
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  const message = status === 413 ? 'Request body is too large.' : 'Request body is not valid JSON.';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

export async function startService<C extends RequestContext>(options: ServiceOptions<C>): Promise<RunningService> {
  const { logger } = options;
  const app = express();
  const limits = options.serverLimits ?? serverLimitsFromEnv();
  const metrics = options.metrics ?? createServiceMetrics(options.name);
  const metricsToken = 'metricsToken' in options ? options.metricsToken : metricsTokenFromEnv();
  // Decided once at start: an untraced service installs no tracing hooks at all.
  const tracing = tracingEnabled() ? traceRequests(options.name) : undefined;
  const httpServer: Server = createServer(serverOptions(limits), app);
  applyServerLimits(httpServer, limits);
  const apollo = new ApolloServer<C>({
    ...(options.gateway
      ? { gateway: options.gateway }
      : options.compiledExecution
        ? { gateway: compiledExecutionGateway(options.schema!) }
        : { schema: options.schema! }),
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
    // Rejects simple (CORS-safelisted) requests that could be cross-site request forgery.
    csrfPrevention: true,
    // runMain owns SIGTERM/SIGINT: Apollo's own handler would re-raise the signal after
    // stopping, and the process would exit 143 instead of 0.
    stopOnTerminationSignals: false,
    validationRules: options.validationRules,
    parseOptions: options.parseOptions,
    // Parsed operations keep their source text: counted, so distinct padded bodies cannot grow it.
    documentStore: boundedDocumentStore(),
    ...(options.persistedQueries !== undefined ? { persistedQueries: options.persistedQueries } : {}),
    // With introspection off, "Did you mean …" would tell the schema's names all the same.
    formatError: (options.introspection ?? true)
      ? options.formatError ?? maskError((m) => logger.error(m))
      : withoutSuggestions(options.formatError ?? maskError((m) => logger.error(m))),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Inline traces only serve Apollo's hosted usage reporting, which this hub does not use.
      ...(options.schema ? [ApolloServerPluginInlineTraceDisabled()] : []),
      useRequestLogging<C>(logger),
      useMetrics<C>(metrics),
      ...(tracing ? [operationSpan<C>()] : []),
      // Without a max-age every answer is uncacheable (Apollo's default of 0), decided without per-field hooks too.
      ...cachePlugins<C>(options.schema, options.cacheMaxAgeSeconds ?? 0),
      ...(options.cacheMaxAgeSeconds !== undefined ? [uncachedMutations<C>()] : []),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get(LIVENESS_PATH, (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  const readiness = cachedReadiness(options.ready, {
    cacheMs: options.readinessCacheMs ?? envReadinessCacheMs(),
    onChange: (outcome) => (outcome.ready ? logger.info('ready again') : logger.warn({ reason: outcome.reason }, 'not ready')),
  });
  let stopping = false;
  app.get(READINESS_PATH, async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', service: options.name, detail: 'stopping' });
      return;
    }
    const outcome = await readiness();
    if (outcome.ready) res.json({ status: 'ready', service: options.name, ...outcome.details });
    else res.status(503).json({ status: 'unavailable', service: options.name, detail: outcome.detail });
  });
  if (metricsToken) app.get(METRICS_PATH, metricsEndpoint(metrics, metricsToken));
  // Before anything that may answer a GraphQL request, the response cache included.
  app.use(assignRequestId());
  const origins = options.corsOrigins ?? [];
  app.use(cors({ origin: origins.length > 0 ? origins : false, exposedHeaders: [REQUEST_ID_HEADER] }));
  for (const router of options.routers ?? []) app.use(router);
  const graphql = expressMiddleware(apollo, {
    context: ({ req, res }) => options.context({ req, requestId: requestIdOf(res) }),
  });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const credential = options.gatewaySecret ? gatewayCredentialCheck(options.gatewaySecret) : undefined;
  app.use(
    ['/graphql', '/'],
    ...(tracing ? [tracing.start] : []),
    // Counted before the body is read; the health endpoints above are not counted.
    concurrencyLimit(options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS),
    express.json({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, ...(credential ? { verify: credential.keepRawBody } : {}) }),
    bodyErrors,
    ...(credential ? [credential.check] : []),
    // The body parser continues in the socket's context: back into the request's span.
    ...(tracing ? [tracing.enter] : []),
    responseSizeLimit(maxResponseBytes, (bytes) => logger.warn({ bytes, maxResponseBytes }, 'answer over MAX_RESPONSE_BYTES refused')),
    ...(options.graphqlMiddleware ?? []),
    graphql,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    // Unready first (for SHUTDOWN_DELAY_MS), then apollo.stop() drains: it stops accepting, waits for requests in flight, then closes.
    close: async () => {
      stopping = true;
      const delayMs = options.shutdownDelayMs ?? envShutdownDelayMs();
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await apollo.stop();
    },
  };
}
