/**
 * Per-request DataLoaders. @apollo/subgraph calls __resolveReference once per
 * representation and GraphQL resolves list fields item by item; these loaders collect
 * the keys of one tick and fetch them in one SQL statement, so the number of statements
 * of an operation does not grow with the number of rows it returns.
 *
 * Lists leave withdrawn records out; a record asked for by id answers withdrawn or not.
 *
 * Every read returns plain rows keyed by property name (see model/plain.ts), never hydrated
 * entities. The reads of lists and ids that dashboards ask every request are prepared selects
 * (model/prepared-select.ts: SQL made once from the entity metadata, keys bound, no
 * QueryBuilder or result mapping); the rarer ones (people, agenda items with their absentees,
 * records and their history) stay MikroORM QueryBuilders (rowReader). Each asks for the
 * connection the request reads from (context.ts): a read replica when there are replicas and
 * the request is no writer's, else the primary.
 */
import DataLoader from 'dataloader';
import { QueryOrder, raw, sql, type EntityClass } from '@mikro-orm/core';
import type { ConnectionType, EntityManager } from '@mikro-orm/postgresql';
import {
  AgendaItemAbsenteeEntity,
  AgendaItemEntity,
  AgendaItemPresenterEntity,
  AttendanceEntity,
  BodyEntity,
  ClusterEntity,
  FundTableEntity,
  GrantEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  HealthAgreementEntity,
  PersonEntity,
  RecordChangeEntity,
  RecordEntity,
  columnOf,
  preparedSelect,
  readFields,
  rowReader,
  tableOf,
  textArray,
  type Plain,
  type PreparedSelect,
} from '../model';
import { withSource, type AgendaItemRecord, type FundTableRecord, type MeetingRecord } from './records';
import { latestFundPosition } from './fund-position';
import { clustersOf, distributeMeetings, groupByFilter, meetingFilterKey, type MeetingFilter } from './meeting-filter';
import { createSearchLoader } from './search';
import { createMeetingPageLoader } from './meeting-pages';

export type { MeetingFilter } from './meeting-filter';

type InitiativeRow = ReturnType<typeof withSource<Plain<InitiativeEntity>>>;

export type RecordRow = Pick<Plain<RecordEntity>, 'kind' | 'id' | 'version' | 'createdAt' | 'updatedAt' | 'withdrawnAt'>;

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

/** A key of a loader that reads only some columns: the id and the properties to read (absent: all). */
export interface ColumnsKey {
  id: string;
  columns?: readonly string[];
}

/**
 * groupedBy for reads of chosen columns: one statement per distinct column list in a batch
 * (one, unless aliases ask for different fields), and a cache per id and column list, so a
 * list read with fewer columns is never handed to a field that needs more.
 */
function groupedByColumns<T>(fetch: (keys: readonly string[], columns: readonly string[] | undefined) => Promise<T[]>, keyOf: (row: T) => string | null) {
  // Column lists come from columnsFor, one array per field of a parsed operation: joined once each.
  const signatures = new WeakMap<readonly string[], string>();
  const signature = (columns: readonly string[] | undefined) => {
    if (!columns) return '*';
    let joined = signatures.get(columns);
    if (joined === undefined) signatures.set(columns, (joined = columns.join(',')));
    return joined;
  };
  return new DataLoader<ColumnsKey, T[], string>(
    async (keys) => {
      const found = new Map<string, T[]>();
      const batches = new Map<string, { columns: readonly string[] | undefined; ids: string[] }>();
      for (const key of keys) {
        const batch = batches.get(signature(key.columns));
        if (batch) batch.ids.push(key.id);
        else batches.set(signature(key.columns), { columns: key.columns, ids: [key.id] });
      }
      for (const [sig, batch] of batches) {
        for (const row of await fetch([...new Set(batch.ids)], batch.columns)) {
          const id = keyOf(row);
          if (id === null) continue;
          const group = found.get(`${sig}|${id}`);
          if (group) group.push(row);
          else found.set(`${sig}|${id}`, [row]);
        }
      }
      return keys.map((key) => found.get(`${signature(key.columns)}|${key.id}`) ?? []);
    },
    { cacheKeyFn: (key) => `${signature(key.columns)}|${key.id}` },
  );
}

/**
 * @param readFrom the connection of the request's reads, asked at each statement: a write in
 * the request turns it to the primary, so the write's answer reads what was just written.
 */
export function createLoaders(em: EntityManager, readFrom: () => ConnectionType = () => 'write') {
  const read = rowReader(em);
  // Every read names its columns (readFields): a table with a search vector would otherwise send it with every row.
  const from = <E extends object>(entity: EntityClass<E>, alias?: string, columns?: readonly string[]) =>
    em.createQueryBuilder(entity, alias, readFrom()).select(columns ? columns.map((c) => (alias ? `${alias}.${c}` : c)) : readFields(em, entity, alias));
  /** A prepared select (model/prepared-select.ts) on the request's connection: the hot reads, built without the QueryBuilder. */
  const select = <E extends object, Extra extends object = object>(s: PreparedSelect<E>) => preparedSelect<E, Extra>(em, readFrom(), s);
  /**
   * Rows of an entity whose `property` is one of `keys` (bound as one array, so the statement's
   * text does not depend on how many), withdrawn ones left out when `live`, ordered by the
   * properties of `orderBy` ascending, reading the given properties (absent: every stored one).
   */
  const whereIn = <E extends object>(
    entity: EntityClass<E>,
    property: string,
    keys: Iterable<string>,
    { live = false, orderBy = [], properties, alias = 't' }: { live?: boolean; orderBy?: readonly string[]; properties?: readonly string[]; alias?: string } = {},
  ) => {
    const column = (p: string) => columnOf(em, entity, alias, p);
    const order = orderBy.length === 0 ? '' : ` order by ${orderBy.map(column).join(', ')}`;
    return select<E>({
      entity,
      alias,
      properties,
      rest: `from ${tableOf(em, entity, alias)} where ${column(property)} = any(?::text[])${live ? ` and ${column('withdrawnAt')} is null` : ''}${order}`,
      bindings: [textArray(keys)],
    });
  };
  const sourced = <T extends { document: string; section: string | null }>(rows: T[]) => rows.map(withSource);
  /** withSource where the read has the document (every column, or `source` asked for: read-columns.ts). */
  const sourcedIfRead = <T extends { document: string; section: string | null }>(rows: T[], columns: readonly string[] | undefined) =>
    columns === undefined || columns.includes('document') ? sourced(rows) : rows;

  /**
   * Meetings of many clusters under one filter per statement: the date range and status go
   * into SQL, so a dashboard asking for one year of a cluster with years of minutes reads
   * one year. A meeting with no known date cannot be said to fall in a range, so a range excludes it.
   * A joint meeting is read once and handed to its own cluster and each of its joint clusters.
   */
  const meetings = new DataLoader<MeetingFilter, MeetingRecord[], string>(
    async (keys) => {
      const results = new Map<string, MeetingRecord[]>();
      await Promise.all(
        groupByFilter(keys).map(async (group) => {
          const { from: after, to: before, status, columns, agendaItems } = group[0];
          const clusters = textArray(clustersOf(group));
          const column = (p: string) => columnOf(em, MeetingEntity, 'm', p);
          const bindings: Array<string | null> = [clusters, clusters];
          let where = `${column('withdrawnAt')} is null and (${column('cluster')} = any(?::text[]) or jsonb_exists_any(${column('jointClusterIds')}, ?::text[]))`;
          if (after) (where += ` and ${column('date')} >= ?`), bindings.push(after);
          if (before) (where += ` and ${column('date')} <= ?`), bindings.push(before);
          if (status) (where += ` and ${column('status')} = ?`), bindings.push(status);
          const rows = await select<MeetingEntity>({
            entity: MeetingEntity,
            alias: 'm',
            properties: columns,
            extra: agendaItems && `${agendaItemsJson(agendaItems)} as "agendaItems"`,
            rest: `from ${tableOf(em, MeetingEntity, 'm')} where ${where} order by ${column('date')} asc nulls last, ${column('startsAt')} asc nulls last, ${column('id')} asc`,
            bindings,
          });
          distributeMeetings(group, sourcedIfRead(rows, columns) as MeetingRecord[], results);
        }),
      );
      return keys.map((key) => results.get(meetingFilterKey(key)) ?? []);
    },
    { cacheKeyFn: meetingFilterKey },
  );

  /**
   * A JSON object of a row's properties, keyed by property name, built by PostgreSQL: what a
   * row read through the entity would hold for them, for types whose properties are text,
   * numbers, booleans and JSON (no dates: JSON would give them as text). `source` is the
   * document and section, as withSource makes it.
   */
  const jsonObjectOf = <E extends object>(entity: EntityClass<E>, alias: string, properties: readonly string[]) => {
    const meta = em.getMetadata().get(entity.name);
    const column = (property: string) => `${alias}.${em.getPlatform().quoteIdentifier(meta.properties[property].fieldNames[0])}`;
    const pairs = properties.map((p) => (p === 'source' ? `'source', json_build_object('document', ${column('document')}, 'section', ${column('section')})` : `'${p}', ${column(p)}`));
    return `json_build_object(${pairs.join(', ')})`;
  };
  /** A meeting's agenda items in order, as a JSON list of the given properties, for the meetings' statement (read-columns.ts embeddedColumnsFor). */
  const agendaItemsJson = (properties: readonly string[]) =>
    `(select coalesce(json_agg(${jsonObjectOf(AgendaItemEntity, 'e', properties)} order by e.ordinal), '[]'::json) from agenda_item e where e.meeting_id = m.id)`;

  /** An agenda item's absentees (ids, in order) come with it, in the same statement. */
  const absenteesOfItem = () =>
    from(AgendaItemAbsenteeEntity, 'a').select('a.person').where({ agendaItem: sql.ref('i.id') }).orderBy({ ordinal: QueryOrder.ASC });

  /** Agenda items with their absentees (ids), or with the given properties only ('absentees' among them for the absentees). */
  const agendaItemsWhere = (where: Record<string, unknown>, columns?: readonly string[]) =>
    read<AgendaItemEntity, { absentees: string[] }>(
      from(AgendaItemEntity, 'i')
        .select([
          ...(columns ? columns.filter((c) => c !== 'absentees').map((c) => `i.${c}`) : readFields(em, AgendaItemEntity, 'i')),
          ...(columns === undefined || columns.includes('absentees') ? [raw(`array(${absenteesOfItem().getFormattedQuery()}) as "absentees"`)] : []),
        ])
        .where(where)
        .orderBy({ meeting: QueryOrder.ASC, ordinal: QueryOrder.ASC }),
    );

  const fundColumn = (p: string) => columnOf(em, FundTableEntity, 't', p);
  /** Keys `all|<cluster>` (every table, oldest first) and `position|<cluster>` (positionTableByCluster). */
  const fundTables = new DataLoader<string, FundTableRecord[]>(async (keys) => {
    const clustersAsked = (mode: string) => keys.filter((k) => k.startsWith(`${mode}|`)).map((k) => k.slice(mode.length + 1));
    const all = new Set(clustersAsked('all'));
    const positionOnly = clustersAsked('position').filter((c) => !all.has(c));
    const found = new Map<string, FundTableRecord[]>();
    const add = (key: string, table: FundTableRecord) => {
      const list = found.get(key);
      if (list) list.push(table);
      else found.set(key, [table]);
    };
    const [tables, positions] = await Promise.all([
      all.size === 0 ? [] : whereIn(FundTableEntity, 'cluster', all, { live: true, orderBy: ['reportedOn', 'id'] }),
      positionOnly.length === 0
        ? []
        : select<FundTableEntity>({
            entity: FundTableEntity,
            alias: 't',
            rest:
              `from ${tableOf(em, FundTableEntity, 't')} where ${fundColumn('cluster')} = any(?::text[]) and ${fundColumn('withdrawnAt')} is null ` +
              `and jsonb_typeof(${fundColumn('position')}) = 'object' order by ${fundColumn('cluster')} asc, ${fundColumn('reportedOn')} desc, ${fundColumn('id')} asc`,
            bindings: [textArray(positionOnly)],
            // The first row of each cluster in this order: the latest report, the first id among equals.
            distinctOn: fundColumn('cluster'),
          }),
    ]);
    for (const table of sourced(tables)) add(`all|${table.cluster}`, table);
    for (const table of sourced(positions)) add(`position|${table.cluster}`, table);
    for (const cluster of all) {
      const position = latestFundPosition(found.get(`all|${cluster}`) ?? []);
      const table = position && found.get(`all|${cluster}`)!.find((t) => t.id === position.fundTableId);
      if (table) add(`position|${cluster}`, table);
    }
    return keys.map((key) => found.get(key) ?? []);
  });

  const clusterById = byId(async (ids) => sourced(await whereIn(ClusterEntity, 'id', ids)));

  return {
    /**
     * The region's clusters, withdrawn ones left out, by id, in one statement; each is handed to
     * clusterById too, so the fields below them find their cluster without another statement.
     */
    clusters: async () => {
      const column = (p: string) => columnOf(em, ClusterEntity, 't', p);
      const rows = sourced(
        await select<ClusterEntity>({ entity: ClusterEntity, alias: 't', rest: `from ${tableOf(em, ClusterEntity, 't')} where ${column('withdrawnAt')} is null order by ${column('id')}`, bindings: [] }),
      );
      for (const row of rows) clusterById.prime(row.id, row);
      return rows;
    },
    /** The region's health agreements, withdrawn ones left out. */
    agreements: () => read(from(HealthAgreementEntity).where({ withdrawnAt: null }).orderBy({ id: QueryOrder.ASC })),
    clusterById,
    bodyById: byId(async (ids) => sourced(await whereIn(BodyEntity, 'id', ids))),
    personById: byId(async (ids) => sourced(await whereIn(PersonEntity, 'id', ids))),
    meetingById: byId(async (ids) => sourced(await whereIn(MeetingEntity, 'id', ids))),
    initiativeById: byId(async (ids) => sourced(await whereIn(InitiativeEntity, 'id', ids))),
    membershipById: byId(async (ids) => sourced(await whereIn(MembershipEntity, 'id', ids))),
    fundTableById: byId(async (ids) => sourced(await whereIn(FundTableEntity, 'id', ids))),
    grantById: byId(async (ids) => sourced(await whereIn(GrantEntity, 'id', ids))),
    agreementById: byId((ids) => whereIn(HealthAgreementEntity, 'id', ids)),
    /** A record's version, times and state, by `kind:id` (records/kinds.ts names the kinds). */
    recordByKey: new DataLoader<string, RecordRow | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':') as [string, string]);
      const rows = await read(
        from(RecordEntity)
          .select(['kind', 'id', 'version', 'createdAt', 'updatedAt', 'withdrawnAt'])
          .where({ $or: [...new Set(pairs.map(([kind]) => kind))].map((kind) => ({ kind, id: { $in: pairs.filter(([k]) => k === kind).map(([, id]) => id) } })) }),
      );
      const found = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r as RecordRow]));
      return keys.map((k) => found.get(k) ?? null);
    }),
    /** A record's changes, oldest first, by `kind:id`. */
    historyByKey: groupedBy(
      async (keys) => {
        const pairs = keys.map((k) => k.split(':') as [string, string]);
        return read(
          from(RecordChangeEntity)
            .where({ $or: [...new Set(pairs.map(([kind]) => kind))].map((kind) => ({ kind, recordId: { $in: pairs.filter(([k]) => k === kind).map(([, id]) => id) } })) })
            .orderBy({ id: QueryOrder.ASC }),
        );
      },
      (c) => `${c.kind}:${c.recordId}`,
    ),
    meetings,
    bodiesByCluster: groupedBy(
      async (ids) => sourced(await whereIn(BodyEntity, 'cluster', ids, { live: true, orderBy: ['ordinal'] })),
      (b) => b.cluster,
    ),
    /** A meeting's agenda items, reading the given properties (read-columns.ts; absent: all). */
    agendaItemsByMeeting: groupedByColumns(
      async (ids, columns): Promise<AgendaItemRecord[]> => sourcedIfRead(await agendaItemsWhere({ meeting: { $in: [...ids] } }, columns), columns) as AgendaItemRecord[],
      (i) => i.meeting,
    ),
    /** Agenda items by id (search hits), with their absentees as agendaItemsByMeeting gives them. */
    agendaItemById: byId(async (ids): Promise<AgendaItemRecord[]> => sourced(await agendaItemsWhere({ id: { $in: [...ids] } }))),
    /** `search` (search.ts): one statement per distinct query and page for every cluster asking. */
    search: createSearchLoader(em, readFrom),
    /** `meetingsConnection` (meeting-pages.ts): one statement per distinct filter for every cluster asking. */
    meetingPages: createMeetingPageLoader(em, readFrom),
    /**
     * `initiatives(modifiedSince)`: every initiative of the cluster changed at or after the instant,
     * parts and withdrawn ones included, one statement per instant for every cluster asking.
     */
    initiativesModifiedSince: new DataLoader<{ clusterId: string; since: string }, InitiativeRow[], string>(
      async (keys) => {
        const found = new Map<string, InitiativeRow[]>();
        for (const since of new Set(keys.map((k) => k.since))) {
          const clusters = [...new Set(keys.filter((k) => k.since === since).map((k) => k.clusterId))];
          const rows = sourced(
            await read(
              from(InitiativeEntity, 'i')
                .where({ cluster: { $in: clusters } })
                .andWhere(`exists (select 1 from record r where r.kind = 'initiative' and r.id = i.id and r.updated_at >= ?)`, [since])
                .orderBy({ ordinal: QueryOrder.ASC }),
            ),
          );
          for (const clusterId of clusters) found.set(JSON.stringify([clusterId, since]), rows.filter((r) => r.cluster === clusterId));
        }
        return keys.map((k) => found.get(JSON.stringify([k.clusterId, k.since])) ?? []);
      },
      { cacheKeyFn: (k) => JSON.stringify([k.clusterId, k.since]) },
    ),
    presentersByItem: groupedBy(
      async (ids) => whereIn(AgendaItemPresenterEntity, 'agendaItem', ids, { orderBy: ['agendaItem', 'ordinal'] }),
      (p) => p.agendaItem,
    ),
    attendanceByMeeting: groupedBy(
      async (ids) => sourced(await whereIn(AttendanceEntity, 'meeting', ids, { orderBy: ['meeting', 'ordinal'] })),
      (a) => a.meeting,
    ),
    attendanceByPerson: groupedBy(
      async (ids) => sourced(await whereIn(AttendanceEntity, 'person', ids, { orderBy: ['meeting'] })),
      (a) => a.person,
    ),
    membershipsByBody: groupedBy(
      async (ids) => sourced(await whereIn(MembershipEntity, 'body', ids, { live: true, orderBy: ['ordinal'] })),
      (m) => m.body,
    ),
    membershipsByPerson: groupedBy(
      async (ids) => sourced(await whereIn(MembershipEntity, 'person', ids, { live: true, orderBy: ['ordinal'] })),
      (m) => m.person,
    ),
    /** Everyone with a seat in one of the cluster's bodies, listed at one of its meetings or presenting an item there. */
    peopleByCluster: groupedBy(
      async (ids) => {
        const list = [...ids];
        const seats = from(MembershipEntity, 'ms').select(['b.cluster', 'ms.person']).join('ms.body', 'b').where({ 'b.cluster': { $in: list }, 'ms.withdrawnAt': null });
        const listed = from(AttendanceEntity, 'at').select(['mt.cluster', 'at.person']).join('at.meeting', 'mt').where({ 'mt.cluster': { $in: list }, 'mt.withdrawnAt': null });
        const presented = from(AgendaItemPresenterEntity, 'pr')
          .select(['mi.cluster', 'pr.person'])
          .join('pr.agendaItem', 'ai')
          .join('ai.meeting', 'mi')
          .where({ 'mi.cluster': { $in: list }, 'mi.withdrawnAt': null });
        const found = await read<PersonEntity, { clusterId: string }>(
          from(PersonEntity, 'p')
            .select(['p.*', raw('c.cluster_id as "clusterId"')])
            .distinct()
            .join(seats.getKnexQuery().union(listed.getKnexQuery(), presented.getKnexQuery()), 'c', { 'c.person_id': sql.ref('p.id') })
            .where({ withdrawnAt: null })
            .orderBy({ name: QueryOrder.ASC }),
        );
        return sourced(found);
      },
      (p) => p.clusterId,
    ),
    /** A cluster's initiatives, parts included, reading the given properties (read-columns.ts; absent: all). */
    initiativesByCluster: groupedByColumns(
      async (ids, columns) =>
        sourcedIfRead(await whereIn(InitiativeEntity, 'cluster', ids, { live: true, orderBy: ['ordinal'], properties: columns, alias: 'i' }), columns),
      (i) => i.cluster,
    ),
    initiativesByParent: groupedBy(
      async (ids) => sourced(await whereIn(InitiativeEntity, 'parent', ids, { live: true, orderBy: ['ordinal'] })),
      (i) => i.parent,
    ),
    fundTablesByCluster: (clusterId: string) => fundTables.load(`all|${clusterId}`),
    /**
     * The cluster's fund table whose position is the cluster's fund position (fund-position.ts
     * latestFundPosition): the latest reported that states one, in a list of one, or none.
     * Read alone it is one row per cluster, not every table of years of reports; asked in
     * the same turn as the cluster's tables (a dashboard asking both), it is taken from them.
     */
    positionTableByCluster: (clusterId: string) => fundTables.load(`position|${clusterId}`),
    grantsByCluster: groupedBy(
      async (ids) => sourced(await whereIn(GrantEntity, 'cluster', ids, { live: true, orderBy: ['id'] })),
      (g) => g.cluster,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
