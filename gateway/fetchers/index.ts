/**
 * The gateway's policy for subgraph calls, composed in one place: every call is bounded by
 * SUBGRAPH_TIMEOUT_MS, a subgraph that keeps failing or timing out is not called for a
 * while (its circuit breaker, BREAKER_FAILURE_THRESHOLD / BREAKER_RESET_MS), and identical
 * concurrent queries are made once (DEDUPLICATE_SUBGRAPH_REQUESTS=false turns that off).
 * The breaker sits outside the timeout, so a timeout counts as a failure; the deduplication
 * outside both, so callers who share a call share its deadline and its outcome, and a
 * shared call counts once; the call metrics (metrics.ts) between the deduplication and the
 * breaker, so a shared call is counted once and a call the open circuit refused is counted.
 */
import { DEFAULT_BREAKER_FAILURE_THRESHOLD, DEFAULT_BREAKER_RESET_MS, withCircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { withDeduplication } from './deduplication';
import type { SubgraphFetcher } from './fetcher';
import { withMetrics, type SubgraphMetrics } from './metrics';
import { DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, withResponseLimit } from './response-limit';
import { withTimeout } from './timeout';
import { httpFetch } from './http-fetch';

export type { SubgraphFetcher } from './fetcher';
export { withDeduplication } from './deduplication';
export { withTimeout } from './timeout';
export { DEFAULT_BREAKER_FAILURE_THRESHOLD, DEFAULT_BREAKER_RESET_MS, withCircuitBreaker } from './circuit-breaker';
export { DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, withResponseLimit } from './response-limit';

export interface SubgraphFetchPolicy {
  subgraph: string;
  timeoutMs: number;
  deduplicate: boolean;
  /** The subgraph's circuit breaker; the defaults (5 failures in a row, 5 s open) when not given. */
  breaker?: Partial<Pick<CircuitBreakerOptions, 'failureThreshold' | 'resetMs' | 'logger'>>;
  /** Bytes one subgraph answer may have (MAX_SUBGRAPH_RESPONSE_BYTES); default 5 MB. */
  maxResponseBytes?: number;
  /** Where the calls are counted (fetchers/metrics.ts), inside the deduplication; not counted when absent. */
  metrics?: SubgraphMetrics;
  /** The fetch underneath: node:http(s) with keep-alive by default (http-fetch.ts), a fake in tests. */
  fetch?: SubgraphFetcher;
}

export function subgraphFetcher({
  subgraph,
  timeoutMs,
  deduplicate,
  maxResponseBytes = DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES,
  breaker = {},
  metrics,
  fetch,
}: SubgraphFetchPolicy): SubgraphFetcher {
  fetch ??= httpFetch({ subgraph, maxBytes: maxResponseBytes });
  // The byte cap inside the timeout: the timeout buffers the whole answer, the cap stops that
  // read (http-fetch applies it while reading; withResponseLimit does for any other fetch).
  const timed = withTimeout(withResponseLimit(fetch, { subgraph, maxBytes: maxResponseBytes }), { subgraph, timeoutMs });
  const guarded = withCircuitBreaker(timed, {
    subgraph,
    failureThreshold: breaker.failureThreshold ?? DEFAULT_BREAKER_FAILURE_THRESHOLD,
    resetMs: breaker.resetMs ?? DEFAULT_BREAKER_RESET_MS,
    logger: breaker.logger,
  });
  const counted = metrics ? withMetrics(guarded, { subgraph, metrics }) : guarded;
  return deduplicate ? withDeduplication(counted) : counted;
}
