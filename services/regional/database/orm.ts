import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { regionalEntities } from '../entities';
import { regionalMigrations } from '../migrations';

export interface OrmOptions {
  url: string;
  /** PGlite serves one session at a time: the embedded database gets a pool of one. */
  embedded: boolean;
  /** Called with each SQL statement; used by tests and the benchmark to count statements. */
  onQuery?: (sql: string) => void;
}

export function ormConfig({ url, embedded, onQuery }: OrmOptions): Options {
  return {
    entities: regionalEntities,
    clientUrl: url,
    pool: embedded ? { min: 1, max: 1 } : { min: 0, max: 10 },
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
    allowGlobalContext: false,
    debug: onQuery ? ['query'] : false,
    logger: onQuery ? (message: string) => onQuery(message) : undefined,
    colors: false,
  };
}

export function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}
