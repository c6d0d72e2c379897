/**
 * A response cache for the dashboards' repeated reads.
 *
 * Each service states how long its answers may be cached (a Cache-Control max-age from
 * Apollo's cache-control plugin, which startService installs with CACHE_MAX_AGE as the
 * default); @apollo/gateway combines the subgraphs' hints (keeping the smallest),
 * and Apollo's cache-control plugin turns the result into the response's Cache-Control
 * header: `public, max-age=N` for a cacheable answer, nothing for one with errors.
 *
 * The cache itself sits in front of Apollo's request pipeline, keyed by the request body:
 * a hit is answered without parsing, validating or planning anything. (Apollo's own
 * response-cache plugin answers hits from inside the pipeline: measured with the
 * benchmark it reached 6.3 × the uncached throughput, this one 30.8 ×; docs/BENCHMARKS.md.) Only what
 * Apollo marked public and cacheable is kept, for at most its max-age and at most
 * `maxAgeSeconds`, so after a data reload no answer is older than that.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';

interface Entry {
  body: Buffer;
  contentType: string;
  storedAt: number;
  maxAgeSeconds: number;
}

export interface ResponseCacheOptions {
  maxAgeSeconds: number;
  /** Bytes of response bodies kept at most (least recently used go first). */
  maxBytes?: number;
}

const PUBLIC_MAX_AGE = /(?:^|,)\s*public\s*(?:,|$)/i;

function cacheableFor(cacheControl: string | undefined, limit: number): number {
  if (!cacheControl || !PUBLIC_MAX_AGE.test(cacheControl)) return 0;
  const maxAge = /max-age=(\d+)/i.exec(cacheControl);
  return maxAge ? Math.min(Number(maxAge[1]), limit) : 0;
}

/** Express middleware for the GraphQL route; mount it after the JSON body parser. */
export function useResponseCache({ maxAgeSeconds, maxBytes = 64 * 1024 * 1024 }: ResponseCacheOptions): RequestHandler {
  const cache = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (e) => e.body.length + 1 });
  return (req: Request, res: Response, next: NextFunction) => {
    if (maxAgeSeconds <= 0 || req.method !== 'POST' || typeof req.body !== 'object' || req.body === null) {
      next();
      return;
    }
    const key = JSON.stringify(req.body);
    const hit = cache.get(key);
    const now = Date.now();
    if (hit) {
      const age = Math.floor((now - hit.storedAt) / 1000);
      if (age < hit.maxAgeSeconds) {
        res.status(200).set({ 'content-type': hit.contentType, 'cache-control': `max-age=${hit.maxAgeSeconds - age}, public`, age: String(age) }).end(hit.body);
        return;
      }
      cache.delete(key);
    }
    // A miss: pass on, and keep the answer if Apollo marks it cacheable.
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
      if (seconds > 0) {
        cache.set(key, { body: Buffer.concat(chunks), contentType: String(res.getHeader('content-type') ?? 'application/json'), storedAt: now, maxAgeSeconds: seconds });
      }
      return end(chunk, ...rest);
    }) as Response['end'];
    next();
  };
}
