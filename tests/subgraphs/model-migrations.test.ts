/**
 * The entities (services/regional/model) and the migrations describe the same schema:
 * after migrating a fresh database, MikroORM's schema diff between the database and the
 * entities is empty. Runs on the embedded database, and on PostgreSQL with TEST_DATABASE_URL.
 * Also: the migration after the initial one carries data already there across.
 */
import { connectDatabase, type RegionalDatabase } from '../../services/regional/database/connect';
import { schemaDiff } from '../../services/regional/migrations/schema-diff';
import { regionalMigrations } from '../../services/regional/migrations';
import { createTestDatabase, type TestDatabase } from '../support/database';

const opened: Array<{ testDb: TestDatabase; db: RegionalDatabase }> = [];

async function freshDatabase(label: string): Promise<RegionalDatabase> {
  const testDb = await createTestDatabase(label);
  const db = await connectDatabase({ url: testDb.url });
  opened.push({ testDb, db });
  return db;
}

afterAll(async () => {
  for (const { testDb, db } of opened) {
    await db.close();
    await testDb.drop();
  }
});

describe('regional model and migrations', () => {
  it('agree: after every migration the schema diff to the entities is empty', async () => {
    const db = await freshDatabase('model');
    const applied = await db.orm.getMigrator().up();
    expect(applied.map((m) => m.name)).toEqual(regionalMigrations.map((m) => m.name));
    expect(await schemaDiff(db.orm)).toBe('');
  });

  it('carry agenda item numbers and absentees, and the references, from the initial schema across', async () => {
    const db = await freshDatabase('model_data');
    const migrator = db.orm.getMigrator();
    await migrator.up({ to: regionalMigrations[0].name });
    const run = (sql: string) => db.orm.em.getConnection().execute(sql);
    await run(`insert into cluster (id, document, name, region_code, municipalities) values ('c', 'd', 'C', 'NORDJYLLAND', '[]')`);
    await run(`insert into body (id, document, cluster_id, name, level, ordinal) values ('b', 'd', 'c', 'B', 'POLITICAL', 0)`);
    await run(`insert into person (id, document, name) values ('p1', 'd', 'P1'), ('p2', 'd', 'P2')`);
    await run(`insert into meeting (id, document, cluster_id, body_id, title, status, planned_agenda) values ('m', 'd', 'c', 'b', 'M', 'HELD', '[]')`);
    await run(`insert into agenda_item (id, document, meeting_id, number, title, recommendations, attachments, absent_person_ids) values
      ('m-2', 'd', 'm', 2, 'Two', '[]', '[]', '["p2", "p1"]'), ('m-10', 'd', 'm', 10, 'Ten', '[]', '[]', '[]'), ('m-1', 'd', 'm', 1, 'One', '[]', '[]', '["p1"]')`);
    await run(`insert into initiative (id, document, cluster_id, kind, title, costs, decisions, targets, attachments, ordinal) values ('i', 'd', 'c', 'FOCUS_AREA', 'I', '[]', '[]', '[]', '[]', 0)`);
    await run(`insert into grant_record (id, document, cluster_id, amount, purpose, meeting_id, initiative_id) values ('g', 'd', 'c', 250000, 'G', 'm', 'i'), ('g2', 'd', 'c', null, 'G2', 'gone', null)`);

    await migrator.up({ to: 'Migration20261124000000ModelReferences' });
    expect(await run(`select id, number, ordinal from agenda_item order by ordinal`)).toEqual([
      { id: 'm-1', number: '1', ordinal: 0 },
      { id: 'm-2', number: '2', ordinal: 1 },
      { id: 'm-10', number: '10', ordinal: 2 },
    ]);
    expect(await run(`select agenda_item_id, person_id, ordinal from agenda_item_absentee order by agenda_item_id, ordinal`)).toEqual([
      { agenda_item_id: 'm-1', person_id: 'p1', ordinal: 0 },
      { agenda_item_id: 'm-2', person_id: 'p2', ordinal: 0 },
      { agenda_item_id: 'm-2', person_id: 'p1', ordinal: 1 },
    ]);
    expect(await run(`select id, meeting_id, initiative_id from grant_record order by id`)).toEqual([
      { id: 'g', meeting_id: 'm', initiative_id: 'i' },
      { id: 'g2', meeting_id: null, initiative_id: null },
    ]);
    // The references are foreign keys now: a grant cannot name a meeting that is not there.
    await expect(run(`update grant_record set meeting_id = 'nowhere' where id = 'g'`)).rejects.toThrow(/foreign key/);

    // The rows so far were all derived from the data files: the records migration empties
    // them, for the next start to import the files as records with a history.
    await migrator.up();
    expect(await schemaDiff(db.orm)).toBe('');
    expect(await run(`select (select count(*) from meeting) + (select count(*) from grant_record) + (select count(*) from cluster) as n`)).toEqual([{ n: '0' }]);
    expect(await run(`select count(*) as n from record`)).toEqual([{ n: '0' }]);
  });
});
