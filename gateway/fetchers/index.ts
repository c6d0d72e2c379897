/**
 * The gateway's policy for subgraph calls, composed in one place: every call is bounded by
 * SUBGRAPH_TIMEOUT_MS, and identical concurrent queries are made once
 * (DEDUPLICATE_SUBGRAPH_REQUESTS=false turns that off). The deduplication sits outside the
 * timeout, so callers who share a call share its deadline and its outcome.
 */
import { withDeduplication } from './deduplication';
import type { SubgraphFetcher } from './fetcher';
import { DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, withResponseLimit } from './response-limit';
import { withTimeout } from './timeout';

export type { SubgraphFetcher } from './fetcher';
export { withDeduplication } from './deduplication';
export { withTimeout } from './timeout';
export { DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, withResponseLimit } from './response-limit';

export interface SubgraphFetchPolicy {
  subgraph: string;
  timeoutMs: number;
  deduplicate: boolean;
  /** Bytes one subgraph answer may have (MAX_SUBGRAPH_RESPONSE_BYTES); default 5 MB. */
  maxResponseBytes?: number;
  /** The fetch underneath; the platform's by default, a fake in tests. */
  fetch?: SubgraphFetcher;
}

export function subgraphFetcher({ subgraph, timeoutMs, deduplicate, maxResponseBytes = DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, fetch = globalThis.fetch }: SubgraphFetchPolicy): SubgraphFetcher {
  // The byte cap inside the timeout: the timeout buffers the whole answer, the cap stops that read.
  const timed = withTimeout(withResponseLimit(fetch, { subgraph, maxBytes: maxResponseBytes }), { subgraph, timeoutMs });
  return deduplicate ? withDeduplication(timed) : timed;
}
