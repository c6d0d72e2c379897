/**
 * Apollo's automatic persisted queries (APQ) in Redis, shared by every gateway replica: a
 * client that registered a query's hash through one replica can send the hash alone to
 * another. Apollo Server keeps APQ in its own in-process LRU unless given a KeyValueCache;
 * this is that KeyValueCache, over the gateway's Redis connection. Apollo adds its own
 * "apq:" before the hash, REDIS_KEY_PREFIX goes before that.
 *
 * It fails open: a lookup Redis cannot answer is a miss (Apollo then answers
 * PERSISTED_QUERY_NOT_FOUND and the client sends the whole query, as the protocol says), a
 * registration it cannot store is dropped. A query registered by a request with
 * Authorization is not stored (authenticated-requests.ts): the text of an operation may hold
 * what one user sent. Entries expire after `ttlSeconds` (Apollo's own store keeps them until
 * its LRU is full; Redis has no such bound of its own).
 */
import type { CacheObserver } from '../../platform/metrics/cache-metrics';
import type { CacheFailure } from './cache-failures';
import { inAuthenticatedRequest } from './authenticated-requests';

/** How long a registered query is kept when Apollo does not say: a day. */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;

/** Apollo's KeyValueCache, as @apollo/utils.keyvaluecache declares it. */
export interface KeyValueCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** The commands of ioredis this store uses (a fake of them does for tests). */
export interface PersistedQueryCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
  del(key: string): Promise<number>;
}

export function redisPersistedQueries(
  redis: PersistedQueryCommands,
  failed: CacheFailure,
  { ttlSeconds = PERSISTED_QUERY_TTL_SECONDS, authenticated = inAuthenticatedRequest, observe }: { ttlSeconds?: number; authenticated?: () => boolean; observe?: CacheObserver } = {},
): KeyValueCache {
  return {
    async get(key) {
      try {
        const value = await redis.get(key);
        observe?.(value === null ? 'miss' : 'hit');
        return value ?? undefined;
      } catch (error) {
        failed('persistedQueries', error);
        return undefined;
      }
    },
    async set(key, value, options) {
      if (authenticated()) return;
      const ttl = options?.ttl ?? ttlSeconds;
      try {
        await redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttl)));
      } catch (error) {
        failed('persistedQueries', error);
      }
    },
    async delete(key) {
      try {
        return (await redis.del(key)) > 0;
      } catch (error) {
        failed('persistedQueries', error);
        return false;
      }
    },
  };
}
