/**
 * Database connection pools as gauges, read when Prometheus scrapes (nothing is counted
 * between scrapes): connections in use and idle, callers waiting for a connection, and the
 * pool's size. The pools are knex's (tarn): MikroORM's primary and each read replica. The
 * embedded database (PGlite) serves one session at a time, so its pool has one connection:
 * there the waiting callers are what tells that requests queue for the database.
 */
import { Gauge, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './registry';

/** What tarn's Pool tells about itself. */
export interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

export interface NamedPool {
  /** "primary", "read-1" … */
  name: string;
  /** The pool as it is at scrape time (knex may replace it on reconnect); undefined: none now. */
  pool: () => PoolStats | undefined;
}

export function observePools(registry: Registry, pools: NamedPool[]): void {
  const each = (read: (stats: PoolStats) => number) =>
    pools.flatMap(({ name, pool }) => {
      const stats = pool();
      return stats ? [{ pool: name, value: read(stats) }] : [];
    });
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_connections`,
    help: 'Database connections of the pool by state: used (running a statement or held by a transaction) or free (idle).',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { pool, value } of each((s) => s.numUsed())) this.set({ pool, state: 'used' }, value);
      for (const { pool, value } of each((s) => s.numFree())) this.set({ pool, state: 'free' }, value);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_pending_acquires`,
    help: 'Callers waiting for a database connection of the pool.',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { pool, value } of each((s) => s.numPendingAcquires())) this.set({ pool }, value);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_max_connections`,
    help: 'Connections the pool may open at most.',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { pool, value } of each((s) => s.max)) this.set({ pool }, value);
    },
  });
}
