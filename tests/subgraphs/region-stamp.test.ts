/**
 * Each region's database records its region (services/regional/database/region-stamp.ts):
 * a subgraph of another region refuses to start on it with one line and writes nothing.
 * Claims run on the embedded database, and on PostgreSQL too when TEST_DATABASE_URL is set
 * (there also claims from two connections at once). Then real processes: two subgraphs given
 * one PostgreSQL database (only DATABASE_URL set), and two given one embedded data directory
 * (only DATA_DIR set), where the second is refused by the directory's lock.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { connectDatabase, type RegionalDatabase } from '../../services/regional/database/connect';
import { migrate, prepareDatabase } from '../../services/regional/database/prepare';
import { DatabaseOfAnotherRegionError, REGION_STAMP_TABLE, claimDatabase } from '../../services/regional/database/region-stamp';
import { regionalSubgraph } from '../../services/regional/definition';
import { schemaDiff } from '../../services/regional/migrations/schema-diff';
import { startServiceProcess, type ServiceProcess } from '../../tools/hub';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/database';
import { post } from '../support/graphql';

if (!serverUrl) {
  // eslint-disable-next-line no-console
  console.warn(
    'TEST_DATABASE_URL is not set: the region stamp is tested on the embedded database only ' +
      '(skipped: concurrent claims and two subgraph processes on one PostgreSQL database; `npm run test:pg` runs them).',
  );
}
const describePostgres = serverUrl ? describe : describe.skip;

const NORDJYLLAND_REFUSED =
  'this database belongs to Region Nordjylland (NORDJYLLAND); the syddanmark subgraph will not start on it: ' +
  'give each region its own database (SYDDANMARK_DATABASE_URL, or SYDDANMARK_DATA_DIR for the embedded one)';

const scratch: TestDatabase[] = [];
const opened: RegionalDatabase[] = [];
const running: ServiceProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const db of opened) await db.close();
  for (const testDb of scratch) await testDb.drop();
});

/** A fresh database of the kind, and its URL (none for the embedded one, in memory). */
async function freshDatabase(kind: 'embedded' | 'postgresql', label: string): Promise<{ url?: string }> {
  if (kind === 'embedded') return {};
  const testDb = await createTestDatabase(`stamp_${label}`);
  scratch.push(testDb);
  return { url: testDb.url };
}

async function connect(url: string | undefined): Promise<RegionalDatabase> {
  const db = await connectDatabase({ url });
  opened.push(db);
  return db;
}

const run = (db: RegionalDatabase, sql: string) => db.orm.em.getConnection().execute(sql);
const stampOf = (db: RegionalDatabase) => run(db, `select region, claimed_at from ${REGION_STAMP_TABLE}`);
const hasStampTable = async (db: RegionalDatabase) => (await run(db, `select to_regclass('${REGION_STAMP_TABLE}') is not null as present`))[0].present;

const kinds: Array<'embedded' | 'postgresql'> = serverUrl ? ['embedded', 'postgresql'] : ['embedded'];

describe.each(kinds)('claiming a database (%s)', (kind) => {
  it('stamps a fresh database for the first region, and refuses another region without a change', async () => {
    const db = await connect((await freshDatabase(kind, 'fresh')).url);
    expect(await claimDatabase(db.orm, 'NORDJYLLAND')).toBe('claimed');
    const stamp = await stampOf(db);
    expect(stamp).toEqual([{ region: 'NORDJYLLAND', claimed_at: expect.anything() }]);
    expect(await claimDatabase(db.orm, 'NORDJYLLAND')).toBe('ours');

    const refusal = claimDatabase(db.orm, 'SYDDANMARK');
    await expect(refusal).rejects.toBeInstanceOf(DatabaseOfAnotherRegionError);
    await expect(refusal).rejects.toThrow(NORDJYLLAND_REFUSED);
    expect(await stampOf(db)).toEqual(stamp);
  });

  it('refuses a database loaded before stamps with another region’s clusters, and leaves it as it was', async () => {
    const db = await connect((await freshDatabase(kind, 'older')).url);
    await prepareDatabase(db.orm, regionalSubgraph('syddanmark'), 'always');
    // As a database loaded by a version without stamps left it.
    await run(db, `drop table if exists ${REGION_STAMP_TABLE}`);
    const clusters = await run(db, 'select id, region_code from cluster order by id');
    expect(clusters.length).toBeGreaterThan(0);

    await expect(claimDatabase(db.orm, 'NORDJYLLAND')).rejects.toThrow(
      'this database holds the clusters of Region Syddanmark (SYDDANMARK); the nordjylland subgraph will not start on it',
    );
    // The stamp table was created inside the refused transaction: rolled back with it.
    expect(await hasStampTable(db)).toBe(false);
    expect(await run(db, 'select id, region_code from cluster order by id')).toEqual(clusters);

    // Its own region adopts it.
    expect(await claimDatabase(db.orm, 'SYDDANMARK')).toBe('claimed');
    expect(await stampOf(db)).toEqual([{ region: 'SYDDANMARK', claimed_at: expect.anything() }]);
  });

  it('keeps the stamp outside the model: after a claim the migrations and the entities still agree', async () => {
    const db = await connect((await freshDatabase(kind, 'diff')).url);
    await claimDatabase(db.orm, 'SYDDANMARK');
    await migrate(db.orm);
    expect(await schemaDiff(db.orm)).toBe('');
  });
});

describePostgres('claims from two connections at once on one PostgreSQL database', () => {
  it('let exactly one region win, every time', async () => {
    const { url } = await freshDatabase('postgresql', 'race');
    const [a, b] = [await connect(url), await connect(url)];
    for (let round = 0; round < 10; round++) {
      await run(a, `drop table if exists ${REGION_STAMP_TABLE}`);
      const outcomes = await Promise.allSettled([claimDatabase(a.orm, 'NORDJYLLAND'), claimDatabase(b.orm, 'SYDDANMARK')]);
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ region: i === 0 ? 'NORDJYLLAND' : 'SYDDANMARK', outcome: o.value }] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(won).toHaveLength(1);
      expect(won[0].outcome).toBe('claimed');
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(DatabaseOfAnotherRegionError);
      expect(lost[0].owner).toBe(won[0].region);
      expect((await stampOf(a)).map((r) => r.region)).toEqual([won[0].region]);
    }
  });

  it('of one region: one claims, the other finds it its own', async () => {
    const { url } = await freshDatabase('postgresql', 'same');
    const [a, b] = [await connect(url), await connect(url)];
    for (let round = 0; round < 10; round++) {
      await run(a, `drop table if exists ${REGION_STAMP_TABLE}`);
      const outcomes = await Promise.all([claimDatabase(a.orm, 'NORDJYLLAND'), claimDatabase(b.orm, 'NORDJYLLAND')]);
      expect(outcomes.sort()).toEqual(['claimed', 'ours']);
    }
  });
});

/** The environment of a subgraph process whose database is chosen by `database` alone. */
function processEnv(database: Record<string, string>): Record<string, string | undefined> {
  return {
    LOG_LEVEL: 'info',
    NORDJYLLAND_PORT: '0',
    SYDDANMARK_PORT: '0',
    ...Object.fromEntries(
      ['DATABASE_URL', 'DATA_DIR', 'LOAD_DATA', 'DATA_FILES'].flatMap((name) => [name, `NORDJYLLAND_${name}`, `SYDDANMARK_${name}`].map((n) => [n, undefined])),
    ),
    ...database,
  };
}

async function start(name: string, env: Record<string, string | undefined>, lines: string[] = []): Promise<ServiceProcess> {
  const service = await startServiceProcess({ name, env, log: (line) => lines.push(line) });
  running.push(service);
  return service;
}

/** Starts `name`, which must refuse: its output, every line of it. */
async function refusedStart(name: string, env: Record<string, string | undefined>): Promise<string[]> {
  const lines: string[] = [];
  await expect(start(name, env, lines)).rejects.toThrow(/exited with code 1 before it was ready/);
  return lines;
}

async function nordjyllandClusters(service: ServiceProcess) {
  const { data, errors } = await post(service.url, '{ nordjyllandClusters { id name municipalities { name } } }');
  expect(errors).toBeUndefined();
  return data!.nordjyllandClusters;
}

describePostgres('two regional subgraphs given one PostgreSQL database (only DATABASE_URL set)', () => {
  it('the second refuses to start with one line, and the first region’s rows stay as they were', async () => {
    const { url } = await freshDatabase('postgresql', 'processes');
    // Trust authentication ignores the password: it is here to show it never reaches the output.
    const withPassword = new URL(url!);
    withPassword.username = 'postgres';
    withPassword.password = 's3cret-password';
    const env = processEnv({ DATABASE_URL: withPassword.toString() });

    const nordjylland = await start('nordjylland', env);
    const clusters = await nordjyllandClusters(nordjylland);
    const before = await rowCounts(url!);
    expect(before.cluster).toBeGreaterThan(0);
    expect(before[REGION_STAMP_TABLE]).toBe(1);

    const lines = await refusedStart('syddanmark', env);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ service: 'syddanmark', level: 60, msg: NORDJYLLAND_REFUSED });
    expect(lines[0]).not.toContain('s3cret');

    expect(await rowCounts(url!)).toEqual(before);
    expect(await nordjyllandClusters(nordjylland)).toEqual(clusters);
  }, 180_000);
});

describe('two regional subgraphs given one embedded data directory (only DATA_DIR set)', () => {
  it('the second refuses while the first has it open, and by the stamp after; the first region’s data stays', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'hub-region-stamp-')), 'shared');
    const env = processEnv({ DATA_DIR: dataDir });

    const nordjylland = await start('nordjylland', env);
    const clusters = await nordjyllandClusters(nordjylland);

    const whileOpen = await refusedStart('syddanmark', env);
    expect(whileOpen).toHaveLength(1);
    expect(JSON.parse(whileOpen[0])).toMatchObject({
      service: 'syddanmark',
      level: 60,
      msg: `the embedded database in ${dataDir} is in use by process ${nordjylland.child.pid}`,
    });
    expect(await nordjyllandClusters(nordjylland)).toEqual(clusters);

    await nordjylland.stop();
    const afterStop = await refusedStart('syddanmark', env);
    expect(afterStop).toHaveLength(1);
    expect(JSON.parse(afterStop[0])).toMatchObject({ service: 'syddanmark', level: 60, msg: NORDJYLLAND_REFUSED });

    // The refused start let go of the directory, and wrote nothing to it.
    const again = await start('nordjylland', { ...env, NORDJYLLAND_LOAD_DATA: 'never' });
    expect(await nordjyllandClusters(again)).toEqual(clusters);
  }, 240_000);
});

/** select count(*) of every table of the database. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      counts[table] = Number((await client.query(`select count(*) from "${table}"`)).rows[0].count);
    }
    return counts;
  } finally {
    await client.end();
  }
}
