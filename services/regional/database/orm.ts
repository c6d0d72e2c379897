import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { regionalEntities } from '../model';
import { regionalMigrations } from '../migrations';
import { REGION_STAMP_TABLE } from './region-stamp';

export interface OrmOptions {
  url: string;
  /** PGlite serves one session at a time: the embedded database gets a pool of one. */
  embedded: boolean;
  /** Called with each SQL statement sent (through the ORM or raw); tests and the benchmark count them. */
  onQuery?: (sql: string) => void;
}

export function ormConfig({ url, embedded }: OrmOptions): Options {
  return {
    entities: regionalEntities,
    clientUrl: url,
    pool: {
      ...(embedded ? { min: 1, max: 1 } : { min: 0, max: 10 }),
      // PostgreSQL's JIT compiler is for long analytical queries: on this subgraph's short reads
      // it compiled for ~700 ms per statement whenever the planner's estimate crossed
      // jit_above_cost (the agenda items of a year, before the new tables were analysed),
      // against ~3 ms of execution. Off for every connection of the pool, set once when
      // the connection opens (node-postgres' own client, so no statement is counted).
      afterCreate: (connection: { query(sql: string, done: (error?: Error) => void): void }, done: (error: Error | undefined, connection: unknown) => void) =>
        connection.query('set jit = off', (error) => done(error, connection)),
    },
    extensions: [Migrator],
    migrations: {
      // An explicit list instead of a folder glob: works the same from TypeScript sources,
      // under jest and in a bundle, and a migration can never be skipped by a file-name typo.
      migrationsList: regionalMigrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    // The schema only ever changes through migrations: no discovery-time sync.
    ensureDatabase: false,
    // The region stamp lives outside the model (region-stamp.ts): no schema diff drops it.
    schemaGenerator: { skipTables: [REGION_STAMP_TABLE] },
    allowGlobalContext: false,
    debug: false,
    colors: false,
  };
}

export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(options));
  // Every statement (inserts, QueryBuilder reads, migrations) goes through knex.
  if (options.onQuery) orm.em.getKnex().on('query', (query: { sql: string }) => options.onQuery!(query.sql));
  return orm;
}
