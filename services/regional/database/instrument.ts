/**
 * Metrics and traces of a regional database: the pool gauges of the primary and of each read
 * replica (platform/metrics/db-pool.ts) in the service's registry, and a `db.query` span per
 * statement when tracing is on (platform/tracing/knex-spans.ts).
 */
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import { observePools, type PoolStats } from '../../../platform/metrics/db-pool';
import { traceQueries, type QueryEventSource } from '../../../platform/tracing/knex-spans';
import { replicaConnections } from './orm';

/** The primary and the read replicas (none without DATABASE_READ_URLS). */
function connections(orm: MikroORM): Array<{ name: string; connection: AbstractSqlConnection }> {
  return [
    { name: 'primary', connection: orm.em.getConnection('write') },
    ...replicaConnections(orm).map((connection, i) => ({ name: `read-${i + 1}`, connection })),
  ];
}

export function instrumentDatabase(orm: MikroORM, registry: Registry): void {
  const all = connections(orm);
  for (const { connection } of all) traceQueries(connection.getKnex() as unknown as QueryEventSource);
  observePools(
    registry,
    all.map(({ name, connection }) => ({ name, pool: () => (connection.getKnex().client as { pool?: PoolStats }).pool })),
  );
}
