/**
 * Where the response cache (gateway/response-cache.ts) keeps answers: in the process (an
 * LRU bounded in bytes, as before there was a shared one), or in Redis
 * (redis-response-store.ts) for every replica. Both key answers by the data version: an
 * answer is stored and looked up under the version read when its request arrived, and
 * `invalidate()` (after a write) moves every replica on to a new version.
 *
 * The in-process store answers synchronously (no promise), so a hit costs what it cost
 * before; the middleware waits only for a store that returns promises.
 */
import { LRUCache } from 'lru-cache';

export type MaybePromise<T> = T | Promise<T>;

export interface StoredAnswer {
  body: Buffer;
  contentType: string;
  /** Milliseconds since the epoch. */
  storedAt: number;
  maxAgeSeconds: number;
}

export interface ResponseStore {
  /** The data version answers are read and stored under now; undefined: the store cannot answer, go on without it. */
  version(): MaybePromise<string | undefined>;
  get(version: string, key: string): MaybePromise<StoredAnswer | undefined>;
  /** Keeps the answer for `ttlMs`; one made under a version that is no longer current may be dropped. */
  set(version: string, key: string, answer: StoredAnswer, ttlMs: number, storedAt: number): MaybePromise<void>;
  /** After a write: nothing stored before is found again. */
  invalidate(): MaybePromise<void>;
  /** Entries and bytes held in this process (the in-process store; a shared one holds nothing here). */
  held(): { entries: number; bytes: number };
}

/** What an entry costs beyond its key and body: the entry object, the cache's slots, its expiry timer. */
export const ENTRY_OVERHEAD_BYTES = 512;

export interface LocalStoreOptions {
  maxBytes: number;
  now: () => number;
}

/** The store in the process: the version is a counter, and invalidating also frees the memory. */
export function localResponseStore({ maxBytes, now }: LocalStoreOptions): ResponseStore {
  const cache = new LRUCache<string, StoredAnswer>({
    maxSize: maxBytes,
    sizeCalculation: (e, key) => key.length + e.body.length + e.contentType.length + ENTRY_OVERHEAD_BYTES,
    // Each entry's ttl is set when it is stored; expired entries are dropped by a timer.
    ttlAutopurge: true,
    perf: { now },
  });
  let version = 0;
  return {
    version: () => String(version),
    // Only the current version's answers are held, so the key needs no version.
    get: (v, key) => (v === String(version) ? cache.get(key) : undefined),
    set: (v, key, answer, ttlMs, storedAt) => {
      // An answer that was on its way while the cache was emptied: passed on, not kept.
      if (v === String(version)) cache.set(key, answer, { ttl: ttlMs, start: storedAt });
    },
    invalidate: () => {
      version++;
      cache.clear();
    },
    held: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  };
}
