/**
 * Imports documents' data (data files of the repository, or a data set published through
 * the API) as records, in one transaction:
 * - a record of the document that is new is created; one that the document now states
 *   differently is updated; one the document no longer lists is withdrawn (kept, with its
 *   history, never deleted);
 * - records written through the API and records of other documents are never touched: an id
 *   the document shares with one of them is reported as a conflict and the record kept
 *   (a person named in several documents is one person, sourced from the first);
 * - fields corrected through the API keep their correction; where the document now says
 *   something else than it said when last imported, the conflict is reported (record, field,
 *   both values) instead of one side winning silently.
 * The document's records are checked with the data files' rules against its own records and
 * everything else in the database before anything is written.
 * People removed from the hub (remove-person.ts) are left out, with every reference to
 * them, before anything else: the documents still name them.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import type { DataFile } from '../data/format';
import { DataSetError, addFile, checkDataSet, emptyDataSet, type DataSet, type Where } from '../data/read-data-set';
import { DocumentImportEntity, RecordChangeEntity, RecordEntity, RemovedPersonEntity, executeBound, rowReader } from '../model';
import { RECORD_KINDS, recordKind, type RecordKind } from './kinds';
import { personHash, personIdsIn, withoutPeople, type PersonToRemove } from './person-references';
import { orderParentsFirst, writeProjection, type ProjectedRecord } from './project';
import { appendChange, existingRecords, findRecords, lockWrites, type StoredRecord } from './store';

/** Bump when imports store data differently: every document's digest changes and it is imported again. */
export const IMPORT_VERSION = 6;

/** SHA-256 over the import version and the document's data as given. */
export function documentDigest(bytes: Uint8Array | string): string {
  return createHash('sha256').update(`import ${IMPORT_VERSION}\0`).update(bytes).digest('hex');
}

export interface ImportConflict {
  kind: string;
  id: string;
  /** The field, or `(record)` when the whole record is kept. */
  field: string;
  /** What the database keeps. */
  kept: unknown;
  /** What the document says. */
  document: unknown;
  reason: string;
}

export interface ImportReport {
  document: string;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Records of the document left out or rewritten because they name a person removed from the hub. */
  removedPeople: number;
  conflicts: ImportConflict[];
  /** Records per kind in the document. */
  counts: Record<string, number>;
}

/** One document to import: its data, the data file it came from (null for a published data set), its digest. */
export interface DocumentToImport {
  data: DataFile;
  file: string | null;
  digest: string;
}

export interface ImportOptions {
  /** Who imports: `import:<files>` for the start-up load, the token's subject for a publish. */
  subject: string;
  /** Called with a line as each kind is written. */
  progress?: (message: string) => void;
  /**
   * A publish through the API: it writes only the kinds the API writes (RecordKind.writable).
   * A data set listing another kind (clusters) is refused, and the document's records of
   * other kinds are neither updated nor withdrawn.
   */
  writableOnly?: boolean;
  /** Called as records are written, with how many of the documents' records are written and how many there are: for a progress bar. */
  recordsWritten?: (done: number, total: number) => void;
}

/**
 * Imports documents in one transaction: together, because documents reference each other's
 * records (an action plan names the meeting that later approved its successor). One report
 * per document, in the order given.
 */
export async function importDocuments(em: EntityManager, region: RegionCode, documents: readonly DocumentToImport[], options: ImportOptions): Promise<ImportReport[]> {
  const progress = options.progress ?? (() => {});
  const labelOf = (d: DocumentToImport) => d.file ?? 'dataSet';
  return em.transactional(async (tx) => {
    await lockWrites(tx);
    const now = new Date();
    const names = new Set(documents.map((d) => d.data.document));
    if (names.size < documents.length) throw new DataSetError('import', ['the same document is given twice']);
    const reports = new Map(documents.map((d) => [d.data.document, { document: d.data.document, created: 0, updated: 0, unchanged: 0, withdrawn: 0, removedPeople: 0, conflicts: [], counts: {} } as ImportReport]));

    const set = emptyDataSet(region.toLowerCase());
    const where: Where = new WeakMap();
    for (const d of documents) addFile(set, labelOf(d), d.data, where);
    if (options.writableOnly) {
      const fixed = documents.flatMap((d) =>
        RECORD_KINDS.filter((kind) => !kind.writable && d.data[kind.collection].length > 0).map(
          (kind) => `${labelOf(d)}: ${kind.collection}: ${kind.label} records are not written through the API (they follow the reform's registry and their data file)`,
        ),
      );
      if (fixed.length > 0) throw new DataSetError(documents.map(labelOf).join(', '), fixed);
    }
    await leaveOutRemovedPeople(tx, set, reports);

    // The records this import replaces: its documents' imported records, of the kinds it writes.
    const replaces = (r: { kind: string; document: string; origin: string }) =>
      names.has(r.document) && r.origin === 'IMPORT' && (!options.writableOnly || recordKind(r.kind).writable);
    // Records this import may not touch: another document's, or written through the API.
    const others = new Map<string, StoredRecord>();
    const keys = RECORD_KINDS.flatMap((kind) => (set[kind.collection] as Array<{ id: string }>).map((r) => ({ kind: kind.name, id: r.id })));
    for (const stored of await findByKeys(tx, keys)) {
      if (!replaces(stored)) others.set(`${stored.kind}:${stored.id}`, stored);
    }
    const seen = new Set<string>();
    for (const kind of RECORD_KINDS) {
      const list = set[kind.collection] as Array<{ id: string; document: string }>;
      const kept = list.filter((r) => {
        const key = `${kind.name}:${r.id}`;
        const other = others.get(key);
        // A person listed by several documents is one person, sourced from the first (the checks compare names).
        if (kind.name === 'person' && (other || seen.has(key))) return false;
        seen.add(key);
        if (!other) return true;
        // An id the document shares with a record of another document: the checks report it.
        if (other.origin === 'IMPORT') return true;
        reports.get(r.document)!.conflicts.push({ kind: kind.name, id: r.id, field: '(record)', kept: other.data, document: r, reason: 'kept: the record was written through the API' });
        return false;
      });
      (set[kind.collection] as unknown[]) = kept;
    }

    const problems = checkDataSet(set, where, await existingRecords(tx, replaces));
    if (problems.length > 0) throw new DataSetError(documents.map(labelOf).join(', '), problems);

    const replaced = (await findRecords(tx, { document: { $in: [...names] }, origin: 'IMPORT' })).filter(replaces);
    const current = new Map(replaced.map((r) => [`${r.kind}:${r.id}`, r]));
    const lastImported = await lastImportedData(tx, [...current.values()].filter((r) => r.corrected.length > 0));
    const positions = await positionsOf(tx, [...names]);

    const total = RECORD_KINDS.reduce((n, kind) => n + set[kind.collection].length, 0);
    let done = 0;
    for (const kind of RECORD_KINDS) {
      const projected: ProjectedRecord[] = [];
      const created = new Set<string>();
      const records = set[kind.collection] as Array<Record<string, unknown> & { id: string; document: string }>;
      const index = new Map<string, number>();
      for (const sourced of records) {
        const { document, ...record } = sourced;
        const report = reports.get(document)!;
        report.counts[kind.name] = (report.counts[kind.name] ?? 0) + 1;
        const key = `${kind.name}:${record.id}`;
        const stored = current.get(key);
        current.delete(key);
        const n = index.get(document) ?? 0;
        index.set(document, n + 1);
        const ordinal = positions.get(document)! * 100_000 + n;
        if (!stored) {
          created.add(record.id);
          projected.push({ id: record.id, document, data: record, withdrawnAt: null, ordinal });
          report.created++;
          continue;
        }
        const merged = mergeCorrections(kind, stored, record, lastImported.get(key) ?? null, report.conflicts);
        // Withdrawn by an earlier import (the document dropped it) and listed again: back in the lists.
        const withdrawnAt = stored.corrected.includes('withdrawn') ? stored.withdrawnAt : null;
        projected.push({ id: record.id, document, data: merged, withdrawnAt, ordinal });
        if (isDeepStrictEqual(merged, stored.data) && withdrawnAt === stored.withdrawnAt) {
          report.unchanged++;
          continue;
        }
        const version = stored.version + 1;
        await tx.nativeUpdate(RecordEntity, { kind: kind.name, id: record.id }, { data: merged, version, updatedAt: now, withdrawnAt });
        await appendChange(tx, { at: now, subject: options.subject, operation: 'UPDATE', kind: kind.name, recordId: record.id, version, document, before: stored.data, after: merged });
        report.updated++;
      }
      // In slices, each slice's new records (with their history) and then its projection, so a
      // large document (a published data set, the synthetic one) reports progress as it goes.
      // An initiative comes after its parent, which its row references.
      const ordered = kind.name === 'initiative' ? orderParentsFirst(projected) : projected;
      for (let i = 0; i < ordered.length; i += RECORDS_PER_SLICE) {
        const slice = ordered.slice(i, i + RECORDS_PER_SLICE);
        await insertNewRecords(tx, kind, slice.filter((r) => created.has(r.id)), now, options.subject);
        await writeProjection(tx, region, kind, slice);
        options.recordsWritten?.((done += slice.length), total);
      }
      if (records.length > 0) progress(`${kind.collection}: ${records.length}`);
    }

    // What a document no longer lists is withdrawn, not deleted.
    for (const stored of current.values()) {
      if (stored.withdrawnAt !== null) continue;
      const version = stored.version + 1;
      await tx.nativeUpdate(RecordEntity, { kind: stored.kind, id: stored.id }, { version, updatedAt: now, withdrawnAt: now });
      await tx.nativeUpdate(recordKind(stored.kind).entity, { id: stored.id } as never, { withdrawnAt: now } as never);
      await appendChange(tx, { at: now, subject: options.subject, operation: 'WITHDRAW', kind: stored.kind, recordId: stored.id, version, document: stored.document, before: stored.data, after: null });
      reports.get(stored.document)!.withdrawn++;
    }

    for (const d of documents) {
      const document = d.data.document;
      await tx.upsert(DocumentImportEntity, { document, position: positions.get(document)!, file: d.file, digest: d.digest, importedAt: now, counts: reports.get(document)!.counts });
    }
    return documents.map((d) => reports.get(d.data.document)!);
  });
}

/**
 * Takes the people on the suppression list out of the data set, in place (the records keep
 * their places for messages): their person records and the records standing for them
 * (`personId`) go, every other record loses its references to them and their names.
 */
async function leaveOutRemovedPeople(tx: EntityManager, set: DataSet, reports: Map<string, ImportReport>): Promise<void> {
  const collections = RECORD_KINDS.map((kind) => kind.collection);
  const named = personIdsIn(collections.map((c) => set[c]));
  for (const p of set.people) named.add(p.id);
  const byHash = new Map([...named].map((id) => [personHash(id), id]));
  if (byHash.size === 0) return;
  const rows = await rowReader(tx)(tx.createQueryBuilder(RemovedPersonEntity).select(['personHash']).where({ personHash: { $in: [...byHash.keys()] } }));
  if (rows.length === 0) return;
  const ids = new Set(rows.map((r) => byHash.get(r.personHash)!));
  const people: PersonToRemove[] = [...ids].map((id) => ({ id, name: set.people.find((p) => p.id === id)?.name ?? null }));
  for (const collection of collections) {
    const records = set[collection] as Array<Record<string, unknown> & { document: string }>;
    const kept = records.filter((record) => {
      const goes = (collection === 'people' && ids.has(record.id as string)) || ids.has(record.personId as string);
      if (goes) reports.get(record.document)!.removedPeople++;
      return !goes;
    });
    for (const record of kept) {
      const rewritten = withoutPeople(record, people);
      if (rewritten === record) continue;
      Object.assign(record, rewritten);
      reports.get(record.document)!.removedPeople++;
    }
    (set[collection] as unknown[]) = kept;
  }
}

/** Records written in one slice of an import: a few megabytes of JSON for meetings. */
const RECORDS_PER_SLICE = 500;

/**
 * New records at version 1 with their CREATE entries, in one statement: the records go to the
 * server once, as a bound JSON parameter (model/plain.ts executeBound), and the history
 * entries are made of the rows just inserted.
 */
async function insertNewRecords(tx: EntityManager, kind: RecordKind, records: readonly ProjectedRecord[], now: Date, subject: string): Promise<void> {
  if (records.length === 0) return;
  const json = JSON.stringify(records.map((r) => ({ id: r.id, document: r.document, data: r.data })));
  await executeBound(
    tx,
    `with created as (
       insert into record (kind, id, document, origin, version, created_at, updated_at, withdrawn_at, data, corrected)
       select ?, id, document, 'IMPORT', 1, ?, ?, null, data, '[]'::jsonb from json_to_recordset(?::json) as r(id text, document text, data jsonb)
       returning kind, id, document, data)
     insert into record_change (at, subject, operation, kind, record_id, version, document, before, after)
     select ?, ?, 'CREATE', kind, id, 1, document, null, data from created`,
    [kind.name, now, now, json, now, subject],
  );
}

async function findByKeys(tx: EntityManager, keys: Array<{ kind: string; id: string }>): Promise<StoredRecord[]> {
  const found: StoredRecord[] = [];
  for (const kind of new Set(keys.map((k) => k.kind))) {
    const ids = keys.filter((k) => k.kind === kind).map((k) => k.id);
    for (let i = 0; i < ids.length; i += 1000) found.push(...(await findRecords(tx, { kind, id: { $in: ids.slice(i, i + 1000) } })));
  }
  return found;
}

/** Each document's place in the order of first import (new documents come after all, in the order given). */
async function positionsOf(tx: EntityManager, documents: string[]): Promise<Map<string, number>> {
  const read = rowReader(tx);
  const known = await read(tx.createQueryBuilder(DocumentImportEntity).select(['document', 'position']));
  const out = new Map(known.map((r) => [r.document, r.position]));
  let next = known.reduce((max, r) => Math.max(max, r.position + 1), 0);
  for (const d of documents) if (!out.has(d)) out.set(d, next++);
  return out;
}

/** For records corrected through the API: what their document said when it was last imported. */
async function lastImportedData(tx: EntityManager, records: StoredRecord[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const r of records) {
    const [change] = await rowReader(tx)(
      tx
        .createQueryBuilder(RecordChangeEntity)
        .select(['after'])
        .where({ kind: r.kind, recordId: r.id, document: { $ne: null }, after: { $ne: null } })
        .orderBy({ id: 'desc' })
        .limit(1),
    );
    if (change?.after) out.set(`${r.kind}:${r.id}`, change.after);
  }
  return out;
}

/**
 * The document's record with the fields corrected through the API kept as corrected; a
 * corrected field the document now states otherwise than when last imported is a conflict.
 */
function mergeCorrections(
  kind: RecordKind,
  stored: StoredRecord,
  fromDocument: Record<string, unknown>,
  lastImported: Record<string, unknown> | null,
  conflicts: ImportConflict[],
): Record<string, unknown> {
  const merged = { ...fromDocument };
  for (const field of stored.corrected) {
    if (field === 'withdrawn') continue;
    merged[field] = stored.data[field] ?? null;
    const documentChanged = lastImported === null || !isDeepStrictEqual(lastImported[field] ?? null, fromDocument[field] ?? null);
    if (documentChanged && !isDeepStrictEqual(stored.data[field] ?? null, fromDocument[field] ?? null)) {
      conflicts.push({ kind: kind.name, id: stored.id, field, kept: stored.data[field] ?? null, document: fromDocument[field] ?? null, reason: 'kept: corrected through the API' });
    }
  }
  return merged;
}

export type { DataSet };
