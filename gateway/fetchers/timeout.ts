/**
 * @apollo/gateway sets no timeout on subgraph calls (it only lets a custom fetcher pass an
 * AbortSignal): this wrapper aborts a call that has not answered, headers and body, within
 * `timeoutMs`, and throws SubgraphTimeoutError, so one slow region cannot hold a
 * dashboard's whole request.
 */
import { SubgraphTimeoutError } from '../subgraph-errors';
import { bufferResponse, toResponse, type SubgraphFetcher } from './fetcher';

export function withTimeout(fetcher: SubgraphFetcher, { subgraph, timeoutMs }: { subgraph: string; timeoutMs: number }): SubgraphFetcher {
  return async (url, init = {}) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Settles only by timing out; raced with the call, so even a fetcher that ignores the
    // signal cannot hold the request longer.
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new SubgraphTimeoutError(subgraph, timeoutMs);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const call = (async () => toResponse(await bufferResponse(await fetcher(url, { ...init, signal }))))();
    try {
      // Promise.race handles both, so the loser's rejection is not left unhandled.
      return await Promise.race([call, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}
