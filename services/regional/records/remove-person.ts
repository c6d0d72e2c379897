/**
 * Removes a person from a regional database (npm run person:remove), in one transaction
 * under the write lock:
 * - the person's record and every record that stands for them (a membership) are deleted,
 *   with their rows and their history;
 * - every other record naming them (a meeting's attendance, an agenda item's absentees, any
 *   `…PersonId`/`…PersonIds` field, their name in free text) is rewritten without them and
 *   projected again;
 * - every history entry is rewritten the same way, so no earlier version brings them back;
 * - the removal is recorded: the person's id's hash goes on the suppression list that
 *   imports check (import-document.ts), and each record changed gets a history entry
 *   REMOVE_PERSON whose note names the removal's number, the hash and the reason — never
 *   the data removed. One entry more, of kind `person` under the hash, records the removal
 *   when no other record named the person.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import { RecordChangeEntity, RecordEntity, RemovedPersonEntity, rowReader } from '../model';
import { RecordNotFoundError } from './errors';
import { RECORD_KINDS, recordKind } from './kinds';
import { personHash, withoutPeople, type PersonToRemove } from './person-references';
import { ordinalFor, writeProjection } from './project';
import { appendChange, findRecords, lockWrites } from './store';

export interface RemovalReport {
  /** The removal's number (removed_person.number). */
  number: number;
  personHash: string;
  /** Records deleted: the person's and those standing for them (memberships), as `kind:id`. */
  deleted: string[];
  /** Records rewritten without the person, as `kind:id`. */
  changed: string[];
  /** History entries rewritten, and deleted (those of the deleted records). */
  historyRewritten: number;
  historyDeleted: number;
}

/** The person was removed before: nothing of them is left to remove. */
export class PersonRemovedAlreadyError extends Error {
  constructor(id: string, number: number) {
    super(`person "${id}" was removed already (removal ${number})`);
    this.name = 'PersonRemovedAlreadyError';
  }
}

/** `%…%` for LIKE, with LIKE's own characters escaped. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function removePerson(
  em: EntityManager,
  region: RegionCode,
  personId: string,
  options: { subject: string; reason?: string | null },
): Promise<RemovalReport> {
  const hash = personHash(personId);
  return em.transactional(async (tx) => {
    await lockWrites(tx);
    const read = rowReader(tx);
    const run = (sql: string, params: unknown[]) => tx.getConnection().execute(sql, params, 'all', tx.getTransactionContext());
    const [earlier] = await read(tx.createQueryBuilder(RemovedPersonEntity).where({ personHash: hash }));
    const [person] = await findRecords(tx, { kind: 'person', id: personId });
    if (!person) {
      if (earlier) throw new PersonRemovedAlreadyError(personId, earlier.number);
      throw new RecordNotFoundError('person', personId);
    }
    const removing: PersonToRemove = { id: personId, name: typeof person.data.name === 'string' ? person.data.name : null };
    const patterns = [containing(JSON.stringify(personId)), ...(removing.name ? [containing(removing.name)] : [])];
    const matches = (column: string) => patterns.map(() => `${column}::text like ?`).join(' or ');

    const now = new Date();
    const [suppressed] = (await run(`insert into removed_person (person_hash, removed_at, reason) values (?, ?, ?) returning number`, [hash, now, options.reason ?? null])) as Array<{
      number: number;
    }>;
    const number = Number(suppressed.number);
    const note = `removal ${number}: person ${hash}; reason: ${options.reason?.trim() || 'none given'}`;

    // The records that name the person, found by text first (ids and names are plain in the JSON).
    const keys = (await run(`select kind, id from record where ${matches('data')}`, patterns)) as Array<{ kind: string; id: string }>;
    const records = keys.length === 0 ? [] : await findRecords(tx, { $or: keys.map((k) => ({ kind: k.kind, id: k.id })) });
    const deleted = records.filter((r) => (r.kind === 'person' && r.id === personId) || r.data.personId === personId);
    const deletedKeys = new Set(deleted.map((r) => `${r.kind}:${r.id}`));
    const report: RemovalReport = { number, personHash: hash, deleted: [...deletedKeys], changed: [], historyRewritten: 0, historyDeleted: 0 };

    // Rewritten and projected again before the deleted rows go, in the order of writing.
    for (const kind of RECORD_KINDS) {
      for (const record of records.filter((r) => r.kind === kind.name && !deletedKeys.has(`${r.kind}:${r.id}`))) {
        const data = withoutPeople(record.data, [removing]);
        if (data === record.data) continue;
        const version = record.version + 1;
        await tx.nativeUpdate(RecordEntity, { kind: record.kind, id: record.id }, { data, version, updatedAt: now });
        await appendChange(tx, { at: now, subject: options.subject, operation: 'REMOVE_PERSON', kind: record.kind, recordId: record.id, version, document: null, before: null, after: null, note });
        const ordinal = await ordinalFor(tx, kind, record.id);
        await writeProjection(tx, region, kind, [{ id: record.id, document: record.document, data, withdrawnAt: record.withdrawnAt, ordinal }]);
        report.changed.push(`${record.kind}:${record.id}`);
      }
    }
    // Referencing rows first (a membership before its person); the person's row takes the rest with it (on delete cascade).
    for (const kind of [...RECORD_KINDS].reverse()) {
      const ids = deleted.filter((r) => r.kind === kind.name).map((r) => r.id);
      if (ids.length === 0) continue;
      await tx.nativeDelete(recordKind(kind.name).entity, { id: { $in: ids } } as never);
      await tx.nativeDelete(RecordEntity, { kind: kind.name, id: { $in: ids } });
      report.historyDeleted += await tx.nativeDelete(RecordChangeEntity, { kind: kind.name, recordId: { $in: ids } });
    }

    const changes = (await run(`select id, before, after from record_change where ${matches('before')} or ${matches('after')}`, [...patterns, ...patterns])) as Array<{
      id: number;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>;
    for (const change of changes) {
      const before = withoutPeople(change.before, [removing]);
      const after = withoutPeople(change.after, [removing]);
      if (before === change.before && after === change.after) continue;
      await tx.nativeUpdate(RecordChangeEntity, { id: change.id }, { before, after });
      report.historyRewritten++;
    }
    await appendChange(tx, { at: now, subject: options.subject, operation: 'REMOVE_PERSON', kind: 'person', recordId: hash, version: 1, document: null, before: null, after: null, note });
    return report;
  });
}
