/**
 * A regional subgraph's part in the gateways' shared response cache (REDIS_URL, the same
 * Redis and REDIS_KEY_PREFIX as the gateways): after a mutation that wrote something, and
 * after an import of changed data files at start-up (a reload) or by `npm run db:load`, it moves the shared data
 * version on (platform/data-version.ts), so the next read through any gateway replica is
 * fresh even when the write did not go through a gateway. Without REDIS_URL nothing
 * happens here: such writes show through the gateways once cached answers reach their
 * max-age, as before.
 *
 * Failing open, as the gateways do: a Redis that does not answer within REDIS_TIMEOUT_MS
 * costs the write's answer that long at most and is logged; the write stands.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { bumpDataVersion } from '../../platform/data-version';
import type { Logger } from '../../platform/logger';
import { closeRedis, connectRedis, redisReady, type RedisConfig } from '../../platform/redis';

export interface CacheInvalidation {
  /** Moves the version on; never rejects: false (and a warning in the log) when Redis did not answer. */
  bump(reason: string): Promise<boolean>;
  /** Bumps after every mutation answered with some data. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C>;
  close(): Promise<void>;
}

const CONNECT_WAIT_MS = 1_000;

export function cacheInvalidation(config: RedisConfig, logger: Logger): CacheInvalidation {
  const redis = connectRedis(config, () => {
    // The failed bump says it; reconnection attempts are not worth a line each.
  });
  // The first bump (after an import) may come before the connection is up: it waits for it, briefly.
  const connected = redisReady(redis, CONNECT_WAIT_MS);
  const bump = async (reason: string) => {
    try {
      await connected;
      await bumpDataVersion(redis);
      return true;
    } catch (error) {
      logger.warn({ error: (error as Error).message }, `could not move the shared cache's data version on after ${reason}: gateways may serve older answers until their max-age`);
      return false;
    }
  };
  return {
    bump,
    plugin: () => ({
      async requestDidStart() {
        return {
          async willSendResponse({ operation, response }) {
            if (operation?.operation !== OperationTypeNode.MUTATION || response.body.kind !== 'single') return;
            const data = response.body.singleResult.data;
            // A refused write answers null; only a mutation that returned something wrote.
            if (data && Object.entries(data).some(([key, value]) => key !== '__typename' && value !== null && value !== undefined)) await bump('a write');
          },
        };
      },
    }),
    close: () => closeRedis(redis),
  };
}
