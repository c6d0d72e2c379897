/**
 * `search` on a cluster: PostgreSQL full-text search under the `danish` configuration over the
 * generated search vectors of agenda items, meetings and initiatives (model/search-vector.ts).
 *
 * One statement per distinct (query, first, after) per request, whatever the number of
 * clusters and hits: a DataLoader collects the clusters asking, the statement ranks the hits of
 * all of them, counts each cluster's, cuts each cluster's page and makes the snippets of the
 * page's rows only. The hits' records are then read by id through the request's loaders
 * (one statement per kind for all hits). The query text is a bound parameter, never SQL.
 */
import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import { MAX_SEARCH_QUERY_LENGTH, SearchHitKind, sourceOf, type Source } from '../../../schema/contract';
import { SEARCH_CONFIGURATION, selectBound } from '../model';
import { badInput, clusterPageLoader, connectionOf, decodeCursor, pageSize, type SortKey } from './paging';

export interface SearchRequest {
  clusterId: string;
  query: string;
  first: number;
  after: SortKey | null;
}

export interface SearchHitRow {
  kind: SearchHitKind;
  id: string;
  title: string;
  snippet: string;
  rank: number;
  date: string | null;
  meetingId: string | null;
  source: Source;
}

/** The query as searched (trimmed), or BAD_USER_INPUT for an empty or overlong one. */
export function searchQuery(query: string): string {
  const trimmed = query.trim();
  if (trimmed === '') throw badInput('"query" is empty: give at least one word to search for');
  if (trimmed.length > MAX_SEARCH_QUERY_LENGTH) throw badInput(`"query" is ${trimmed.length} characters long; the most is ${MAX_SEARCH_QUERY_LENGTH}`);
  return trimmed;
}

/** The arguments of `search` checked and made into the loader's key. */
export function searchRequest(clusterId: string, query: string, first: number | null | undefined, after: string | null | undefined): SearchRequest {
  return { clusterId, query: searchQuery(query), first: pageSize(first), after: decodeCursor(after, ['number', 'string', 'string']) };
}

const CONFIG = `'${SEARCH_CONFIGURATION}'::regconfig`;
/** ts_rank_cd's weights for D, C, B, A (PostgreSQL's order): the same everywhere, so ranks compare across regions. */
const WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'::real[]`;
/** Plain-text snippets: matched words in «…», at most two fragments. ts_headline leaves markup-like text (<…>) out. */
const HEADLINE_OPTIONS = `StartSel=«, StopSel=», MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** The text a hit's snippet is cut from: the same columns its vector is made of. */
const SNIPPET_TEXT = `case p.kind
  when 'AGENDA_ITEM' then (select concat_ws(' — ', i.title, i.summary, i.recommendation_intro, (select string_agg(r ->> 'text', ' ') from jsonb_array_elements(i.recommendations) r), i.decision, i.case_description) from agenda_item i where i.id = p.id)
  when 'MEETING' then (select concat_ws(' — ', m.title, m.place, (select string_agg(a, ' ') from jsonb_array_elements_text(m.planned_agenda) a), m.note) from meeting m where m.id = p.id)
  else (select concat_ws(' — ', n.title, n.purpose, n.status, (select string_agg(d ->> 'text', ' ') from jsonb_array_elements(n.decisions) d), n.maturity) from initiative n where n.id = p.id)
end`;

/**
 * Bindings: query, clusters (JSON array), after (rank, kind, id; or nulls), page size + 1.
 * A joint meeting (and its items) is a hit of each of its clusters. Withdrawn records are never hits.
 */
const SEARCH_SQL = `
with q as (select websearch_to_tsquery(${CONFIG}, ?) as q),
asked as (select jsonb_array_elements_text(?::jsonb) as cluster),
hits as (
  select 'AGENDA_ITEM' as kind, i.id, i.title, m.cluster_id, m.joint_cluster_ids, m.date, m.id as meeting_id, i.document, i.section,
         ts_rank_cd(${WEIGHTS}, i.search_vector, q.q) as rank
    from agenda_item i join meeting m on m.id = i.meeting_id cross join q
   where i.search_vector @@ q.q and m.withdrawn_at is null
  union all
  select 'MEETING', m.id, m.title, m.cluster_id, m.joint_cluster_ids, m.date, m.id, m.document, m.section,
         ts_rank_cd(${WEIGHTS}, m.search_vector, q.q)
    from meeting m cross join q
   where m.search_vector @@ q.q and m.withdrawn_at is null
  union all
  select 'INITIATIVE', n.id, n.title, n.cluster_id, '[]'::jsonb, null::date, null::text, n.document, n.section,
         ts_rank_cd(${WEIGHTS}, n.search_vector, q.q)
    from initiative n cross join q
   where n.search_vector @@ q.q and n.withdrawn_at is null
),
per_cluster as (
  select c.cluster as for_cluster, h.*
    from hits h
    cross join lateral (select h.cluster_id union select jsonb_array_elements_text(h.joint_cluster_ids)) c(cluster)
   where c.cluster in (select cluster from asked)
),
totals as (select for_cluster, count(*)::int as total from per_cluster group by for_cluster),
numbered as (
  select h.*, row_number() over (partition by h.for_cluster order by h.rank desc, h.kind, h.id) as rn
    from per_cluster h
   where ?::real is null or h.rank < ?::real or (h.rank = ?::real and (h.kind, h.id) > (?::text, ?::text))
)
select t.for_cluster as "clusterId", t.total, p.kind, p.id, p.title, p.date::text as date, p.meeting_id as "meetingId",
       p.document, p.section, p.rank,
       case when p.id is null then null else ts_headline(${CONFIG}, ${SNIPPET_TEXT}, (select q from q), '${HEADLINE_OPTIONS}') end as snippet
  from totals t left join numbered p on p.for_cluster = t.for_cluster and p.rn <= ?
 order by t.for_cluster, p.rn`;

interface Row {
  clusterId: string;
  total: number;
  kind: SearchHitKind | null;
  id: string | null;
  title: string;
  date: string | null;
  meetingId: string | null;
  document: string;
  section: string | null;
  rank: number;
  snippet: string;
}

/**
 * @param readFrom the connection of the request's reads (loaders.ts): a replica, or the
 * primary for a writer.
 */
export function createSearchLoader(em: EntityManager, readFrom: () => ConnectionType) {
  return clusterPageLoader<SearchRequest, Row, SearchHitRow>(
    (r) => JSON.stringify([r.query, r.first, r.after]),
    ({ query, first, after }, clusters) => {
      const [rank, kind, id] = after ?? [null, null, null];
      return selectBound<Row>(em, SEARCH_SQL, [query, JSON.stringify(clusters), rank, rank, rank, kind, id, first + 1], readFrom());
    },
    (hits, { first }, total) =>
      connectionOf(
        hits,
        first,
        total,
        (r) => [r.rank, r.kind!, r.id!],
        (r): SearchHitRow => ({
          kind: r.kind!,
          id: r.id!,
          title: r.title,
          snippet: r.snippet,
          rank: r.rank,
          date: r.date,
          meetingId: r.meetingId,
          source: sourceOf({ document: r.document, section: r.section }),
        }),
      ),
  );
}
