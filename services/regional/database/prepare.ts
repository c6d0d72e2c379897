/**
 * Brings a regional database up to date before the subgraph serves: runs pending
 * migrations, then loads the region's data files according to the load policy.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { digestDataDirectory, lastLoad, loadDataSet, type Progress } from '../data/load-data-set';
import { DataSetError, readDataSet } from '../data/read-data-set';
import type { RegionalSubgraphDefinition } from '../definition';

/**
 * if-changed: load a database never loaded, or loaded from other data files or by another
 * loader version (the data is derived from files in the repository, so nothing is lost);
 * if-empty: load only a database never loaded; always: reload on every start;
 * never: serve what is there.
 */
export type LoadPolicy = 'if-changed' | 'if-empty' | 'always' | 'never';
export const LOAD_POLICIES: readonly LoadPolicy[] = ['if-changed', 'if-empty', 'always', 'never'];

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export interface PrepareResult {
  migrations: string[];
  loaded: boolean;
  /** True when the data files changed since the database was last loaded. */
  stale: boolean;
  /** When the data the database serves was loaded; null for a database never loaded. */
  loadedAt: Date | null;
  /**
   * Set when the data files did not validate and the database's last completed load is
   * served instead (only with `keepLastGoodLoad`): every problem, each naming file and path.
   */
  invalidFiles?: string[];
}

export interface PrepareOptions {
  progress?: Progress;
  /**
   * When the policy asks for a load, the data files do not validate and the database holds
   * a completed earlier load: keep serving that load (the result says so in `invalidFiles`)
   * instead of failing. A database never loaded still fails with the DataSetError. The
   * subgraph sets this; `npm run db:load` and the scripts that need the files' data do not.
   */
  keepLastGoodLoad?: boolean;
}

export async function prepareDatabase(
  orm: MikroORM,
  definition: RegionalSubgraphDefinition,
  policy: LoadPolicy,
  progressOrOptions: Progress | PrepareOptions = {},
): Promise<PrepareResult> {
  const { progress = () => {}, keepLastGoodLoad = false } = typeof progressOrOptions === 'function' ? { progress: progressOrOptions } : progressOrOptions;
  const migrations = await migrate(orm);
  const em = orm.em.fork();
  const previous = await lastLoad(em);
  const digest = digestDataDirectory(definition.dataDirectory);
  const changed = previous === null || previous.digest !== digest;
  const mustLoad = policy === 'always' || (policy === 'if-empty' && previous === null) || (policy === 'if-changed' && changed);
  if (mustLoad) {
    // Validated and reconciled before a single row is written.
    let set;
    try {
      set = readDataSet(definition.dataDirectory, definition.name);
    } catch (error) {
      if (!(keepLastGoodLoad && previous !== null && error instanceof DataSetError)) throw error;
      return { migrations, loaded: false, stale: previous.digest !== digest, loadedAt: previous.loadedAt, invalidFiles: error.problems };
    }
    await loadDataSet(em, set, digest, progress);
    return { migrations, loaded: true, stale: false, loadedAt: (await lastLoad(em))?.loadedAt ?? null };
  }
  return { migrations, loaded: false, stale: previous !== null && previous.digest !== digest, loadedAt: previous?.loadedAt ?? null };
}
