/** The Redis settings from the environment: none without REDIS_URL, defaults, and errors that name the variable. */
import { ConfigurationError } from '../../../platform/config';
import { DEFAULT_REDIS_ERROR_LOG_INTERVAL_MS, DEFAULT_REDIS_KEY_PREFIX, DEFAULT_REDIS_TIMEOUT_MS, describeRedisUrl, redisConfigFromEnv } from '../../../platform/redis';
import { isolateEnv } from '../../support/isolated-env';

isolateEnv(['REDIS_URL', 'REDIS_KEY_PREFIX', 'REDIS_TIMEOUT_MS', 'REDIS_ERROR_LOG_INTERVAL_MS']);

describe('redisConfigFromEnv', () => {
  it('is undefined without REDIS_URL: the caches stay in the process', () => {
    expect(redisConfigFromEnv()).toBeUndefined();
    process.env.REDIS_URL = '';
    expect(redisConfigFromEnv()).toBeUndefined();
  });

  it('has a key prefix, a short timeout and a log interval by default, each settable', () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379/2';
    expect(redisConfigFromEnv()).toEqual({ url: 'redis://127.0.0.1:6379/2', keyPrefix: DEFAULT_REDIS_KEY_PREFIX, timeoutMs: DEFAULT_REDIS_TIMEOUT_MS, errorLogIntervalMs: DEFAULT_REDIS_ERROR_LOG_INTERVAL_MS });
    process.env.REDIS_KEY_PREFIX = 'sundhed:';
    process.env.REDIS_TIMEOUT_MS = '50';
    process.env.REDIS_ERROR_LOG_INTERVAL_MS = '0';
    expect(redisConfigFromEnv()).toMatchObject({ keyPrefix: 'sundhed:', timeoutMs: 50, errorLogIntervalMs: 0 });
  });

  it('refuses a timeout that is not a positive whole number, naming the variable', () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    process.env.REDIS_TIMEOUT_MS = '0';
    expect(() => redisConfigFromEnv()).toThrow(ConfigurationError);
    expect(() => redisConfigFromEnv()).toThrow(/REDIS_TIMEOUT_MS/);
  });
});

describe('describeRedisUrl', () => {
  it('names the host and port, never the password', () => {
    expect(describeRedisUrl('redis://:s3cret@cache.internal:6380/0')).toBe('cache.internal:6380');
    expect(describeRedisUrl('rediss://user:s3cret@cache.internal')).toBe('cache.internal:6379');
    expect(describeRedisUrl('not a url')).toBe('(an unparsable Redis URL)');
  });
});
