/** The gateway's configuration from environment variables, with documented defaults. */
import { GATEWAY_DEFAULT_PORT, allSubgraphs, defaultSubgraphUrl } from '../schema/contract/registry';
import { DEFAULT_BREAKER_FAILURE_THRESHOLD, DEFAULT_BREAKER_RESET_MS } from './fetchers/circuit-breaker';
import { DEFAULT_BODY_LIMIT } from '../platform/http-server';
import { envCacheMaxAge, envFirst, envFlag, envInteger, envList, envPort, envSize, envString } from '../platform/config';
import { checkSecret } from '../platform/gateway-credential';
import { redisConfigFromEnv, type RedisConfig } from '../platform/redis';
import { createLogger, type Logger } from '../platform/logger';
import { DEFAULT_OPERATION_LIMITS, operationLimitsFromEnv, type OperationLimits } from '../platform/operation-limits';
import { envMaxConcurrentRequests } from '../platform/concurrency';
import { envMaxResponseBytes } from '../platform/response-limit';
import { DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES } from './fetchers/response-limit';

export interface GatewayConfig {
  host: string;
  port: number;
  /** Subgraph name → URL; overrides the URLs written into the composed supergraph. */
  subgraphUrls: Record<string, string>;
  /** Milliseconds a subgraph call may take before it is aborted. */
  subgraphTimeoutMs: number;
  /** SUBGRAPH_SECRET: every subgraph call is signed with it (platform/gateway-credential.ts). */
  subgraphSecret?: string;
  /** Identical concurrent subgraph calls are made once. */
  deduplicateSubgraphRequests?: boolean;
  /** COMPILED_RESULT_SHAPING: answers are shaped by gateway/result-shaping (absent: true), not by @apollo/gateway's own code. */
  compiledResultShaping?: boolean;
  /** Failed or timed-out calls in a row after which a subgraph's circuit opens (its calls then fail at once). */
  breakerFailureThreshold?: number;
  /** Milliseconds a subgraph's circuit stays open before one probe call goes through. */
  breakerResetMs?: number;
  supergraphPath?: string;
  sandbox: boolean;
  introspection: boolean;
  corsOrigins: string[];
  bodyLimit: string;
  limits: OperationLimits;
  /** Bytes one subgraph answer may have (MAX_SUBGRAPH_RESPONSE_BYTES); past it SUBGRAPH_RESPONSE_TOO_LARGE. */
  maxSubgraphResponseBytes?: number;
  /** Bytes one gateway answer may have (MAX_RESPONSE_BYTES); past it RESPONSE_TOO_LARGE. */
  maxResponseBytes?: number;
  /** Requests in flight (MAX_CONCURRENT_REQUESTS); past it 503 with Retry-After. */
  maxConcurrentRequests?: number;
  /** Seconds a whole response may be served from the gateway's cache; 0: no cache. */
  cacheMaxAgeSeconds: number;
  /** REDIS_URL and its settings: the response cache and APQ shared by every replica; absent: in the process. */
  redis?: RedisConfig;
  logger: Logger;
}

export { GATEWAY_DEFAULT_PORT };
export const SUBGRAPH_TIMEOUT_DEFAULT_MS = 10_000;

const envPositiveInt = (name: string, fallback: number) => envInteger(name, fallback, 1);

/**
 * A gateway for code that starts one in its own process (tests, the benchmark): on
 * 127.0.0.1, any free port, the default limits, no sandbox, introspection or CORS.
 */
export function localGatewayConfig(options: Pick<GatewayConfig, 'subgraphUrls' | 'logger'> & Partial<GatewayConfig>): GatewayConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_DEFAULT_MS,
    sandbox: false,
    introspection: false,
    corsOrigins: [],
    bodyLimit: DEFAULT_BODY_LIMIT,
    limits: DEFAULT_OPERATION_LIMITS,
    cacheMaxAgeSeconds: 0,
    ...options,
  };
}

export function gatewayConfigFromEnv(): GatewayConfig {
  const production = process.env.NODE_ENV === 'production';
  const subgraphUrls: Record<string, string> = {};
  for (const { name, defaultPort } of allSubgraphs()) {
    subgraphUrls[name] = envString(`${name.toUpperCase()}_URL`, defaultSubgraphUrl(defaultPort));
  }
  return {
    host: envString('GATEWAY_HOST') ?? envString('HOST', '127.0.0.1'),
    port: envPort(envFirst('GATEWAY_PORT', 'PORT'), GATEWAY_DEFAULT_PORT),
    subgraphUrls,
    subgraphTimeoutMs: envPositiveInt('SUBGRAPH_TIMEOUT_MS', SUBGRAPH_TIMEOUT_DEFAULT_MS),
    deduplicateSubgraphRequests: envFlag('DEDUPLICATE_SUBGRAPH_REQUESTS', true),
    compiledResultShaping: envFlag('COMPILED_RESULT_SHAPING', true),
    subgraphSecret: checkSecret('SUBGRAPH_SECRET', envString('SUBGRAPH_SECRET')),
    breakerFailureThreshold: envPositiveInt('BREAKER_FAILURE_THRESHOLD', DEFAULT_BREAKER_FAILURE_THRESHOLD),
    breakerResetMs: envPositiveInt('BREAKER_RESET_MS', DEFAULT_BREAKER_RESET_MS),
    supergraphPath: envString('SUPERGRAPH_PATH'),
    // Off in production unless asked for: a public endpoint need not advertise its schema.
    sandbox: envFlag('SANDBOX', !production),
    introspection: envFlag('INTROSPECTION', !production),
    corsOrigins: envList('CORS_ORIGINS'),
    bodyLimit: envSize('BODY_LIMIT', DEFAULT_BODY_LIMIT),
    limits: operationLimitsFromEnv(),
    maxSubgraphResponseBytes: envInteger('MAX_SUBGRAPH_RESPONSE_BYTES', DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, 1024),
    maxResponseBytes: envMaxResponseBytes(),
    maxConcurrentRequests: envMaxConcurrentRequests(),
    cacheMaxAgeSeconds: envCacheMaxAge(),
    redis: redisConfigFromEnv(),
    logger: createLogger('gateway'),
  };
}
