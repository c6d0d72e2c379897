/**
 * Writes records into the relational rows the read path queries (their projection): a
 * record's own row is inserted or updated in place (so the rows that reference it stay),
 * and its parts (a meeting's attendance, agenda items and their absentees and presenters) are replaced.
 * The entity metadata maps the data files' names to columns: a reference `cluster` is
 * spelled `clusterId` in the files, every other property has the entity's name.
 */
import { ReferenceKind, raw, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionCode } from '../../../schema/contract';
import type { MeetingData } from '../data/format';
import { AgendaItemAbsenteeEntity, AgendaItemEntity, AgendaItemPresenterEntity, AttendanceEntity, MeetingEntity, insertRows, rowReader, type Insert } from '../model';
import type { RecordKind } from './kinds';

/** A record as it is projected: its data in the files' format, its document, its state, its place in lists. */
export interface ProjectedRecord {
  id: string;
  document: string;
  data: Record<string, unknown>;
  withdrawnAt: Date | null;
  /** Position in the lists ordered as the documents list them (bodies, memberships, initiatives). */
  ordinal: number;
}

/** The entity's stored properties taken out of a record in the files' format, by the metadata. */
export function rowFromFile<E>(meta: EntityMetadata<E>, record: Record<string, unknown>): Insert<E> {
  const row: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.persist === false || prop.autoincrement || prop.generated) continue;
    const key = prop.kind === ReferenceKind.MANY_TO_ONE ? `${prop.name}Id` : prop.name;
    if (key in record) row[prop.name] = record[key];
  }
  return row as Insert<E>;
}

export async function writeProjection(tx: EntityManager, region: RegionCode, kind: RecordKind, records: readonly ProjectedRecord[]): Promise<void> {
  if (records.length === 0) return;
  const metadata = tx.getMetadata();
  const rowsOf = <E extends object>(entity: EntityClass<E>, items: Array<Record<string, unknown>>) => {
    const meta = metadata.get<E>(entity.name);
    return items.map((item) => rowFromFile(meta, item));
  };
  const own = (kind.name === 'initiative' ? orderParentsFirst(records) : records).map((r) => ({
    ...r.data,
    document: r.document,
    withdrawnAt: r.withdrawnAt,
    ordinal: r.ordinal,
    ...(kind.name === 'cluster' ? { regionCode: region } : {}),
    ...(kind.name === 'meeting' ? { startsAt: r.data.startsAt == null ? null : new Date(r.data.startsAt as string) } : {}),
  }));
  await insertRows(tx, kind.entity, rowsOf(kind.entity, own), { merge: true });
  if (kind.entity === MeetingEntity) await replaceMeetingParts(tx, records, rowsOf);
}

async function replaceMeetingParts(
  tx: EntityManager,
  records: readonly ProjectedRecord[],
  rowsOf: <E extends object>(entity: EntityClass<E>, items: Array<Record<string, unknown>>) => Insert<E>[],
): Promise<void> {
  const ids = records.map((r) => r.id);
  // Agenda items' absentees and presenters go with their items (on delete cascade).
  await tx.nativeDelete(AttendanceEntity, { meeting: { $in: ids } });
  await tx.nativeDelete(AgendaItemEntity, { meeting: { $in: ids } });
  const meetings = records.map((r) => ({ document: r.document, meeting: r.data as unknown as MeetingData }));
  const attendance = meetings.flatMap(({ document, meeting: m }) => m.attendance.map((a, ordinal) => ({ ...a, meetingId: m.id, ordinal, document })));
  const items = meetings.flatMap(({ document, meeting: m }) => m.agendaItems.map((i, ordinal) => ({ ...i, meetingId: m.id, ordinal, document })));
  const absentees = meetings.flatMap(({ meeting: m }) =>
    m.agendaItems.flatMap((i) => i.absentPersonIds.map((personId, ordinal) => ({ agendaItemId: i.id, personId, ordinal }))),
  );
  await insertRows(tx, AttendanceEntity, rowsOf(AttendanceEntity, attendance));
  await insertRows(tx, AgendaItemEntity, rowsOf(AgendaItemEntity, items));
  await insertRows(tx, AgendaItemAbsenteeEntity, rowsOf(AgendaItemAbsenteeEntity, absentees));
  const presenters = meetings.flatMap(({ meeting: m }) => m.agendaItems.flatMap((i) => i.presenters.map((p, ordinal) => ({ ...p, agendaItemId: i.id, ordinal }))));
  await insertRows(tx, AgendaItemPresenterEntity, rowsOf(AgendaItemPresenterEntity, presenters));
}

/**
 * The list position of a record written through the API: its row's when it has one, after
 * every other row when it is new. Zero for kinds whose lists are not ordered by position.
 */
export async function ordinalFor(tx: EntityManager, kind: RecordKind, id: string): Promise<number> {
  const meta = tx.getMetadata().get(kind.entity.name);
  if (!meta.properties['ordinal' as never]) return 0;
  const read = rowReader(tx);
  const [own] = await read(tx.createQueryBuilder(kind.entity).select('ordinal' as never).where({ id } as never));
  if (own) return (own as { ordinal: number }).ordinal;
  const [last] = (await tx.createQueryBuilder(kind.entity).select(raw('coalesce(max(ordinal), -1) + 1 as "next"')).execute('all', false)) as Array<{ next: number }>;
  return Number(last.next);
}

/** Initiatives with every parent before its parts (a parent outside the list exists already). */
export function orderParentsFirst<T extends { id: string; data: Record<string, unknown> }>(items: readonly T[]): T[] {
  const inList = new Set(items.map((i) => i.id));
  const placed = new Set<string>();
  const out: T[] = [];
  let pending = [...items];
  while (pending.length > 0) {
    const next = pending.filter(({ data }) => data.parentId == null || !inList.has(data.parentId as string) || placed.has(data.parentId as string));
    if (next.length === 0) throw new Error(`initiatives form a cycle: ${pending.map((p) => p.id).join(', ')}`);
    for (const n of next) {
      out.push(n);
      placed.add(n.id);
    }
    pending = pending.filter((p) => !placed.has(p.id));
  }
  return out;
}
