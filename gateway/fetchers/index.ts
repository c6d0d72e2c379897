/**
 * The gateway's policy for subgraph calls, composed in one place: every call is bounded by
 * SUBGRAPH_TIMEOUT_MS, and identical concurrent queries are made once
 * (DEDUPLICATE_SUBGRAPH_REQUESTS=false turns that off). The deduplication sits outside the
 * timeout, so callers who share a call share its deadline and its outcome.
 */
import { withDeduplication } from './deduplication';
import type { SubgraphFetcher } from './fetcher';
import { withTimeout } from './timeout';

export type { SubgraphFetcher } from './fetcher';
export { withDeduplication } from './deduplication';
export { withTimeout } from './timeout';

export interface SubgraphFetchPolicy {
  subgraph: string;
  timeoutMs: number;
  deduplicate: boolean;
  /** The fetch underneath; the platform's by default, a fake in tests. */
  fetch?: SubgraphFetcher;
}

export function subgraphFetcher({ subgraph, timeoutMs, deduplicate, fetch = globalThis.fetch }: SubgraphFetchPolicy): SubgraphFetcher {
  const timed = withTimeout(fetch, { subgraph, timeoutMs });
  return deduplicate ? withDeduplication(timed) : timed;
}
