/**
 * The gateway's response cache for the dashboards' repeated reads: an express middleware
 * on the GraphQL route, after the JSON body parser and the request id, before Apollo.
 *
 * Each service states how long its answers may be cached (a Cache-Control max-age from
 * Apollo's cache-control plugin, which startService installs with CACHE_MAX_AGE as the
 * default); @apollo/gateway combines the subgraphs' hints (keeping the smallest),
 * and Apollo's cache-control plugin turns the result into the response's Cache-Control
 * header: `public, max-age=N` for a cacheable answer, nothing for one with errors.
 *
 * A hit is answered without parsing, validating or planning anything. (Apollo's own
 * response-cache plugin answers hits from inside the pipeline: measured with the
 * benchmark it reached 6.3 × the uncached throughput, this one 30.8 ×; docs/BENCHMARKS.md.)
 * Only a 200 that Apollo marked public and cacheable is kept, for at most its max-age and
 * at most `maxAgeSeconds`, so after a data reload no answer is older than that. Entries are
 * keyed by a SHA-256 of the body in a canonical form (object keys sorted), so the order of
 * keys in a client's JSON does not matter and variables stay apart, and a large body costs
 * the cache no more than a small one. `maxBytes` bounds what the cache holds: each entry
 * counts its key, its answer and a fixed overhead, and least recently used entries go first
 * once it is reached; an entry is dropped when its time is up even if nobody asks for it
 * again (lru-cache's ttl with ttlAutopurge), so stale answers do not sit in memory. A body
 * that cannot be keyed (nested too deeply to serialise) is answered 400 BAD_REQUEST. A
 * request with an Authorization header is neither served from nor stored in the cache: its
 * answer may be one user's.
 *
 * Where answers are kept is a store (gateway/cache/response-store.ts): in the process by
 * default, or in Redis when REDIS_URL is set (gateway/cache/redis-response-store.ts), shared
 * by every gateway replica. Entries are looked up and kept under the data version read when
 * the request arrived. A shared store that fails or is slow (REDIS_TIMEOUT_MS) is passed by:
 * the request is answered from the subgraphs, never with an error.
 *
 * Writes: a mutation through the gateway that wrote something moves the data version on
 * (clear(), called by gateway/plugins/mutation-cache.ts before the mutation's answer is
 * sent), so the next read of any region, through any replica sharing the store, shows the
 * write. A read that was already on its way to the subgraphs when the cache was emptied may
 * carry data from before the write: its answer is passed on and kept under the old version,
 * where nobody looks any more (the in-process store drops it at once). A write sent to a
 * subgraph directly, or a data reload, moves the version on only when that subgraph has
 * REDIS_URL too (services/regional/cache-invalidation.ts); otherwise it shows here once the
 * answers kept before it reach their max-age.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../platform/logger';
import type { CacheObserver } from '../platform/metrics/cache-metrics';
import { requestIdOf } from '../platform/request-id';
import { elapsedMs } from '../platform/request-logging';
import { localResponseStore, type MaybePromise, type ResponseStore, type StoredAnswer } from './cache/response-store';

export { ENTRY_OVERHEAD_BYTES } from './cache/response-store';

export interface ResponseCacheOptions {
  maxAgeSeconds: number;
  /** Bytes of response bodies kept at most (least recently used go first). */
  maxBytes?: number;
  /** Milliseconds since the epoch; Date.now unless a test says otherwise. */
  now?: () => number;
  /** Where hits are logged, one line each, with the request id (misses are logged by Apollo's request logging). */
  logger?: Pick<Logger, 'info'>;
  /** Told `hit` or `miss` once per lookup (platform/metrics/cache-metrics.ts); a failing shared store reports its `error`s itself. */
  observe?: CacheObserver;
  /** Where answers are kept; default: in the process, bounded by maxBytes. */
  store?: ResponseStore;
}

const PUBLIC = /(?:^|,)\s*public\s*(?:,|$)/i;

/** Seconds an answer with this Cache-Control header may be kept, at most `limit`; 0: not at all. */
export function cacheableFor(cacheControl: string | undefined, limit: number): number {
  if (!cacheControl || !PUBLIC.test(cacheControl)) return 0;
  const maxAge = /max-age=(\d+)/i.exec(cacheControl);
  return maxAge ? Math.min(Number(maxAge[1]), limit) : 0;
}

/** JSON with every object's keys sorted: the same value gives the same text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The cache key of a request body: SHA-256 of its canonical JSON. */
export function cacheKey(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

/** The cache as middleware, with what it holds for tests and diagnostics. */
export type ResponseCacheMiddleware = RequestHandler & {
  /** Entries held and the bytes they count (keys, answers, overhead). */
  held(): { entries: number; bytes: number };
  /** After a write: no answer kept before, nor one to a request that arrived before, is served again. */
  clear(): MaybePromise<void>;
};

/** Calls `then` with the value, at once when it is not a promise: the in-process store stays synchronous. */
function after<T>(value: MaybePromise<T>, then: (v: T) => void, failed: (error: unknown) => void): void {
  if (value instanceof Promise) value.then(then).catch(failed);
  else then(value);
}

export function responseCache({ maxAgeSeconds, maxBytes = 64 * 1024 * 1024, now = Date.now, logger, observe, store = localResponseStore({ maxBytes, now }) }: ResponseCacheOptions): ResponseCacheMiddleware {
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (maxAgeSeconds <= 0 || req.method !== 'POST' || typeof req.body !== 'object' || req.body === null || req.headers.authorization !== undefined) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    let key: string;
    try {
      key = cacheKey(req.body);
    } catch {
      // A body nested deeper than the serialiser's stack: a client error, not a crash.
      const error = { errors: [{ message: 'Request body is nested too deeply.', extensions: { code: 'BAD_REQUEST' } }] };
      res.status(400).set({ 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(error));
      return;
    }
    const at = now();
    after(store.version(), (version) => {
      // The store cannot answer (Redis down or slow): on without it, keeping nothing.
      if (version === undefined) {
        next();
        return;
      }
      after(store.get(version, key), (hit) => {
        if (hit) {
          const age = Math.floor((at - hit.storedAt) / 1000);
          if (age < hit.maxAgeSeconds) {
            res.status(200).set({ 'content-type': hit.contentType, 'cache-control': `max-age=${hit.maxAgeSeconds - age}, public`, age: String(age) }).end(hit.body);
            const operationName = typeof req.body.operationName === 'string' ? req.body.operationName : null;
            logger?.info({ requestId: requestIdOf(res), operationName, cache: 'hit', durationMs: elapsedMs(started) }, 'graphql request');
            observe?.('hit');
            return;
          }
        }
        observe?.('miss');
        keepAnswer(res, (answer) => store.set(version, key, answer, answer.maxAgeSeconds * 1000, at), at);
        next();
      }, next);
    }, next);
  };

  /** A miss: passed on; its answer is kept if Apollo marks it cacheable. */
  function keepAnswer(res: Response, keep: (answer: StoredAnswer) => void, at: number) {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as string));
      return write(chunk, ...rest);
    }) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
      const seconds = res.statusCode === 200 ? cacheableFor(res.getHeader('cache-control') as string | undefined, maxAgeSeconds) : 0;
      if (seconds > 0) keep({ body: Buffer.concat(chunks), contentType: String(res.getHeader('content-type') ?? 'application/json'), storedAt: at, maxAgeSeconds: seconds });
      return end(chunk, ...rest);
    }) as Response['end'];
  }

  return Object.assign(middleware, {
    held: () => store.held(),
    clear: () => store.invalidate(),
  });
}
