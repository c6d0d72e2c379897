/**
 * The connection to Redis that replicas share caches through (REDIS_URL), made to fail open:
 * a cache that cannot answer within REDIS_TIMEOUT_MS must cost a request that long at most,
 * never an error. So commands are not queued while the connection is down
 * (enableOfflineQueue: false: they fail at once), are not retried (maxRetriesPerRequest: 0),
 * and time out after timeoutMs (commandTimeout); the client reconnects in the background
 * with a capped backoff for as long as the process runs.
 */
import type Redis from 'ioredis';
import { envInteger, envString } from './config';

export type { Redis };

export interface RedisConfig {
  /** REDIS_URL, e.g. redis://127.0.0.1:6379/0 or rediss://… */
  url: string;
  /** REDIS_KEY_PREFIX: before every key, so several hubs (or test runs) can share one Redis. */
  keyPrefix: string;
  /** REDIS_TIMEOUT_MS: how long a cache command may take before the request goes on without it. */
  timeoutMs: number;
  /** REDIS_ERROR_LOG_INTERVAL_MS: at most one line about failing cache commands per this many milliseconds. */
  errorLogIntervalMs: number;
}

export const DEFAULT_REDIS_KEY_PREFIX = 'hub:';
export const DEFAULT_REDIS_TIMEOUT_MS = 100;
export const DEFAULT_REDIS_ERROR_LOG_INTERVAL_MS = 10_000;
/** The longest wait between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/** The Redis settings from the environment; undefined without REDIS_URL (caches stay in the process). */
export function redisConfigFromEnv(): RedisConfig | undefined {
  const url = envString('REDIS_URL');
  if (url === undefined) return undefined;
  return {
    url,
    keyPrefix: envString('REDIS_KEY_PREFIX', DEFAULT_REDIS_KEY_PREFIX),
    timeoutMs: envInteger('REDIS_TIMEOUT_MS', DEFAULT_REDIS_TIMEOUT_MS, 1),
    errorLogIntervalMs: envInteger('REDIS_ERROR_LOG_INTERVAL_MS', DEFAULT_REDIS_ERROR_LOG_INTERVAL_MS, 0),
  };
}

/** "host:port" of a Redis URL, never its password. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return '(an unparsable Redis URL)';
  }
}

/**
 * A client that connects in the background; `onError` hears connection errors (ioredis
 * emits them on every failed reconnection: the caller rate-limits what it logs).
 */
export function connectRedis(config: RedisConfig, onError: (error: Error) => void): Redis {
  // Loaded only with REDIS_URL: a hub without Redis does not pay ~0.1 s of CPU per process to load the client.
  const { default: RedisClient } = require('ioredis') as typeof import('ioredis');
  const redis = new RedisClient(config.url, {
    keyPrefix: config.keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: config.timeoutMs,
    connectTimeout: Math.max(1_000, config.timeoutMs * 10),
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  redis.on('error', onError);
  return redis;
}

/** Resolves when the client is connected or `timeoutMs` has passed, whichever is first: never rejects. */
export function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/** Closes the connection: QUIT if it answers in time, else a hard disconnect. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  await redis.quit().catch(() => redis.disconnect());
}
