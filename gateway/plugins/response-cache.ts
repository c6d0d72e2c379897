/**
 * A response cache for the dashboards' repeated reads. Each subgraph states how long its
 * answers may be cached (a Cache-Control max-age, see useCacheHints); the gateway combines
 * those hints (@apollo/gateway honours the subgraphs' Cache-Control headers and keeps the
 * smallest) and keeps whole responses for that long. A response with errors is never
 * cached, and after a data reload no answer is older than the maximum age.
 */
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';

export const DEFAULT_CACHE_MAX_AGE_SECONDS = 30;

/** The cache hint every service gives: all data may be cached for `maxAgeSeconds` (0: not at all). */
export function useCacheHints(maxAgeSeconds: number) {
  return ApolloServerPluginCacheControl({ defaultMaxAge: maxAgeSeconds });
}

export function useResponseCache(maxAgeSeconds: number) {
  if (maxAgeSeconds <= 0) return [useCacheHints(0)];
  return [useCacheHints(maxAgeSeconds), responseCachePlugin()];
}
