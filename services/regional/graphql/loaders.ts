/**
 * Per-request DataLoaders. @apollo/subgraph calls __resolveReference once per
 * representation and GraphQL resolves list fields item by item; these loaders collect
 * the keys of one tick and fetch them in one SQL statement, so the number of statements
 * of an operation does not grow with the number of rows it returns.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import * as records from './records';
import type { Row } from './records';

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

export interface MeetingFilter {
  clusterId: string;
  from: string | null;
  to: string | null;
  status: string | null;
}

/**
 * Meetings of many clusters under one filter per statement: the date range and status go
 * into SQL, so a dashboard asking for one year of a cluster with years of minutes reads
 * one year. Keys with different filters (aliases) get one statement per distinct filter.
 */
function meetingsLoader(knex: Knex) {
  return new DataLoader<MeetingFilter, records.MeetingRecord[], string>(
    async (keys) => {
      const byFilter = new Map<string, MeetingFilter[]>();
      for (const key of keys) {
        const signature = JSON.stringify([key.from, key.to, key.status]);
        byFilter.set(signature, [...(byFilter.get(signature) ?? []), key]);
      }
      const results = new Map<string, records.MeetingRecord[]>();
      await Promise.all(
        [...byFilter.values()].map(async (group) => {
          const { from, to, status } = group[0];
          const query = knex('meeting').whereIn('cluster_id', [...new Set(group.map((k) => k.clusterId))]);
          // A meeting with no known date cannot be said to fall in a range, so a range excludes it.
          if (from) query.where('date', '>=', from);
          if (to) query.where('date', '<=', to);
          if (status) query.where('status', status);
          const rows: Row[] = await query.orderByRaw('date asc nulls last, starts_at asc nulls last, id asc');
          for (const key of group) results.set(JSON.stringify(key), []);
          for (const row of rows) {
            for (const key of group) {
              if (key.clusterId === row.cluster_id) results.get(JSON.stringify(key))!.push(records.meetingRecord(row));
            }
          }
        }),
      );
      return keys.map((key) => results.get(JSON.stringify(key)) ?? []);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );
}

export function createLoaders(em: EntityManager) {
  const knex = em.getKnex();
  const rows = (table: string) => knex(table);
  return {
    clusterById: byId(async (ids) => (await rows('cluster').whereIn('id', [...ids])).map(records.clusterRecord)),
    bodyById: byId(async (ids) => (await rows('body').whereIn('id', [...ids])).map(records.bodyRecord)),
    personById: byId(async (ids) => (await rows('person').whereIn('id', [...ids])).map(records.personRecord)),
    meetingById: byId(async (ids) => (await rows('meeting').whereIn('id', [...ids])).map(records.meetingRecord)),
    initiativeById: byId(async (ids) => (await rows('initiative').whereIn('id', [...ids])).map(records.initiativeRecord)),
    meetings: meetingsLoader(knex),
    bodiesByCluster: groupedBy(
      async (ids) => (await rows('body').whereIn('cluster_id', [...ids]).orderBy('ordinal')).map(records.bodyRecord),
      (b) => b.clusterId,
    ),
    agendaItemsByMeeting: groupedBy(
      async (ids) => (await rows('agenda_item').whereIn('meeting_id', [...ids]).orderBy(['meeting_id', 'number'])).map(records.agendaItemRecord),
      (i) => i.meetingId,
    ),
    attendanceByMeeting: groupedBy(
      async (ids) => (await rows('attendance').whereIn('meeting_id', [...ids]).orderBy(['meeting_id', 'ordinal'])).map(records.attendanceRecord),
      (a) => a.meetingId,
    ),
    membershipsByBody: groupedBy(
      async (ids) => (await rows('membership').whereIn('body_id', [...ids]).orderBy('ordinal')).map(records.membershipRecord),
      (m) => m.bodyId,
    ),
    membershipsByPerson: groupedBy(
      async (ids) => (await rows('membership').whereIn('person_id', [...ids]).orderBy('ordinal')).map(records.membershipRecord),
      (m) => m.personId,
    ),
    /** Everyone with a seat in one of the cluster's bodies or listed at one of its meetings. */
    peopleByCluster: groupedBy(
      async (ids) => {
        const list = [...ids];
        const seats = knex('membership as ms').join('body as b', 'b.id', 'ms.body_id').whereIn('b.cluster_id', list).select('b.cluster_id', 'ms.person_id');
        const listed = knex('attendance as a').join('meeting as mt', 'mt.id', 'a.meeting_id').whereIn('mt.cluster_id', list).select('mt.cluster_id', 'a.person_id');
        const found: Row[] = await knex
          .select('c.cluster_id', 'p.id', 'p.name', 'p.document', 'p.section')
          .distinct()
          .from(knex.raw('(?) as c', [seats.union(listed)]))
          .join('person as p', 'p.id', 'c.person_id')
          .orderBy('p.name');
        return found.map((r) => ({ clusterId: r.cluster_id as string, ...records.personRecord(r) }));
      },
      (p) => p.clusterId,
    ),
    initiativesByCluster: groupedBy(
      async (ids) => (await rows('initiative').whereIn('cluster_id', [...ids]).orderBy('ordinal')).map(records.initiativeRecord),
      (i) => i.clusterId,
    ),
    initiativesByParent: groupedBy(
      async (ids) => (await rows('initiative').whereIn('parent_id', [...ids]).orderBy('ordinal')).map(records.initiativeRecord),
      (i) => i.parentId,
    ),
    fundTablesByCluster: groupedBy(
      async (ids) => (await rows('fund_table').whereIn('cluster_id', [...ids]).orderBy(['reported_on', 'id'])).map(records.fundTableRecord),
      (t) => t.clusterId,
    ),
    grantsByCluster: groupedBy(
      async (ids) => (await rows('grant_record').whereIn('cluster_id', [...ids]).orderBy('id')).map(records.grantRecord),
      (g) => g.clusterId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
