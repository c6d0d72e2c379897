/**
 * The loader against a real database (embedded, or PostgreSQL with TEST_DATABASE_URL):
 * a failed load leaves the previous data as it was, and the load policies do what they say.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, type RegionalDatabase } from '../../services/regional/database/connect';
import { prepareDatabase } from '../../services/regional/database/prepare';
import { digestDataDirectory, loadDataSet } from '../../services/regional/data/load-data-set';
import { readDataSet } from '../../services/regional/data/read-data-set';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { regionalSubgraph } from '../../services/regional/definition';

const syddanmark = regionalSubgraph('syddanmark');

let testDb: TestDatabase;
let db: RegionalDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase('load');
  db = await connectDatabase({ url: testDb.url });
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const count = async (table: string) => Number((await db.orm.em.getConnection().execute(`select count(*) as n from ${table}`))[0].n);

function copyOfData(edit: (file: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-load-'));
  cpSync(syddanmark.dataDirectory, dir, { recursive: true });
  edit(join(dir, 'seed-004-sydvestjylland-2023-12-05.json'));
  return dir;
}

describe('loading a region’s data', () => {
  it('loads a fresh database once, and again only when the files change (if-changed)', async () => {
    const first = await prepareDatabase(db.orm, syddanmark, 'if-changed');
    expect(first).toMatchObject({ loaded: true, stale: false });
    expect(await count('agenda_item')).toBe(11);

    const again = await prepareDatabase(db.orm, syddanmark, 'if-changed');
    expect(again).toMatchObject({ migrations: [], loaded: false, stale: false });

    const changed = copyOfData((file) => {
      const data = JSON.parse(readFileSync(file, 'utf8'));
      data.meetings[0].note = 'changed';
      writeFileSync(file, JSON.stringify(data));
    });
    const policyNever = await prepareDatabase(db.orm, { ...syddanmark, dataDirectory: changed }, 'never');
    expect(policyNever).toMatchObject({ loaded: false, stale: true });
    const reloaded = await prepareDatabase(db.orm, { ...syddanmark, dataDirectory: changed }, 'if-changed');
    expect(reloaded).toMatchObject({ loaded: true });
  });

  it('keeps the previous data when a load fails half-way', async () => {
    await prepareDatabase(db.orm, syddanmark, 'always');
    const before = { meetings: await count('meeting'), items: await count('agenda_item'), loads: await count('data_load') };

    // Valid to the validator, but the same person twice at one meeting breaks the
    // attendance primary key: the database refuses it after the deletes and many inserts.
    const broken = copyOfData((file) => {
      const data = JSON.parse(readFileSync(file, 'utf8'));
      const meeting = data.meetings.find((m: { attendance: unknown[] }) => m.attendance.length > 0);
      meeting.attendance.push(meeting.attendance[0]);
      writeFileSync(file, JSON.stringify(data));
    });
    const set = readDataSet(broken, 'syddanmark');
    await expect(loadDataSet(db.orm.em.fork(), set, digestDataDirectory(broken))).rejects.toThrow(/duplicate key|attendance_pkey/);

    expect(await count('meeting')).toBe(before.meetings);
    expect(await count('agenda_item')).toBe(before.items);
    expect(await count('data_load')).toBe(before.loads);
  });
});
