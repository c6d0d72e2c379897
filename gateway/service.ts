/**
 * The gateway: @apollo/gateway on Apollo Server 5, serving the supergraph composed at build
 * time (schema/supergraph.graphql), with the offline sandbox at its root.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { supergraphPath as defaultSupergraphPath } from '../schema/compose';
import { startService, type RunningService } from '../services/shared/http-server';
import type { GatewayConfig } from './config';
import { TimedDataSource } from './datasources/timed-data-source';
import { useLocalSandbox } from './sandbox';

export async function startGateway(config: GatewayConfig): Promise<RunningService> {
  // @apollo/gateway sends anonymous deployment telemetry unless told not to; a health-sector
  // deployment must not phone home by default. An explicit setting is respected.
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

  const supergraphSdl = readFileSync(config.supergraphPath ?? defaultSupergraphPath, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new TimedDataSource({ url: config.subgraphUrls[name] ?? url!, timeoutMs: config.subgraphTimeoutMs }),
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m: unknown) => config.log(`warn: ${String(m)}`),
      error: (m: unknown) => config.log(`error: ${String(m)}`),
    },
  });

  return startService({
    name: 'gateway',
    host: config.host,
    port: config.port,
    gateway,
    context: async () => ({}),
    introspection: config.introspection,
    routers: config.sandbox ? [useLocalSandbox()] : [],
    // Ready when every subgraph answers its own readiness check.
    ready: async () => {
      await Promise.all(
        Object.entries(config.subgraphUrls).map(async ([name, url]) => {
          const res = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2_000) }).catch(() => null);
          if (!res?.ok) throw new Error(`subgraph ${name} is not ready`);
        }),
      );
    },
    log: config.log,
  });
}
