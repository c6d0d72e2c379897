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

const CLUSTER_OVERVIEW = `id name
  initiatives { title successorRecommendation { outcome } }
  fundPosition { reportedOn received spent committed uncommitted }
  meetings(from: "2024-06-01") { title date }`;

const FUNDS = `id name
  fundPosition { reportedOn received spent committed uncommitted }
  fundTables { title reportedOn rows { label cells { column amount } } }`;

const TIMELINE = `name meetings(from: "2023-01-01", to: "2023-12-31") { startsAt title agendaItems { number title decision } }`;

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
    sql: `select c.name, coalesce((
        select json_agg(json_build_object('startsAt', m.starts_at, 'title', m.title, 'agendaItems', (
                 select coalesce(json_agg(json_build_object('number', a.number, 'title', a.title, 'decision', a.decision) order by a.number), '[]')
                 from agenda_item a where a.meeting_id = m.id)) order by m.date, m.starts_at)
        from meeting m where m.cluster_id = c.id and m.date between '2023-01-01' and '2023-12-31'), '[]') as meetings
      from cluster c where c.id = 'nordjylland-midt'`,
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
