/**
 * The response cache's store in Redis, shared by every gateway replica: an answer is kept
 * under `response:<data version>:<key of the request>` with Redis's own expiry (PX, its
 * max-age), so nothing outlives its time and answers stored under an old version go by
 * themselves. Every operation fails open: a Redis error or timeout is reported (counted and
 * logged, rate-limited) and the request goes on as a miss that keeps nothing.
 *
 * An entry is one Redis string: a line of JSON (content type, time stored, max-age), a
 * newline, then the answer's bytes as they were sent.
 */
import { bumpDataVersion, readDataVersion } from '../../platform/data-version';
import type { CacheFailure } from './cache-failures';
import type { ResponseStore, StoredAnswer } from './response-store';

export const responseKey = (version: string, key: string) => `response:${version}:${key}`;

export function encodeAnswer(answer: StoredAnswer): Buffer {
  const head = JSON.stringify({ contentType: answer.contentType, storedAt: answer.storedAt, maxAgeSeconds: answer.maxAgeSeconds });
  return Buffer.concat([Buffer.from(`${head}\n`), answer.body]);
}

/** The answer of an entry, or undefined for one this code did not write (it is then a miss). */
export function decodeAnswer(entry: Buffer): StoredAnswer | undefined {
  const newline = entry.indexOf(0x0a);
  if (newline < 0) return undefined;
  try {
    const head = JSON.parse(entry.subarray(0, newline).toString('utf8')) as Partial<StoredAnswer>;
    if (typeof head.contentType !== 'string' || typeof head.storedAt !== 'number' || typeof head.maxAgeSeconds !== 'number') return undefined;
    return { contentType: head.contentType, storedAt: head.storedAt, maxAgeSeconds: head.maxAgeSeconds, body: entry.subarray(newline + 1) };
  } catch {
    return undefined;
  }
}

/** The commands of ioredis this store uses (a fake of them does for tests). */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  getBuffer(key: string): Promise<Buffer | null>;
  set(key: string, value: Buffer, mode: 'PX', milliseconds: number): Promise<unknown>;
  incr(key: string): Promise<number>;
}

export function redisResponseStore(redis: RedisCommands, failed: CacheFailure): ResponseStore {
  const failOpen = <T>(fallback: T) => (error: unknown): T => {
    failed('response', error);
    return fallback;
  };
  return {
    version: () => readDataVersion(redis).catch(failOpen(undefined)),
    get: (version, key) =>
      redis
        .getBuffer(responseKey(version, key))
        .then((entry) => (entry ? decodeAnswer(entry) : undefined))
        .catch(failOpen(undefined)),
    set: (version, key, answer, ttlMs) =>
      redis
        .set(responseKey(version, key), encodeAnswer(answer), 'PX', ttlMs)
        .then(() => undefined)
        .catch(failOpen(undefined)),
    // The write has happened whatever Redis says: its answer must not wait for it longer than the timeout.
    invalidate: () => bumpDataVersion(redis).catch(failOpen(undefined)),
    held: () => ({ entries: 0, bytes: 0 }),
  };
}
