/**
 * A cap on the GraphQL requests one service works on at once. Past it, a request is answered
 * at once with 503, `Retry-After` and a GraphQL error with a code, before its body is even
 * read: a burst costs the callers a retry instead of costing the process its memory. The
 * health endpoints are not counted (they are answered before this middleware).
 */
import type { RequestHandler } from 'express';
import { envInteger } from './config';

/** Requests in flight per service when MAX_CONCURRENT_REQUESTS does not say. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 64;
/** What a refused caller is told to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 1;
export const OVERLOADED_CODE = 'SERVICE_OVERLOADED';

/** MAX_CONCURRENT_REQUESTS: a whole number of at least 1. */
export function envMaxConcurrentRequests(fallback = DEFAULT_MAX_CONCURRENT_REQUESTS): number {
  return envInteger('MAX_CONCURRENT_REQUESTS', fallback, 1);
}

/** The middleware, with its own count: one per service. `inFlight()` tells the count, for tests. */
export function concurrencyLimit(max: number): RequestHandler & { inFlight(): number } {
  let inFlight = 0;
  const handler: RequestHandler = (_req, res, next) => {
    if (inFlight >= max) {
      res
        .status(503)
        .set('retry-after', String(RETRY_AFTER_SECONDS))
        .json({ errors: [{ message: `The service is answering ${max} requests already; retry in a moment.`, extensions: { code: OVERLOADED_CODE } }] });
      return;
    }
    inFlight++;
    let released = false;
    // 'close' comes after 'finish', and alone when the caller goes away first: count down once.
    const release = () => {
      if (released) return;
      released = true;
      inFlight--;
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  return Object.assign(handler, { inFlight: () => inFlight });
}
