/**
 * Per-request DataLoaders. @apollo/subgraph calls __resolveReference once per
 * representation and GraphQL resolves list fields item by item; these loaders collect
 * the keys of one tick and fetch them in one SQL statement, so the number of statements
 * of an operation does not grow with the number of rows it returns.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AgendaItemEntity,
  AttendanceEntity,
  BodyEntity,
  ClusterEntity,
  FundTableEntity,
  GrantEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  PersonEntity,
} from '../entities';
import * as records from './records';

function byId<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function groupedBy<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string | null) {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      if (key === null) continue;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createLoaders(em: EntityManager) {
  const $in = (keys: readonly string[]) => ({ $in: [...keys] });
  return {
    clusterById: byId(async (ids) => (await em.find(ClusterEntity, { id: $in(ids) })).map(records.clusterRecord)),
    bodyById: byId(async (ids) => (await em.find(BodyEntity, { id: $in(ids) })).map(records.bodyRecord)),
    personById: byId(async (ids) => (await em.find(PersonEntity, { id: $in(ids) })).map(records.personRecord)),
    meetingById: byId(async (ids) => (await em.find(MeetingEntity, { id: $in(ids) })).map(records.meetingRecord)),
    initiativeById: byId(async (ids) => (await em.find(InitiativeEntity, { id: $in(ids) })).map(records.initiativeRecord)),
    bodiesByCluster: groupedBy(
      async (ids) => (await em.find(BodyEntity, { cluster: $in(ids) }, { orderBy: { ordinal: 'asc' } })).map(records.bodyRecord),
      (b) => b.clusterId,
    ),
    meetingsByCluster: groupedBy(
      async (ids) =>
        (
          await em.find(
            MeetingEntity,
            { cluster: $in(ids) },
            { orderBy: [{ date: 'asc nulls last' }, { startsAt: 'asc nulls last' }, { id: 'asc' }] },
          )
        ).map(records.meetingRecord),
      (m) => m.clusterId,
    ),
    agendaItemsByMeeting: groupedBy(
      async (ids) =>
        (await em.find(AgendaItemEntity, { meeting: $in(ids) }, { orderBy: { number: 'asc' } })).map(records.agendaItemRecord),
      (i) => i.meetingId,
    ),
    attendanceByMeeting: groupedBy(
      async (ids) =>
        (await em.find(AttendanceEntity, { meeting: $in(ids) }, { orderBy: { ordinal: 'asc' } })).map(records.attendanceRecord),
      (a) => a.meetingId,
    ),
    membershipsByBody: groupedBy(
      async (ids) =>
        (await em.find(MembershipEntity, { body: $in(ids) }, { orderBy: { ordinal: 'asc' } })).map(records.membershipRecord),
      (m) => m.bodyId,
    ),
    membershipsByPerson: groupedBy(
      async (ids) =>
        (await em.find(MembershipEntity, { person: $in(ids) }, { orderBy: { ordinal: 'asc' } })).map(records.membershipRecord),
      (m) => m.personId,
    ),
    /** Everyone with a seat in one of the cluster's bodies or listed at one of its meetings. */
    peopleByCluster: groupedBy(
      async (ids) => {
        // knex expands an array binding into a list, so the placeholders are spelled out.
        const list = ids.map(() => '?').join(', ');
        const rows: Array<{ cluster_id: string; id: string; name: string; document: string; section: string | null }> = await em
          .getConnection()
          .execute(
            `select distinct c.cluster_id, p.id, p.name, p.document, p.section from person p join (
               select b.cluster_id, ms.person_id from membership ms join body b on b.id = ms.body_id where b.cluster_id in (${list})
               union
               select mt.cluster_id, a.person_id from attendance a join meeting mt on mt.id = a.meeting_id where mt.cluster_id in (${list})
             ) c on c.person_id = p.id order by p.name`,
            [...ids, ...ids],
          );
        return rows.map((r) => ({ clusterId: r.cluster_id, id: r.id, name: r.name, source: { document: r.document, section: r.section } }));
      },
      (p) => p.clusterId,
    ),
    initiativesByCluster: groupedBy(
      async (ids) =>
        (await em.find(InitiativeEntity, { cluster: $in(ids) }, { orderBy: { ordinal: 'asc' } })).map(records.initiativeRecord),
      (i) => i.clusterId,
    ),
    initiativesByParent: groupedBy(
      async (ids) =>
        (await em.find(InitiativeEntity, { parent: $in(ids) }, { orderBy: { ordinal: 'asc' } })).map(records.initiativeRecord),
      (i) => i.parentId,
    ),
    fundTablesByCluster: groupedBy(
      async (ids) =>
        (await em.find(FundTableEntity, { cluster: $in(ids) }, { orderBy: [{ reportedOn: 'asc' }, { id: 'asc' }] })).map(
          records.fundTableRecord,
        ),
      (t) => t.clusterId,
    ),
    grantsByCluster: groupedBy(
      async (ids) => (await em.find(GrantEntity, { cluster: $in(ids) }, { orderBy: { id: 'asc' } })).map(records.grantRecord),
      (g) => g.clusterId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
