/**
 * What the shared caches do when Redis fails: the request goes on without the cache, the
 * failure is counted (`hub_cache_lookups_total{result="error"}` through the cache's
 * CacheObserver, platform/metrics/cache-metrics.ts) and logged, at most once per
 * `intervalMs` (REDIS_ERROR_LOG_INTERVAL_MS: a Redis that is down fails every request),
 * with how many have failed so far, so the log shows the count rising while Redis is away.
 */
import type { Logger } from '../../platform/logger';
import type { CacheObserver } from '../../platform/metrics/cache-metrics';

export type CacheName = 'response' | 'persistedQueries';

export type CacheFailure = (cache: CacheName, error: unknown) => void;

export interface CacheFailureOptions {
  intervalMs: number;
  /** Where each cache's lookups are counted; failures are counted there as `error`. */
  observe?: Partial<Record<CacheName, CacheObserver>>;
  now?: () => number;
}

export function cacheFailureReporter(logger: Pick<Logger, 'warn'>, { intervalMs, observe = {}, now = Date.now }: CacheFailureOptions): CacheFailure {
  let failures = 0;
  let lastLoggedAt = -Infinity;
  return (cache, error) => {
    failures++;
    observe[cache]?.('error');
    const at = now();
    if (at - lastLoggedAt < intervalMs) return;
    lastLoggedAt = at;
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ cache, error: message, cacheErrors: failures }, 'shared cache unavailable: answering without it');
  };
}
