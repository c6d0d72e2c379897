/**
 * The data version: a counter in Redis that every cached answer's key carries. A write
 * through any gateway replica (and a write or an import in a regional subgraph, when it has
 * REDIS_URL) increments it, after which every replica reads and stores answers under the
 * new number: answers kept before the write are not found any more, and expire by their TTL.
 * One counter for the whole hub: a write in one region makes every region's cached answers
 * stale, which is simple and right for a cache of answers that may span regions.
 */

/** The key (after REDIS_KEY_PREFIX) of the counter. */
export const DATA_VERSION_KEY = 'data-version';

/** The current version; "0" before the first write. Rejects when Redis does not answer. */
export async function readDataVersion(redis: { get(key: string): Promise<string | null> }): Promise<string> {
  return (await redis.get(DATA_VERSION_KEY)) ?? '0';
}

/** Increments the version; rejects when Redis does not answer. */
export async function bumpDataVersion(redis: { incr(key: string): Promise<number> }): Promise<void> {
  await redis.incr(DATA_VERSION_KEY);
}
