/**
 * Dashboards fire the same few queries at the same time: identical subgraph calls (same
 * URL, same body) that overlap are made once. The shared answer is read to its end once,
 * and each caller gets a Response of its own, so no caller can consume or change another's
 * (the gateway merges later fetches into the objects it parsed from an answer).
 *
 * Never shared: anything that is not plainly a query (a mutation must run once per
 * request), and calls that carry an Authorization header (one user's answer is not
 * another's). A shared call carries the first caller's request id to the subgraph. A
 * failure reaches every caller waiting for it and is not kept: the next call tries again.
 */
import { bufferResponse, headerOf, toResponse, type BufferedResponse, type SubgraphFetcher } from './fetcher';

/** A query operation: `{ … }` or `query …`, after whitespace, commas and comments. */
const QUERY_START = /^(?:[\s,\uFEFF]|#[^\n\r]*)*(?:\{|query\b)/;

function sharingKey(url: string, init: RequestInit | undefined): string | undefined {
  if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || typeof init?.body !== 'string') return undefined;
  if (headerOf(init, 'authorization') !== undefined) return undefined;
  let query: unknown;
  try {
    query = (JSON.parse(init.body) as { query?: unknown } | null)?.query;
  } catch {
    return undefined;
  }
  if (typeof query !== 'string' || !QUERY_START.test(query)) return undefined;
  return `${url}\n${init.body}`;
}

export function withDeduplication(fetcher: SubgraphFetcher): SubgraphFetcher {
  const inFlight = new Map<string, Promise<BufferedResponse>>();
  return async (url, init) => {
    const key = sharingKey(url, init);
    if (key === undefined) return fetcher(url, init);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(url, init)
        .then(bufferResponse)
        .finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    return toResponse(await shared);
  };
}
