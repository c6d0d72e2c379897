/**
 * Imports a region's data files (services/<region>/data/*.json), each the data of one
 * document, as records: `importDocument` for every file whose content changed since it was
 * last imported (or every file, when asked). All files are validated together first, with
 * the same rules as `npm run data:check`, before any is imported.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import { DataSetError, parseDataFile, readDataSet } from '../data/read-data-set';
import { DocumentImportEntity, rowReader } from '../model';
import { documentDigest, importDocuments, type DocumentToImport, type ImportReport } from './import-document';

export interface FilesImport {
  /** One report per file imported, in file order. */
  imported: Array<ImportReport & { file: string }>;
  /** Files whose content was imported before, unchanged. */
  unchanged: string[];
}

export async function importDataFiles(
  em: EntityManager,
  region: RegionCode,
  directory: string,
  options: { all?: boolean; progress?: (message: string) => void } = {},
): Promise<FilesImport> {
  // Throws a DataSetError naming every problem of every file before anything is written.
  const set = readDataSet(directory, region.toLowerCase());
  const digests = await importedDigests(em);
  const result: FilesImport = { imported: [], unchanged: [] };
  const changed: DocumentToImport[] = [];
  for (const { file, document } of set.files) {
    const bytes = readFileSync(join(directory, file));
    const digest = documentDigest(bytes);
    if (!options.all && digests.get(document) === digest) {
      result.unchanged.push(file);
      continue;
    }
    const parsed = parseDataFile(bytes, file);
    if (!parsed.ok) throw new DataSetError(directory, parsed.problems);
    changed.push({ data: parsed.data, file, digest });
  }
  if (changed.length === 0) return result;
  const subject = `import:${changed.map((d) => d.file).join(',')}`;
  const reports = await importDocuments(em, region, changed, { subject, progress: options.progress });
  result.imported = reports.map((r, i) => ({ ...r, file: changed[i].file! }));
  return result;
}

/** The digest each document had when last imported. */
export async function importedDigests(em: EntityManager): Promise<Map<string, string>> {
  const rows = await rowReader(em)(em.createQueryBuilder(DocumentImportEntity).select(['document', 'digest']));
  return new Map(rows.map((r) => [r.document, r.digest]));
}

/** When the last import finished; null for a database never loaded. */
export async function lastImportAt(em: EntityManager): Promise<Date | null> {
  const [row] = await rowReader(em)(em.createQueryBuilder(DocumentImportEntity).select('importedAt').orderBy({ importedAt: 'desc' }).limit(1));
  return row?.importedAt ?? null;
}

/** The data files whose content differs from their document's last import (or was never imported). */
export async function changedDataFiles(em: EntityManager, directory: string): Promise<string[]> {
  const digests = await importedDigests(em);
  const changed: string[] = [];
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.json')).sort()) {
    const bytes = readFileSync(join(directory, file));
    const parsed = parseDataFile(bytes, file);
    if (!parsed.ok || digests.get(parsed.data.document) !== documentDigest(bytes)) changed.push(file);
  }
  return changed;
}
