/**
 * The three dashboard queries of the benchmark, each as the gateway is asked, as the
 * Nordjylland subgraph is asked for the same data directly, and as one SQL statement that
 * reads the same data (the floor: no GraphQL, no HTTP).
 */
export interface BenchQuery {
  name: string;
  gateway: string;
  direct: string;
  sql: string;
}

/** A workload of several different queries of one shape, asked round-robin (nothing to share between them). */
export interface BenchWorkload {
  name: string;
  gateway: string[];
  direct: string[];
  sql: string[];
}

const CLUSTER_OVERVIEW = `id name
  initiatives { title successorRecommendation { outcome } }
  fundPosition { reportedOn received spent committed uncommitted }
  meetings(from: "2024-06-01") { title date }`;

const FUNDS = `id name
  fundPosition { reportedOn received spent committed uncommitted }
  fundTables { title reportedOn rows { label cells { column amount } } }`;

const timeline = (from: string, to: string) => `name meetings(from: "${from}", to: "${to}") { startsAt title agendaItems { number title decision } }`;
const TIMELINE = timeline('2023-01-01', '2023-12-31');
const timelineSql = (from: string, to: string) => `select c.name, coalesce((
        select json_agg(json_build_object('startsAt', m.starts_at, 'title', m.title, 'agendaItems', (
                 select coalesce(json_agg(json_build_object('number', a.number, 'title', a.title, 'decision', a.decision) order by a.number), '[]')
                 from agenda_item a where a.meeting_id = m.id)) order by m.date, m.starts_at)
        from meeting m where m.cluster_id = c.id and m.date between '${from}' and '${to}'), '[]') as meetings
      from cluster c where c.id = 'nordjylland-midt'`;

export const BENCH_QUERIES: BenchQuery[] = [
  {
    name: 'transition overview (Limfjorden)',
    gateway: `{ healthCouncil(id: "limfjorden") { name predecessors { ${CLUSTER_OVERVIEW} } } }`,
    direct: `{ midt: nordjyllandCluster(id: "nordjylland-midt") { ...C } syd: nordjyllandCluster(id: "nordjylland-syd") { ...C } vest: nordjyllandCluster(id: "nordjylland-vest") { ...C } }
      fragment C on NordjyllandCluster { ${CLUSTER_OVERVIEW} }`,
    sql: `select c.id, c.name,
        (select coalesce(json_agg(json_build_object('title', i.title, 'outcome', i.successor_recommendation->>'outcome') order by i.ordinal), '[]')
           from initiative i where i.cluster_id = c.id and i.parent_id is null) as initiatives,
        (select coalesce(json_agg(json_build_object('reportedOn', t.reported_on, 'rows', t.rows, 'position', t.position) order by t.reported_on), '[]')
           from fund_table t where t.cluster_id = c.id) as fund_tables,
        (select coalesce(json_agg(json_build_object('title', m.title, 'date', m.date) order by m.date, m.starts_at), '[]')
           from meeting m where m.cluster_id = c.id and m.date >= '2024-06-01') as meetings
      from cluster c where c.id in ('nordjylland-midt', 'nordjylland-syd', 'nordjylland-vest') order by c.id`,
  },
  {
    name: 'meeting timeline (Midt, 2023)',
    gateway: `{ cluster(id: "nordjylland-midt") { ${TIMELINE} } }`,
    direct: `{ nordjyllandCluster(id: "nordjylland-midt") { ${TIMELINE} } }`,
    sql: timelineSql('2023-01-01', '2023-12-31'),
  },
  {
    name: 'funds of all clusters (Nordjylland)',
    gateway: `{ clusters(region: NORDJYLLAND) { ${FUNDS} } }`,
    direct: `{ nordjyllandClusters { ${FUNDS} } }`,
    sql: `select c.id, c.name, coalesce((
        select json_agg(json_build_object('title', t.title, 'reportedOn', t.reported_on, 'columns', t.columns, 'rows', t.rows, 'position', t.position) order by t.reported_on, t.id)
        from fund_table t where t.cluster_id = c.id), '[]') as fund_tables
      from cluster c order by c.id`,
  },
];

/** 50 different half-year windows of Midt's meeting timeline (one a week from 2022-01-03), so every request is a new one. */
const WINDOWS = Array.from({ length: 50 }, (_, i) => {
  const from = new Date(Date.UTC(2022, 0, 3 + 7 * i));
  const to = new Date(from.getTime() + 182 * 86_400_000);
  return [from, to].map((d) => d.toISOString().slice(0, 10)) as [string, string];
});

export const DISTINCT_TIMELINES: BenchWorkload = {
  name: 'meeting timeline, 50 distinct windows (Midt)',
  gateway: WINDOWS.map(([from, to]) => `{ cluster(id: "nordjylland-midt") { ${timeline(from, to)} } }`),
  direct: WINDOWS.map(([from, to]) => `{ nordjyllandCluster(id: "nordjylland-midt") { ${timeline(from, to)} } }`),
  sql: WINDOWS.map(([from, to]) => timelineSql(from, to)),
};

/** Every workload of the benchmark: the three dashboard queries (each repeated) and the distinct timelines. */
export const BENCH_WORKLOADS: BenchWorkload[] = [
  ...BENCH_QUERIES.map((q) => ({ name: q.name, gateway: [q.gateway], direct: [q.direct], sql: [q.sql] })),
  DISTINCT_TIMELINES,
];
