/**
 * Bad data files against real processes: `data:check` refuses them naming file and path;
 * `db:load` refuses them and writes nothing; a subgraph whose database holds a completed
 * load keeps serving it (one warning, readiness says stale); a database never loaded
 * refuses to start. The region's files come from SYDDANMARK_DATA_FILES, a copy of its folder.
 * Runs on the embedded database (persisted in a temporary folder), or on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../../tools/hub';
import { regionalSubgraph } from '../../services/regional/definition';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { post } from '../support/graphql';
import { runScript } from '../support/run-script';

const FILE = 'seed-004-sydvestjylland-2023-12-05.json';
const MEETING = 'syddanmark-sydvestjylland-politisk-2023-12-05';

const work = mkdtempSync(join(tmpdir(), 'hub-data-files-'));
let running: ServiceProcess | undefined;

/** A copy of Syddanmark's data folder with an impossible date, a NUL in a title and a new meeting title. */
function badCopy(): string {
  const dir = mkdtempSync(join(work, 'bad-'));
  cpSync(regionalSubgraph('syddanmark').dataDirectory, dir, { recursive: true });
  const path = join(dir, FILE);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  data.meetings[0].date = '2024-02-31';
  data.meetings[0].title = 'A title that must never be served';
  data.meetings[0].agendaItems[2].title = 'Status\u0000';
  writeFileSync(path, JSON.stringify(data, null, 2));
  return dir;
}
const bad = badCopy();
const DATE_PROBLEM = `${FILE}: meetings.0.date: 2024-02-31 is not a calendar date: February 2024 has 29 days`;
const NUL_PROBLEM = `${FILE}: meetings.0.agendaItems.2.title: contains the control character U+0000 (NUL)`;

const databaseOf = new Map<string, TestDatabase>();

/** The environment of a Syddanmark subgraph on the database `label` (the same one every time), with these data files. */
async function regionEnv(label: string, dataFiles?: string) {
  let db = databaseOf.get(label);
  if (!db) {
    db = await createTestDatabase(`files_${label}`);
    databaseOf.set(label, db);
  }
  return {
    LOG_LEVEL: 'info',
    SYDDANMARK_PORT: '0',
    SYDDANMARK_DATABASE_URL: db.url,
    // The embedded database persists here between the starts of one label.
    SYDDANMARK_DATA_DIR: join(work, `db-${label}`),
    SYDDANMARK_DATA_FILES: dataFiles,
    SYDDANMARK_LOAD_DATA: undefined,
    LOAD_DATA: undefined,
  };
}

async function start(env: Record<string, string | undefined>, log: (line: string) => void = () => {}) {
  running = await startServiceProcess({ name: 'syddanmark', env, log });
  return running;
}
async function stop() {
  await running?.stop();
  running = undefined;
}

const titleOf = async (url: string) => {
  const res = await post(url, `{ syddanmarkMeeting(id: "${MEETING}") { title date } }`);
  expect(res.errors).toBeUndefined();
  return res.data!.syddanmarkMeeting;
};
const readiness = async (url: string) => {
  const res = await fetch(new URL('/health/ready', url));
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

afterAll(async () => {
  await stop();
  for (const db of databaseOf.values()) await db.drop();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('npm run data:check on bad files', () => {
  it('exits non-zero and names file and path of each problem', async () => {
    const result = await runScript('scripts/check-data.ts', ['--dir', bad, 'syddanmark']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(DATE_PROBLEM);
    expect(result.stderr).toContain(NUL_PROBLEM);
  }, 60_000);

  it('passes the region’s own files, and a good copy given with --dir', async () => {
    const good = mkdtempSync(join(work, 'good-'));
    cpSync(regionalSubgraph('syddanmark').dataDirectory, good, { recursive: true });
    const result = await runScript('scripts/check-data.ts', ['--dir', good, 'syddanmark']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^syddanmark: 2 files, 4 clusters/);
  }, 60_000);
});

describe('a subgraph whose new data files do not validate', () => {
  let loadedBetween: [number, number];
  let staleDetail: string;

  it('serves and is ready as usual on good files', async () => {
    const before = Date.now();
    const service = await start(await regionEnv('kept'));
    loadedBetween = [before, Date.now()];
    expect(await titleOf(service.url)).toEqual({ title: expect.any(String), date: '2023-12-05' });
    expect(await readiness(service.url)).toEqual({ status: 200, body: { status: 'ready', service: 'syddanmark' } });
    await stop();
  }, 120_000);

  it('keeps serving the last good load, warns once naming file and path, and its readiness says stale', async () => {
    const lines: string[] = [];
    const service = await start(await regionEnv('kept', bad), (line) => lines.push(line));

    const { title, date } = await titleOf(service.url);
    expect(date).toBe('2023-12-05');
    expect(title).not.toBe('A title that must never be served');

    const ready = await readiness(service.url);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', service: 'syddanmark', data: expect.stringMatching(/^stale: the data files do not validate; serving the load of \S+$/) });
    staleDetail = ready.body.data;
    const loadedAt = Date.parse(staleDetail.replace(/^.* of /, ''));
    expect(loadedAt).toBeGreaterThanOrEqual(loadedBetween[0] - 1_000);
    expect(loadedAt).toBeLessThanOrEqual(loadedBetween[1]);

    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain(`the data files do not validate; serving the load of ${new Date(loadedAt).toISOString()}`);
    expect(warnings[0].msg).toContain(DATE_PROBLEM);
    expect(warnings[0].msg).toContain(NUL_PROBLEM);
    expect(warnings[0]).toMatchObject({ problems: 2, dataFiles: bad });
    expect(lines.every((l) => l.length < 2_000)).toBe(true);
    // Nothing was loaded.
    expect(lines.some((l) => /loaded \w+: \d+/.test(l))).toBe(false);
    await stop();
  }, 120_000);

  it('npm run db:load refuses the bad files, naming file and path, and writes nothing', async () => {
    const result = await runScript('scripts/db.ts', ['load', 'syddanmark'], await regionEnv('kept', bad));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(DATE_PROBLEM);
    expect(result.stdout).not.toContain('loading');

    // The same load is served: the failed command wrote no new one.
    const service = await start(await regionEnv('kept', bad));
    expect((await readiness(service.url)).body.data).toBe(staleDetail);
    await stop();
  }, 120_000);

  it('with the `always` policy too', async () => {
    const service = await start({ ...(await regionEnv('kept', bad)), SYDDANMARK_LOAD_DATA: 'always' });
    expect((await readiness(service.url)).body.data).toBe(staleDetail);
    expect((await titleOf(service.url)).date).toBe('2023-12-05');
    await stop();
  }, 120_000);

  it('says stale too when valid files changed and the policy does not load them (never)', async () => {
    const changed = mkdtempSync(join(work, 'changed-'));
    cpSync(regionalSubgraph('syddanmark').dataDirectory, changed, { recursive: true });
    const path = join(changed, FILE);
    const data = JSON.parse(readFileSync(path, 'utf8'));
    data.meetings[0].note = 'changed';
    writeFileSync(path, JSON.stringify(data));
    const service = await start({ ...(await regionEnv('kept', changed)), SYDDANMARK_LOAD_DATA: 'never' });
    expect((await readiness(service.url)).body.data).toBe(staleDetail.replace('the data files do not validate; serving the load of', 'the data files changed since the load of'));
    await stop();
  }, 120_000);

  it('refuses to start on a database never loaded, with one line naming file and path', async () => {
    const lines: string[] = [];
    await expect(start(await regionEnv('fresh', bad), (line) => lines.push(line))).rejects.toThrow(/exited with code 1 before it was ready/);
    const fatal = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0].msg).toContain(DATE_PROBLEM);
  }, 120_000);
});
