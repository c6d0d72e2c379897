/**
 * A cap on the bytes of one subgraph answer: the body is read chunk by chunk and the call
 * fails with SubgraphResponseTooLargeError (SUBGRAPH_RESPONSE_TOO_LARGE, with the subgraph's
 * name) as soon as it passes `maxBytes`, or at once when Content-Length says it will. The
 * read is cancelled there, so the rest of the answer is never held: a subgraph (or an
 * operation that slipped past the cost model) cannot fill the gateway's memory.
 */
import { SubgraphResponseTooLargeError } from '../subgraph-errors';
import type { SubgraphFetcher } from './fetcher';
import { LoadedResponse } from './loaded-response';

/** 5 MB: thirty times the largest dashboard answer measured (the benchmark's 160 KB timeline). */
export const DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES = 5 * 1024 * 1024;

export function withResponseLimit(fetcher: SubgraphFetcher, { subgraph, maxBytes }: { subgraph: string; maxBytes: number }): SubgraphFetcher {
  return async (url, init) => {
    const response = await fetcher(url, init);
    if (response instanceof LoadedResponse) {
      // Read already (by a fetch that holds no more than its own limit): only its size to check.
      if ((response.loadedBytes()?.byteLength ?? 0) > maxBytes) throw new SubgraphResponseTooLargeError(subgraph, maxBytes);
      return response;
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new SubgraphResponseTooLargeError(subgraph, maxBytes);
    }
    if (!response.body) return response;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new SubgraphResponseTooLargeError(subgraph, maxBytes);
      }
      chunks.push(value);
    }
    return new LoadedResponse(Buffer.concat(chunks), response);
  };
}
