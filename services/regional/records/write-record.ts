/**
 * Writes through the API: create or update one record, or withdraw it, each in one
 * transaction with its history entry. The input is the record in the data files' format,
 * checked by the same rules as the data files (data/format.ts, data/read-data-set.ts).
 * An update names the version it edits; if the record changed since, nothing is written and
 * the writer gets CONFLICT with the current version.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import { checkDataSet, emptyDataSet, type Where } from '../data/read-data-set';
import { textProblems } from '../data/text';
import { RecordEntity } from '../model';
import { InvalidRecordError, RecordConflictError, RecordNotFoundError } from './errors';
import type { RecordKind } from './kinds';
import { ordinalFor, writeProjection } from './project';
import { appendChange, changedFields, existingRecords, findRecords, lockWrites, type StoredRecord } from './store';

export interface WriteContext {
  region: RegionCode;
  /** The token's subject: who the history names. */
  subject: string;
}

export interface SaveRequest {
  kind: RecordKind;
  /** The record as the writer sent it (the files' format); validated here. */
  input: unknown;
  /** The version the writer edits; absent to create a record. */
  expectedVersion?: number | null;
  /** The document the record comes from; required for a new record, kept when absent on an update. */
  document?: string | null;
  /** The name of the argument that carried the record, for the field paths of messages. */
  argument: string;
}

export interface WriteResult {
  kind: string;
  id: string;
  version: number;
}

/** The input checked against the format: the record, or every problem with its field path. */
export function parseRecord(kind: RecordKind, input: unknown, argument: string): Record<string, unknown> & { id: string } {
  const problems = textProblems(input).map((p) => `${argument}.${p}`);
  const parsed = kind.schema.safeParse(input);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${[argument, ...issue.path].join('.')}: ${issue.message}`);
  if (problems.length > 0 || !parsed.success) throw new InvalidRecordError(problems);
  return parsed.data as Record<string, unknown> & { id: string };
}

export async function saveRecord(em: EntityManager, context: WriteContext, request: SaveRequest): Promise<WriteResult> {
  const { kind, argument } = request;
  const record = parseRecord(kind, request.input, argument);
  if (request.document != null && request.document.trim() === '') throw new InvalidRecordError(['document: must name the document the record comes from']);
  return em.transactional(async (tx) => {
    await lockWrites(tx);
    const [stored] = await findRecords(tx, { kind: kind.name, id: record.id });
    const expected = request.expectedVersion ?? null;
    if (expected === null && stored) {
      throw new RecordConflictError(`${kind.label} "${record.id}" exists already (version ${stored.version}): to change it, send the version you edit`, stored.version);
    }
    if (expected !== null && !stored) throw new RecordNotFoundError(kind.label, record.id);
    if (stored && stored.version !== expected) {
      throw new RecordConflictError(`${kind.label} "${record.id}" is at version ${stored.version}, not ${expected}: it changed since you read it`, stored.version);
    }
    if (stored?.withdrawnAt) throw new RecordConflictError(`${kind.label} "${record.id}" is withdrawn`, stored.version);
    // An import owns the records of its document: one moved to another document would be
    // a second record of the same id to the next import of that document, which then fails.
    if (stored?.origin === 'IMPORT' && request.document != null && request.document !== stored.document) {
      throw new InvalidRecordError([`document: ${kind.label} "${record.id}" is imported from document "${stored.document}" and keeps it (leave document out to correct the record)`]);
    }
    // The records below a cluster are checked to stay in their cluster when written; a record
    // moving to another cluster would leave the records that reference it behind in the old one.
    if (stored && 'clusterId' in stored.data && (stored.data.clusterId ?? null) !== (record.clusterId ?? null)) {
      throw new InvalidRecordError([`${argument}.clusterId: a ${kind.label} stays in its cluster "${stored.data.clusterId}" (withdraw it and create a new one instead)`]);
    }
    const document = request.document ?? stored?.document;
    if (!document) throw new InvalidRecordError(['document: a new record must name the document it comes from']);

    await checkAgainstDatabase(tx, context.region, kind, record, document, argument);

    const now = new Date();
    const version = (stored?.version ?? 0) + 1;
    if (stored) {
      const corrected = stored.origin === 'IMPORT' ? [...new Set([...stored.corrected, ...changedFields(stored.data, record)])].sort() : stored.corrected;
      await tx.nativeUpdate(RecordEntity, { kind: kind.name, id: record.id }, { data: record, version, updatedAt: now, document, corrected });
    } else {
      await tx.insert(RecordEntity, { kind: kind.name, id: record.id, document, origin: 'API', version, createdAt: now, updatedAt: now, withdrawnAt: null, data: record, corrected: [] });
    }
    await appendChange(tx, {
      at: now,
      subject: context.subject,
      operation: stored ? 'UPDATE' : 'CREATE',
      kind: kind.name,
      recordId: record.id,
      version,
      document: null,
      before: stored?.data ?? null,
      after: record,
    });
    const ordinal = await ordinalFor(tx, kind, record.id);
    await writeProjection(tx, context.region, kind, [{ id: record.id, document, data: record, withdrawnAt: null, ordinal }]);
    return { kind: kind.name, id: record.id, version };
  });
}

/** Withdraws a record: it leaves every list, answers by id as withdrawn, and keeps its history. */
export async function withdrawRecord(em: EntityManager, context: WriteContext, kind: RecordKind, id: string, expectedVersion: number): Promise<WriteResult> {
  return em.transactional(async (tx) => {
    await lockWrites(tx);
    const [stored] = await findRecords(tx, { kind: kind.name, id });
    if (!stored) throw new RecordNotFoundError(kind.label, id);
    if (stored.version !== expectedVersion) {
      throw new RecordConflictError(`${kind.label} "${id}" is at version ${stored.version}, not ${expectedVersion}: it changed since you read it`, stored.version);
    }
    if (stored.withdrawnAt) throw new RecordConflictError(`${kind.label} "${id}" is withdrawn already`, stored.version);
    const now = new Date();
    const version = stored.version + 1;
    const corrected = stored.origin === 'IMPORT' ? [...new Set([...stored.corrected, 'withdrawn'])].sort() : stored.corrected;
    await tx.nativeUpdate(RecordEntity, { kind: kind.name, id }, { version, updatedAt: now, withdrawnAt: now, corrected });
    await tx.nativeUpdate(kind.entity, { id } as never, { withdrawnAt: now } as never);
    await appendChange(tx, { at: now, subject: context.subject, operation: 'WITHDRAW', kind: kind.name, recordId: id, version, document: null, before: stored.data, after: null });
    return { kind: kind.name, id, version };
  });
}

/** The record's references and (for a fund table) its reconciliation, with the data files' rules. */
async function checkAgainstDatabase(tx: EntityManager, region: RegionCode, kind: RecordKind, record: Record<string, unknown> & { id: string }, document: string, argument: string) {
  const set = emptyDataSet(region.toLowerCase());
  const where: Where = new WeakMap();
  const sourced = { ...record, document };
  where.set(sourced, argument);
  (set[kind.collection] as unknown[]).push(sourced);
  const existing = await existingRecords(tx, (r) => r.kind === kind.name && r.id === record.id);
  const problems = checkDataSet(set, where, existing);
  if (problems.length > 0) throw new InvalidRecordError(problems);
}

export type { StoredRecord };
