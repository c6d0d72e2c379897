/**
 * Limits of the HTTP server itself, below express and GraphQL, so a client that sends slowly
 * or opens connections without end cannot hold a service's sockets and memory:
 *
 * | variable              | default | what |
 * | REQUEST_TIMEOUT_MS    | 30 000  | the whole request (headers and body) must arrive within it (Node's requestTimeout; 408 and closed after) |
 * | HEADERS_TIMEOUT_MS    | 10 000  | the headers must arrive within it (Node's headersTimeout): a slowloris client is cut off here |
 * | KEEP_ALIVE_TIMEOUT_MS | 5 000   | an idle kept-alive connection is closed after it (Node's keepAliveTimeout) |
 * | MAX_CONNECTIONS       | 1 024   | open connections at once; more are refused at once (Node's maxConnections) |
 *
 * Node checks the two timeouts every `connectionsCheckingInterval` (its default, 30 s, would
 * let a slow client stay that much longer): here every second, or sooner for short timeouts.
 * Requests are not cut off while the service works on them: that is SUBGRAPH_TIMEOUT_MS's
 * and the operation limits' job.
 */
import type { Server, ServerOptions } from 'node:http';
import { ConfigurationError, envInteger } from './config';

export interface ServerLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_024,
};

/** The limits from REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS and MAX_CONNECTIONS. */
export function serverLimitsFromEnv(): ServerLimits {
  const limits = {
    requestTimeoutMs: envInteger('REQUEST_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.requestTimeoutMs, 1),
    headersTimeoutMs: envInteger('HEADERS_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.headersTimeoutMs, 1),
    keepAliveTimeoutMs: envInteger('KEEP_ALIVE_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs, 1),
    maxConnections: envInteger('MAX_CONNECTIONS', DEFAULT_SERVER_LIMITS.maxConnections, 1),
  };
  // Node refuses a headersTimeout above the requestTimeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigurationError(`HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not be above REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`);
  }
  return limits;
}

/** Options for http.createServer: how often Node looks for connections past their timeouts. */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return { connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))) };
}

export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}
