/**
 * `meetingsConnection`: a cluster's meetings as pages, in the order of `meetings` (date, time,
 * id; undated last), with OParl's modified_since. One statement per distinct filter per
 * request finds each asking cluster's page of ids and its total; the meetings themselves are
 * then read by id through the request's meetingById loader (one statement for all pages).
 *
 * The sort key is (date, startsAt, id) with a missing date or time read as 'infinity', so a
 * cursor is a plain row comparison and undated meetings come last, as in `meetings`.
 */
import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import type { MeetingStatus } from '../../../schema/contract';
import { selectBound } from '../model';
import { badInput, clusterPageLoader, connectionOf, decodeCursor, pageSize, type SortKey } from './paging';

export interface MeetingPageRequest {
  clusterId: string;
  first: number;
  after: SortKey | null;
  from: string | null;
  to: string | null;
  status: MeetingStatus | null;
  /** ISO instant; when given, withdrawn meetings are included. */
  modifiedSince: string | null;
}

export function meetingPageRequest(
  clusterId: string,
  args: { first?: number | null; after?: string | null; from?: string | null; to?: string | null; status?: MeetingStatus | null; modifiedSince?: Date | null },
): MeetingPageRequest {
  if (args.from && args.to && args.from > args.to) throw badInput(`"from" (${args.from}) is after "to" (${args.to})`);
  return {
    clusterId,
    first: pageSize(args.first),
    after: decodeCursor(args.after, ['string', 'string', 'string']),
    from: args.from ?? null,
    to: args.to ?? null,
    status: args.status ?? null,
    modifiedSince: args.modifiedSince ? args.modifiedSince.toISOString() : null,
  };
}

/**
 * Bindings: clusters (JSON array), modifiedSince ×2, from ×2, to ×2, status ×2,
 * after (date, startsAt, id; or nulls) ×4, page size + 1.
 */
const PAGE_SQL = `
with asked as (select jsonb_array_elements_text(?::jsonb) as cluster),
selected as (
  select c.cluster as for_cluster, m.id,
         coalesce(m.date, 'infinity'::date) as k_date, coalesce(m.starts_at, 'infinity'::timestamptz) as k_time
    from meeting m
    cross join lateral (select m.cluster_id union select jsonb_array_elements_text(m.joint_cluster_ids)) c(cluster)
    left join record r on r.kind = 'meeting' and r.id = m.id
   where c.cluster in (select cluster from asked)
     and (case when ?::timestamptz is null then m.withdrawn_at is null else r.updated_at >= ?::timestamptz end)
     and (?::date is null or m.date >= ?::date)
     and (?::date is null or m.date <= ?::date)
     and (?::text is null or m.status = ?::text)
),
totals as (select for_cluster, count(*)::int as total from selected group by for_cluster),
numbered as (
  select s.*, row_number() over (partition by s.for_cluster order by s.k_date, s.k_time, s.id) as rn
    from selected s
   where ?::text is null or (s.k_date, s.k_time, s.id) > (?::date, ?::timestamptz, ?::text)
)
select t.for_cluster as "clusterId", t.total, p.id, p.k_date::text as "kDate", p.k_time as "kTime"
  from totals t left join numbered p on p.for_cluster = t.for_cluster and p.rn <= ?
 order by t.for_cluster, p.rn`;

interface Row {
  clusterId: string;
  total: number;
  id: string | null;
  kDate: string;
  kTime: Date | string;
}

/** 'infinity' stays as it is; an instant becomes ISO (microseconds are not stored: the data are minute-precise). */
const timeKey = (t: Date | string): string => (t instanceof Date ? (Number.isFinite(t.getTime()) ? t.toISOString() : 'infinity') : t);

/**
 * Pages of meeting ids per asking cluster; the field resolver loads the meetings by id.
 * @param readFrom the connection of the request's reads (loaders.ts).
 */
export function createMeetingPageLoader(em: EntityManager, readFrom: () => ConnectionType) {
  return clusterPageLoader<MeetingPageRequest, Row, string>(
    (r) => JSON.stringify([r.first, r.after, r.from, r.to, r.status, r.modifiedSince]),
    ({ first, after, from, to, status, modifiedSince }, clusters) => {
      const [aDate, aTime, aId] = after ?? [null, null, null];
      return selectBound<Row>(
        em,
        PAGE_SQL,
        [
          JSON.stringify(clusters),
          modifiedSince,
          modifiedSince,
          from,
          from,
          to,
          to,
          status,
          status,
          aId === null ? null : String(aId),
          aDate,
          aTime,
          aId,
          first + 1,
        ],
        readFrom(),
      );
    },
    (own, { first }, total) =>
      connectionOf(
        own,
        first,
        total,
        (r) => [r.kDate, timeKey(r.kTime), r.id!],
        (r) => r.id!,
      ),
  );
}
