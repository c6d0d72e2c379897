/**
 * The prepared selects of the API's reads (services/regional/model/prepared-select.ts) give
 * the rows MikroORM's own read gives (QueryBuilder, result mapping: rowReader) for every
 * entity of the model, and bind a list of keys as one value whatever the keys hold.
 */
import type { EntityClass } from '@mikro-orm/core';
import { connectDatabase, type RegionalDatabase } from '../../services/regional/database/connect';
import { prepareDatabase } from '../../services/regional/database/prepare';
import { generateSyntheticData } from '../../services/regional/data/generate';
import { regionalSubgraph } from '../../services/regional/definition';
import {
  AttendanceEntity,
  ClusterEntity,
  FundTableEntity,
  GrantEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  PersonEntity,
  RecordEntity,
  columnOf,
  preparedSelect,
  readFields,
  rowReader,
  tableOf,
  textArray,
  usePreparedStatementNames,
} from '../../services/regional/model';
import { createTestDatabase, type TestDatabase } from '../support/database';

const nordjylland = regionalSubgraph('nordjylland');
let testDb: TestDatabase;
let db: RegionalDatabase;
const statements: string[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase('prepared');
  db = await connectDatabase({ url: testDb.url, onQuery: (sql) => statements.push(sql) });
  await prepareDatabase(db.orm, nordjylland, 'if-changed');
  await generateSyntheticData(db.orm.em.fork(), nordjylland.region, {
    meetingsPerCluster: 3, itemsPerMeeting: 2, peoplePerCluster: 4, attendeesPerMeeting: 2, initiativesPerCluster: 2, fundTablesPerCluster: 2, linesPerFundTable: 2, seed: 3,
  });
}, 120_000);
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('prepared selects', () => {
  it.each([ClusterEntity, PersonEntity, MembershipEntity, MeetingEntity, AttendanceEntity, InitiativeEntity, FundTableEntity, GrantEntity, RecordEntity] as EntityClass<object>[])(
    'read %p as the QueryBuilder and its result mapping do: references as ids, timestamps as Dates, JSON parsed, custom types converted',
    async (entity) => {
      const em = db.orm.em.fork();
      const fields = readFields(em, entity);
      const order = em.getMetadata().get(entity.name).primaryKeys as string[];
      const mapped = await rowReader(em)(em.createQueryBuilder(entity).select(fields).orderBy(Object.fromEntries(order.map((p) => [p, 'asc']))));
      const prepared = await preparedSelect(em, 'write', { entity, alias: 't', rest: `from ${tableOf(em, entity, 't')} order by ${order.map((p) => columnOf(em, entity, 't', p)).join(', ')}`, bindings: [] });
      expect(mapped.length).toBeGreaterThan(0);
      expect(prepared).toEqual(mapped);
    },
  );

  it('gives a grant’s amount (bigint) as a number and a withdrawal time as a Date', async () => {
    const em = db.orm.em.fork();
    const [grant] = await preparedSelect<GrantEntity>(em, 'write', { entity: GrantEntity, alias: 'g', properties: ['id', 'amount'], rest: `from ${tableOf(em, GrantEntity, 'g')} where "g"."amount" is not null limit 1`, bindings: [] });
    expect(typeof grant.amount).toBe('number');
    const [record] = await preparedSelect<RecordEntity>(em, 'write', { entity: RecordEntity, alias: 'r', properties: ['createdAt'], rest: `from ${tableOf(em, RecordEntity, 'r')} limit 1`, bindings: [] });
    expect(record.createdAt).toBeInstanceOf(Date);
  });

  it('binds keys as one array literal, whatever characters they hold, and the statement text does not depend on their number', async () => {
    const em = db.orm.em.fork();
    const keys = ['plain', 'with "quotes"', 'back\\slash', 'comma,and{braces}', ' spaced ', '', 'NULL', 'æøå ✓'];
    const knex = em.getConnection().getKnex();
    const { rows } = (await knex.raw('select ?::text[] as keys', [textArray(keys)])) as { rows: Array<{ keys: string[] }> };
    expect(rows[0].keys).toEqual(keys);
    statements.length = 0;
    const read = (ids: string[]) => preparedSelect<ClusterEntity>(em, 'write', { entity: ClusterEntity, alias: 'c', properties: ['id'], rest: `from ${tableOf(em, ClusterEntity, 'c')} where "c"."id" = any(?::text[]) order by "c"."id"`, bindings: [textArray(ids)] });
    expect((await read(['nordjylland-midt'])).map((c) => c.id)).toEqual(['nordjylland-midt']);
    expect((await read(['nordjylland-vest', 'nordjylland-midt', 'nobody"s'])).map((c) => c.id)).toEqual(['nordjylland-midt', 'nordjylland-vest']);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toBe(statements[1]);
  });

  it('runs in the entity manager’s transaction, so a read inside a write sees what the write wrote', async () => {
    await db.orm.em.fork().transactional(async (tx) => {
      await tx.getConnection().execute(`update cluster set note = 'in the transaction' where id = 'nordjylland-midt'`, [], 'run', tx.getTransactionContext());
      const [row] = await preparedSelect<ClusterEntity>(tx, 'write', { entity: ClusterEntity, alias: 'c', properties: ['note'], rest: `from ${tableOf(tx, ClusterEntity, 'c')} where "c"."id" = ?`, bindings: ['nordjylland-midt'] });
      expect(row.note).toBe('in the transaction');
      throw new RollBack();
    }).catch((error) => {
      if (!(error instanceof RollBack)) throw error;
    });
    const [after] = await preparedSelect<ClusterEntity>(db.orm.em.fork(), 'write', { entity: ClusterEntity, alias: 'c', properties: ['note'], rest: `from ${tableOf(db.orm.em, ClusterEntity, 'c')} where "c"."id" = ?`, bindings: ['nordjylland-midt'] });
    expect(after.note).not.toBe('in the transaction');
  });

  it('runs a text as a named prepared statement on its connection, or unnamed with PREPARED_STATEMENTS=false', async () => {
    // Inside one transaction: the statement and the look at pg_prepared_statements share a connection.
    const preparedOnConnection = (marker: string) =>
      db.orm.em.fork().transactional(async (tx) => {
        await preparedSelect<ClusterEntity>(tx, 'write', { entity: ClusterEntity, alias: 'c', properties: ['id'], rest: `from ${tableOf(tx, ClusterEntity, 'c')} where "c"."id" = ? /* ${marker} */`, bindings: ['nordjylland-midt'] });
        const rows = (await tx.getConnection().execute(`select name from pg_prepared_statements where statement like ?`, [`%${marker}%`], 'all', tx.getTransactionContext())) as Array<{ name: string }>;
        return rows.map((r) => r.name);
      });
    expect(await preparedOnConnection('named-check')).toEqual([expect.stringMatching(/^hub_read_\d+$/)]);
    try {
      usePreparedStatementNames(false);
      expect(await preparedOnConnection('unnamed-check')).toEqual([]);
    } finally {
      usePreparedStatementNames(true);
    }
  });

  it('names a property the entity does not have in its error', async () => {
    await expect(preparedSelect(db.orm.em.fork(), 'write', { entity: ClusterEntity, alias: 'c', properties: ['colour'], rest: 'from cluster as c', bindings: [] })).rejects.toThrow(
      'ClusterEntity has no property "colour"',
    );
  });
});

class RollBack extends Error {}
