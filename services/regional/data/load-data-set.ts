/**
 * Puts a validated data set into a regional database. The whole load is one transaction:
 * the old data is replaced only if every row of the new data went in, so a failed load
 * leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AgendaItemAbsenteeEntity,
  AgendaItemEntity,
  AttendanceEntity,
  BodyEntity,
  ClusterEntity,
  DataLoadEntity,
  FundTableEntity,
  GrantEntity,
  HealthAgreementEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  PersonEntity,
  insertInStatements,
  rowReader,
  type Insert,
  type Reference,
} from '../model';
import type { DataSet } from './read-data-set';

/**
 * Bump when the loader stores data differently: the digest changes, and databases loaded
 * by an older loader are reloaded (with the default load policy) or reported as stale.
 */
export const LOADER_VERSION = 3;

/** SHA-256 over the loader version and the data files' names and contents. */
export function digestDataDirectory(directory: string): string {
  const hash = createHash('sha256').update(`loader ${LOADER_VERSION}\0`);
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.json')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(directory, file))).update('\0');
  }
  return hash.digest('hex');
}

type RefKeys<E> = { [K in keyof Insert<E>]-?: NonNullable<Insert<E>[K]> extends string ? (K extends keyof E ? (NonNullable<E[K]> extends Reference<object> ? K : never) : never) : never }[keyof Insert<E>];

/**
 * A row of entity E as the data files spell it: the reference `cluster` is the id
 * `clusterId`; every other property has the entity's name. Extra fields are ignored.
 */
export type FileRow<E> = { [K in keyof Insert<E> as K extends RefKeys<E> ? `${K & string}Id` : K]: Insert<E>[K] };

/** The entity's stored properties taken out of a file record, by the metadata. */
export function rowFromFile<E>(meta: EntityMetadata<E>, record: FileRow<E>): Insert<E> {
  const from = record as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.persist === false || prop.autoincrement) continue;
    const key = prop.kind === ReferenceKind.MANY_TO_ONE ? `${prop.name}Id` : prop.name;
    if (key in from) row[prop.name] = from[key];
  }
  return row as Insert<E>;
}

interface Batch {
  entity: EntityClass<object>;
  rows: object[];
}

export interface LoadResult {
  counts: Record<string, number>;
}

export type Progress = (message: string) => void;

export async function loadDataSet(em: EntityManager, set: DataSet, digest: string, progress: Progress = () => {}): Promise<LoadResult> {
  const metadata = em.getMetadata();
  const batch = <E extends object>(entity: EntityClass<E>, records: FileRow<E>[]): Batch => {
    const meta = metadata.get<E>(entity.name);
    return { entity, rows: records.map((r) => rowFromFile(meta, r)) };
  };
  // One person may be listed in several documents: the first mention is the record's source.
  const people = new Map<string, DataSet['people'][number]>();
  for (const p of set.people) if (!people.has(p.id)) people.set(p.id, p);

  // In insert order: every row after the rows it references. Deleted in reverse.
  const batches: Batch[] = [
    batch(ClusterEntity, set.clusters.map((c) => ({ ...c, regionCode: set.region.toUpperCase() }))),
    batch(PersonEntity, [...people.values()]),
    batch(BodyEntity, set.bodies.map((b, ordinal) => ({ ...b, ordinal }))),
    batch(MembershipEntity, set.memberships.map((m, ordinal) => ({ ...m, ordinal }))),
    batch(MeetingEntity, set.meetings.map((m) => ({ ...m, startsAt: m.startsAt === null ? null : new Date(m.startsAt) }))),
    batch(
      AttendanceEntity,
      set.meetings.flatMap((m) => m.attendance.map((a, ordinal) => ({ ...a, meetingId: m.id, ordinal, document: m.document }))),
    ),
    batch(
      AgendaItemEntity,
      set.meetings.flatMap((m) => m.agendaItems.map((i, ordinal) => ({ ...i, meetingId: m.id, ordinal, document: m.document }))),
    ),
    batch(
      AgendaItemAbsenteeEntity,
      set.meetings.flatMap((m) => m.agendaItems.flatMap((i) => i.absentPersonIds.map((personId, ordinal) => ({ agendaItemId: i.id, personId, ordinal })))),
    ),
    // Parents before parts, so the self-reference holds at every insert.
    batch(InitiativeEntity, orderParentsFirst(set.initiatives).map(({ item, ordinal }) => ({ ...item, ordinal }))),
    batch(FundTableEntity, set.fundTables),
    batch(GrantEntity, set.grants),
    batch(HealthAgreementEntity, set.agreements),
  ];

  const counts: Record<string, number> = {};
  await em.transactional(async (tx) => {
    for (const { entity } of [...batches].reverse()) await tx.nativeDelete(entity, {});
    for (const { entity, rows } of batches) {
      const table = metadata.get(entity.name).tableName;
      counts[table] = rows.length;
      await insertInStatements(tx, entity, rows, 500);
      if (rows.length > 0) progress(`${table}: ${rows.length}`);
    }
    await tx.insert(DataLoadEntity, { loadedAt: new Date(), digest, counts });
  });
  return { counts };
}

/** Initiatives with every parent before its parts, each with its position in the files. */
export function orderParentsFirst<T extends { id: string; parentId: string | null }>(items: T[]): Array<{ item: T; ordinal: number }> {
  const indexed = items.map((item, ordinal) => ({ item, ordinal }));
  const placed = new Set<string>();
  const out: Array<{ item: T; ordinal: number }> = [];
  let pending = indexed;
  while (pending.length > 0) {
    const next = pending.filter(({ item }) => item.parentId === null || placed.has(item.parentId));
    if (next.length === 0) throw new Error(`initiatives form a cycle: ${pending.map((p) => p.item.id).join(', ')}`);
    for (const n of next) {
      out.push(n);
      placed.add(n.item.id);
    }
    pending = pending.filter((p) => !placed.has(p.item.id));
  }
  return out;
}

/** The last completed load, or null for a database that was never loaded. */
export async function lastLoad(em: EntityManager): Promise<{ digest: string; loadedAt: Date } | null> {
  const [row] = await rowReader(em)(em.createQueryBuilder(DataLoadEntity).select(['digest', 'loadedAt']).orderBy({ id: 'desc' }).limit(1));
  return row ? { digest: row.digest, loadedAt: row.loadedAt } : null;
}
