/**
 * The metrics of one service, in a Prometheus registry of its own (never prom-client's
 * global default registry): several services started in one process, as the tests do, keep
 * their counts apart, and each `/metrics` shows its own service only.
 *
 * Here: the registry and the GraphQL metrics every service has (counted by use-metrics.ts).
 * What only some services have is declared, once, by the module that counts it, in the
 * registry it is handed: the gateway's subgraph calls (gateway/fetchers/metrics.ts), cache
 * lookups (cache-metrics.ts), database pools (db-pool.ts). Label values a client chooses
 * (operation names) are clipped and bounded in number (boundedLabel), so a client inventing
 * names cannot grow the registry.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prefix of every metric of the hub. */
export const METRIC_PREFIX = 'hub_';

/** Distinct operation names a service keeps as labels; later ones are counted as OTHER_LABEL. */
export const MAX_OPERATION_NAMES = 200;
/** Characters of a label value kept. */
export const MAX_LABEL_LENGTH = 64;
/** Distinct error codes kept as labels. */
export const MAX_ERROR_CODES = 50;
export const OTHER_LABEL = '(other)';
/** The label of an operation sent without a name, or one that never resolved (a parse or validation error). */
export const ANONYMOUS_LABEL = '(anonymous)';

/**
 * Seconds: from a cache hit (well under a millisecond) to a dashboard's whole timeline
 * (hundreds of milliseconds) and a subgraph timeout (SUBGRAPH_TIMEOUT_MS, 10 s by default).
 */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * A label value from an open set, kept to `max` distinct values: the first `max` seen are
 * kept as they are (clipped), every later one is OTHER_LABEL.
 */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    const clipped = value.length > MAX_LABEL_LENGTH ? value.slice(0, MAX_LABEL_LENGTH) : value;
    if (seen.has(clipped)) return clipped;
    if (seen.size >= max) return OTHER_LABEL;
    seen.add(clipped);
    return clipped;
  };
}

export interface ServiceMetrics {
  registry: Registry;
  /** GraphQL operations answered by Apollo (not the gateway's cache hits: see cacheLookups). */
  requests: Counter<'operation_name' | 'operation_type'>;
  /** Errors in those answers, by the error's extensions.code. */
  errors: Counter<'operation_name' | 'code'>;
  /** Seconds from Apollo receiving the operation to its answer being sent. */
  requestDuration: Histogram<'operation_name' | 'operation_type'>;
  /** Operation names, bounded (boundedLabel). */
  operationLabel: (name: string) => string;
  /** Error codes, bounded: a subgraph's codes pass through the gateway. */
  codeLabel: (code: string) => string;
}

/** A registry for one service: its GraphQL metrics, and Node's process metrics (CPU, memory, event loop, GC). */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return {
    registry,
    requests: new Counter({
      name: `${METRIC_PREFIX}graphql_requests_total`,
      help: 'GraphQL operations answered, by operation name and type (query, mutation; "unknown" when it never resolved).',
      labelNames: ['operation_name', 'operation_type'],
      registers: [registry],
    }),
    errors: new Counter({
      name: `${METRIC_PREFIX}graphql_errors_total`,
      help: 'Errors in GraphQL answers, by operation name and error code (extensions.code).',
      labelNames: ['operation_name', 'code'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: `${METRIC_PREFIX}graphql_request_duration_seconds`,
      help: 'Seconds from receiving a GraphQL operation to sending its answer.',
      labelNames: ['operation_name', 'operation_type'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    operationLabel: boundedLabel(MAX_OPERATION_NAMES),
    codeLabel: boundedLabel(MAX_ERROR_CODES),
  };
}
