/**
 * Brings a regional database up to date before the subgraph serves: runs pending
 * migrations, then loads the region's data files according to the load policy.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { digestDataDirectory, lastLoad, loadDataSet, type Progress } from '../data/load-data-set';
import { readDataSet } from '../data/read-data-set';
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
}

export async function prepareDatabase(
  orm: MikroORM,
  definition: RegionalSubgraphDefinition,
  policy: LoadPolicy,
  progress: Progress = () => {},
): Promise<PrepareResult> {
  const migrations = await migrate(orm);
  const em = orm.em.fork();
  const previous = await lastLoad(em);
  const digest = digestDataDirectory(definition.dataDirectory);
  const changed = previous === null || previous.digest !== digest;
  const mustLoad = policy === 'always' || (policy === 'if-empty' && previous === null) || (policy === 'if-changed' && changed);
  if (mustLoad) {
    // Validated and reconciled before a single row is written.
    const set = readDataSet(definition.dataDirectory, definition.name);
    await loadDataSet(em, set, digest, progress);
  }
  return { migrations, loaded: mustLoad, stale: !mustLoad && previous !== null && previous.digest !== digest };
}
