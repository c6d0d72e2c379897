/**
 * What the gateway's caches did, counted since the process started, for whoever reports it
 * (a /metrics endpoint reads `cacheCounters`; the log gets the error count below). One set
 * of counters per process: a process runs one gateway.
 *
 * - hits, misses: answers served from a cache, and cacheable requests it could not serve
 *   (the response cache only; requests it does not look at, e.g. with Authorization, are neither);
 * - errors: cache commands that failed or timed out, after which the request went on
 *   without the cache (the shared caches on Redis fail open).
 */
import type { Logger } from '../../platform/logger';

export type CacheName = 'response' | 'persistedQueries';

export interface CacheCounts {
  hits: number;
  misses: number;
  errors: number;
}

export const cacheCounters: Record<CacheName, CacheCounts> = {
  response: { hits: 0, misses: 0, errors: 0 },
  persistedQueries: { hits: 0, misses: 0, errors: 0 },
};

/** Errors of every cache together: the number the log lines carry. */
export const cacheErrors = () => cacheCounters.response.errors + cacheCounters.persistedQueries.errors;

export type CacheFailure = (cache: CacheName, error: unknown) => void;

/**
 * Counts a failed cache command and logs it, at most once per `intervalMs` (a Redis that is
 * down fails every request; REDIS_ERROR_LOG_INTERVAL_MS), with how many have
 * failed so far (`cacheErrors`), so the log shows the count rising while Redis is away.
 */
export function cacheFailureReporter(logger: Pick<Logger, 'warn'>, { intervalMs, now = Date.now }: { intervalMs: number; now?: () => number }): CacheFailure {
  let lastLoggedAt = -Infinity;
  return (cache, error) => {
    cacheCounters[cache].errors++;
    const at = now();
    if (at - lastLoggedAt < intervalMs) return;
    lastLoggedAt = at;
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ cache, error: message, cacheErrors: cacheErrors() }, 'shared cache unavailable: answering without it');
  };
}
