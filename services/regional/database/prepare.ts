/**
 * Brings a regional database up to date before the subgraph serves: runs pending
 * migrations, then imports the region's data files according to the load policy. The
 * database is the system of record: an import replaces only the records of the files'
 * documents (records/import-document.ts), never what was written through the API.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { DataSetError } from '../data/read-data-set';
import type { RegionalSubgraphDefinition } from '../definition';
import type { ImportConflict } from '../records/import-document';
import { changedDataFiles, importDataFiles, importedDigests, lastImportAt } from '../records/import-files';

export type Progress = (message: string) => void;

/**
 * if-changed: import the files whose content changed since their last import (all of them
 * into a database never loaded); if-empty: import only into a database never loaded;
 * always: import every file on every start (unchanged records stay as they are); never:
 * serve what is there.
 */
export type LoadPolicy = 'if-changed' | 'if-empty' | 'always' | 'never';
export const LOAD_POLICIES: readonly LoadPolicy[] = ['if-changed', 'if-empty', 'always', 'never'];

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export interface PrepareResult {
  migrations: string[];
  /** The files imported at this start (empty when none changed). */
  imported: string[];
  /** What imports kept against the files: API corrections and records owned elsewhere. */
  conflicts: ImportConflict[];
  /** When the last import finished; null for a database never loaded. */
  loadedAt: Date | null;
  /** True when the policy imported nothing and data files changed since their last import. */
  stale: boolean;
  /**
   * Set when the data files did not validate and the database's earlier imports are served
   * instead (only with `keepLastGoodLoad`): every problem, each naming file and path.
   */
  invalidFiles?: string[];
}

export interface PrepareOptions {
  progress?: Progress;
  /**
   * When the policy asks for an import, the data files do not validate and the database holds
   * earlier imports: keep serving them (the result says so in `invalidFiles`) instead of
   * failing. A database never loaded still fails with the DataSetError. The subgraph sets
   * this; `npm run db:load` does not.
   */
  keepLastGoodLoad?: boolean;
}

export async function prepareDatabase(
  orm: MikroORM,
  definition: Pick<RegionalSubgraphDefinition, 'region' | 'dataDirectory'>,
  policy: LoadPolicy,
  { progress = () => {}, keepLastGoodLoad = false }: PrepareOptions = {},
): Promise<PrepareResult> {
  const migrations = await migrate(orm);
  const em = orm.em.fork();
  const neverLoaded = (await importedDigests(em)).size === 0;
  const mustImport = policy === 'always' || policy === 'if-changed' || (policy === 'if-empty' && neverLoaded);
  const result: PrepareResult = { migrations, imported: [], conflicts: [], loadedAt: null, stale: false };
  if (mustImport) {
    try {
      const done = await importDataFiles(em, definition.region, definition.dataDirectory, { all: policy === 'always', progress });
      result.imported = done.imported.map((r) => r.file);
      result.conflicts = done.imported.flatMap((r) => r.conflicts);
    } catch (error) {
      if (!(keepLastGoodLoad && !neverLoaded && error instanceof DataSetError)) throw error;
      result.invalidFiles = error.problems;
    }
  }
  if (!mustImport && !neverLoaded) result.stale = (await changedDataFiles(em, definition.dataDirectory)).length > 0;
  result.loadedAt = await lastImportAt(em);
  return result;
}
