import { MikroORM, type Options, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { regionalEntities } from '../model';
import { regionalMigrations } from '../migrations';
import { REGION_STAMP_TABLE } from './region-stamp';

export interface OrmOptions {
  url: string;
  /**
   * PostgreSQL streaming replicas of the same database (<REGION>_DATABASE_READ_URLS): the
   * read path of the API asks for them (connection type 'read'); everything else stays on
   * the primary. Empty or absent: every statement goes to `url`.
   */
  readUrls?: readonly string[];
  /** PGlite serves one session at a time: the embedded database gets a pool of one. */
  embedded: boolean;
  /** Called with each SQL statement sent (through the ORM or raw); tests and the benchmark count them. */
  onQuery?: (sql: string) => void;
}

export function ormConfig({ url, embedded, readUrls = [] }: OrmOptions): Options {
  return {
    entities: regionalEntities,
    clientUrl: url,
    // Each replica takes the primary's pool settings (MikroORM copies them), so `jit = off` too.
    replicas: readUrls.map((clientUrl, i) => ({ name: `read-${i + 1}`, clientUrl })),
    // MikroORM's default sends every select outside a transaction to a replica, including the
    // reads of imports, of the migrator and of a write's answer, which a lagging replica would
    // answer with the state before the write. Off: the primary unless a read asks for 'read'
    // (graphql/loaders.ts), so a read reaches a replica only where it was chosen to.
    preferReadReplicas: false,
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
  // Every statement (inserts, QueryBuilder reads, migrations) goes through a connection's knex.
  if (options.onQuery) {
    for (const connection of [orm.em.getConnection('write'), ...replicaConnections(orm)]) {
      connection.getKnex().on('query', (query: { sql: string }) => options.onQuery!(query.sql));
    }
  }
  return orm;
}

/**
 * The replicas' connections, one per read URL. MikroORM hands out one at random per
 * getConnection('read') and keeps the list in its driver without an accessor of its own;
 * start-up checks and the statement hook need each of them.
 */
export function replicaConnections(orm: MikroORM): PostgreSqlConnection[] {
  return (orm.em.getDriver() as unknown as { replicas: PostgreSqlConnection[] }).replicas;
}
