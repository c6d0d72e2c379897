/**
 * What every write shares: one write at a time per regional database, the records as the
 * reference checks see them, and the history entry appended with each change.
 */
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExistingRecord } from '../data/read-data-set';
import { RecordChangeEntity, RecordEntity, rowReader, type Plain } from '../model';
import { recordKind } from './kinds';

export type StoredRecord = Plain<RecordEntity>;

/** The operations of the history (REMOVE_PERSON: remove-person.ts). */
export type ChangeOperation = 'CREATE' | 'UPDATE' | 'WITHDRAW' | 'REMOVE_PERSON';

/**
 * Writes to a regional database take this transaction-scoped advisory lock first: writes are
 * rare and small, and one at a time each sees the versions the last one left, so a stale
 * version is always caught (the second of two concurrent updates gets CONFLICT).
 */
export async function lockWrites(tx: EntityManager): Promise<void> {
  await tx.getConnection().execute('select pg_advisory_xact_lock(7242001)', [], 'all', tx.getTransactionContext());
}

export async function findRecords(tx: EntityManager, where: Record<string, unknown>): Promise<StoredRecord[]> {
  return rowReader(tx)(tx.createQueryBuilder(RecordEntity).where(where as never));
}

export async function appendChange(
  tx: EntityManager,
  change: { at: Date; subject: string; operation: ChangeOperation; kind: string; recordId: string; version: number; document: string | null; before: object | null; after: object | null; note?: string | null },
): Promise<void> {
  await tx.insert(RecordChangeEntity, { note: null, ...change } as never);
}

/**
 * Every record and agenda item in the database except those `skip` says are being replaced,
 * as the reference checks need them (data/read-data-set.ts checkDataSet).
 */
export async function existingRecords(tx: EntityManager, skip: (r: { kind: string; id: string; document: string; origin: string }) => boolean): Promise<ExistingRecord[]> {
  const rows = (await tx
    .getConnection()
    .execute(
      `select kind, id, document, origin, data->>'clusterId' as "clusterId", data->>'name' as name,
        case when kind = 'meeting' then (select coalesce(jsonb_agg(i->>'id'), '[]'::jsonb) from jsonb_array_elements(data->'agendaItems') i) end as "agendaItems"
       from record`,
      [],
      'all',
      tx.getTransactionContext(),
    )) as Array<{ kind: string; id: string; document: string; origin: string; clusterId: string | null; name: string | null; agendaItems: string[] | null }>;
  const out: ExistingRecord[] = [];
  for (const r of rows) {
    if (skip(r)) continue;
    const place = r.origin === 'API' ? `a record written through the API (document ${r.document})` : `document ${r.document}`;
    out.push({ kind: recordKind(r.kind).label, id: r.id, clusterId: r.clusterId, name: r.name, place });
    for (const item of r.agendaItems ?? []) out.push({ kind: 'agenda item', id: item, clusterId: null, name: null, place });
  }
  return out;
}

/** The top-level fields whose values differ between two versions of a record. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !isDeepStrictEqual(before[k] ?? null, after[k] ?? null)).sort();
}
