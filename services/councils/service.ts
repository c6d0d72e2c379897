/** The councils subgraph as a running service. It holds no database: its registry is a small sourced file. */
import { envCacheMaxAge, envFirst, envFlag, envList, envPort, envSize, envString } from '../../platform/config';
import { subgraphSecretFromEnv } from '../../platform/gateway-credential';
import { DEFAULT_BODY_LIMIT, startService, type RunningService } from '../../platform/http-server';
import { createLogger, type Logger } from '../../platform/logger';
import { DEFAULT_SUBGRAPH_PROTECTION, subgraphProtectionFromEnv, subgraphProtectionOptions, type SubgraphProtection } from '../../platform/subgraph-protection';
import { LIST_SIZES } from '../../schema/list-sizes';
import { COUNCILS_SUBGRAPH } from '../../schema/contract';
import { readRegistry } from './registry';
import { buildCouncilsSchema } from './schema';


export interface CouncilsConfig {
  host: string;
  port: number;
  corsOrigins: string[];
  bodyLimit: string;
  cacheMaxAgeSeconds?: number;
  /** Operation limits, introspection, concurrency and answer size; default: DEFAULT_SUBGRAPH_PROTECTION. */
  protection?: SubgraphProtection;
  /** SUBGRAPH_SECRET: only calls signed with it (the gateway's) are answered. */
  gatewaySecret?: string;
  /** COMPILED_EXECUTION: queries run compiled by graphql-jit (platform/compiled-execution.ts); absent: true. */
  compiledExecution?: boolean;
  logger: Logger;
}

export function councilsConfigFromEnv(): CouncilsConfig {
  return {
    host: envString('COUNCILS_HOST') ?? envString('HOST', '127.0.0.1'),
    port: envPort(envFirst('COUNCILS_PORT', 'PORT'), COUNCILS_SUBGRAPH.defaultPort),
    corsOrigins: envList('CORS_ORIGINS'),
    bodyLimit: envSize('BODY_LIMIT', DEFAULT_BODY_LIMIT),
    cacheMaxAgeSeconds: envCacheMaxAge(),
    protection: subgraphProtectionFromEnv(),
    gatewaySecret: subgraphSecretFromEnv(),
    compiledExecution: envFlag('COMPILED_EXECUTION', true),
    logger: createLogger('councils'),
  };
}

export async function startCouncilsService(config: CouncilsConfig): Promise<RunningService> {
  const registry = readRegistry();
  const { schema } = await buildCouncilsSchema();
  return startService({
    name: 'councils',
    host: config.host,
    port: config.port,
    schema,
    compiledExecution: config.compiledExecution ?? true,
    context: async ({ requestId }) => ({ registry, requestId }),
    ready: async () => {},
    corsOrigins: config.corsOrigins,
    bodyLimit: config.bodyLimit,
    cacheMaxAgeSeconds: config.cacheMaxAgeSeconds,
    ...subgraphProtectionOptions(config.protection ?? DEFAULT_SUBGRAPH_PROTECTION, LIST_SIZES),
    gatewaySecret: config.gatewaySecret,
    logger: config.logger,
  });
}
