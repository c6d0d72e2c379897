/**
 * Cache lookups by cache and result, for any cache of a service (the gateway's response
 * cache; a shared store such as Redis reports its failures the same way): the cache is
 * handed a CacheObserver and calls it once per lookup with `hit` or `miss`, and with `error`
 * when its store failed and the request went on without it (a cache fails open).
 */
import { Counter, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './registry';

export type CacheResult = 'hit' | 'miss' | 'error';
export type CacheObserver = (result: CacheResult) => void;

const NAME = `${METRIC_PREFIX}cache_lookups_total`;

/** The observer of the cache named `cache`; every cache of a registry shares one counter. */
export function cacheObserver(registry: Registry, cache: string): CacheObserver {
  const counter =
    (registry.getSingleMetric(NAME) as Counter<'cache' | 'result'> | undefined) ??
    new Counter({
      name: NAME,
      help: 'Cache lookups by cache and result: hit, miss, or error (the store failed; the request went on without it).',
      labelNames: ['cache', 'result'],
      registers: [registry],
    });
  // Present from the start at 0, so a rate over the first hit or error is not lost.
  for (const result of ['hit', 'miss', 'error'] as const) counter.inc({ cache, result }, 0);
  return (result) => counter.inc({ cache, result });
}
