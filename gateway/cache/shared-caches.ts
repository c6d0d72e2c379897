/**
 * The caches the gateway's replicas share when REDIS_URL is set: the response cache's store
 * and Apollo's APQ store, over one Redis connection. Starting does not wait for Redis
 * longer than a second: a gateway whose Redis is away serves all the same, uncached, and
 * uses Redis once it answers.
 */
import { closeRedis, connectRedis, describeRedisUrl, redisReady, type RedisConfig } from '../../platform/redis';
import type { Logger } from '../../platform/logger';
import type { CacheObserver } from '../../platform/metrics/cache-metrics';
import { cacheFailureReporter, type CacheName } from './cache-failures';
import { redisPersistedQueries, type KeyValueCache } from './persisted-queries';
import { redisResponseStore } from './redis-response-store';
import type { ResponseStore } from './response-store';

export interface SharedCaches {
  responses: ResponseStore;
  persistedQueries: KeyValueCache;
  close(): Promise<void>;
}

const CONNECT_WAIT_MS = 1_000;

export async function connectSharedCaches(config: RedisConfig, logger: Logger, observe: Partial<Record<CacheName, CacheObserver>> = {}): Promise<SharedCaches> {
  const where = describeRedisUrl(config.url);
  const failed = cacheFailureReporter(logger, { intervalMs: config.errorLogIntervalMs, observe });
  // Connection errors repeat on every reconnection attempt: logged, rate-limited; the failed commands are what is counted.
  let lastConnectionWarning = -Infinity;
  const redis = connectRedis(config, (error) => {
    if (Date.now() - lastConnectionWarning < config.errorLogIntervalMs) return;
    lastConnectionWarning = Date.now();
    logger.warn({ error: error.message }, `Redis at ${where} unreachable: serving without the shared caches, reconnecting`);
  });
  redis.on('ready', () => logger.info(`shared caches on Redis at ${where}`));
  if (!(await redisReady(redis, CONNECT_WAIT_MS))) logger.warn(`Redis at ${where} does not answer yet: serving without the shared caches until it does`);
  return {
    responses: redisResponseStore(redis, failed),
    persistedQueries: redisPersistedQueries(redis, failed, { observe: observe.persistedQueries }),
    close: () => closeRedis(redis),
  };
}
