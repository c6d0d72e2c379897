/**
 * Importing a set of minutes and publishing it through the gateway, end to end: a hub whose
 * Nordjylland subgraph starts empty (its data folder, NORDJYLLAND_DATA_FILES, holds only the
 * region's clusters), `npm run minutes:import -- 002….txt --cluster nordjylland-syd --publish`
 * with a development write token, then the meeting read back through the gateway: the same
 * agenda items (number, title) and decisions as the hand-made data set of the same minutes.
 * Also: a refused file publishes nothing and writes no draft; a missing token publishes nothing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../../platform/dev-token';
import { readDataSet } from '../../services/regional/data/read-data-set';
import { regionalSubgraph } from '../../services/regional/definition';
import { post } from '../support/graphql';
import { startTestHub, type TestHub } from '../support/hub';
import { runScript } from '../support/run-script';

const SEEDS = join(__dirname, '../../../shared/seeds');
const FILE = readdirSync(SEEDS).find((f) => f.startsWith('002_'))!;
const work = mkdtempSync(join(tmpdir(), 'minutes-publish-'));
const emptyRegion = join(work, 'nordjylland-data');
let hub: TestHub;

const MEETING_QUERY = `{ cluster(id: "nordjylland-syd") { meetings { id status agendaItems { number title decision } } } }`;

beforeAll(async () => {
  // The region with its clusters only: no document's records, so the published ones are the only ones.
  mkdirSync(emptyRegion);
  copyFileSync(join(regionalSubgraph('nordjylland').dataDirectory, '000-clusters.json'), join(emptyRegion, '000-clusters.json'));
  hub = await startTestHub('minutes_publish', { env: { NORDJYLLAND_DATA_FILES: emptyRegion } });
}, 180_000);

afterAll(async () => {
  await hub?.close();
});

it('starts with no meeting in the cluster', async () => {
  const res = await post(hub.gatewayUrl, MEETING_QUERY);
  expect(res.errors).toBeUndefined();
  expect(res.data!.cluster.meetings).toEqual([]);
});

it('refuses a garbage file and a missing token: exit code 1, one line, nothing written or published', async () => {
  const garbage = join(work, 'garbage.pdf');
  writeFileSync(garbage, Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f]));
  const out = join(work, 'garbage.json');
  const token = await signDevToken({ dir: hub.dataDir, region: 'nordjylland', subject: 'minutes-test' });
  const refused = await runScript('scripts/minutes-import.ts', [garbage, '--cluster', 'nordjylland-syd', '--out', out, '--publish'], { HUB_URL: hub.gatewayUrl, HUB_TOKEN: token });
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  expect(refused.stderr).toContain('not a PDF');
  expect(existsSync(out)).toBe(false);

  const noToken = await runScript('scripts/minutes-import.ts', [join(SEEDS, FILE), '--cluster', 'nordjylland-syd', '--publish'], { HUB_URL: hub.gatewayUrl, HUB_TOKEN: undefined });
  expect(noToken.code).toBe(1);
  expect(noToken.stderr.trim()).toMatch(/^HUB_TOKEN is not set/);
  expect((await post(hub.gatewayUrl, MEETING_QUERY)).data!.cluster.meetings).toEqual([]);
});

it('publishes the imported minutes; the gateway then serves the hand-made agenda items and decisions', async () => {
  const token = await signDevToken({ dir: hub.dataDir, region: 'nordjylland', subject: 'minutes-test' });
  const out = join(work, 'draft.json');
  const run = await runScript('scripts/minutes-import.ts', [join(SEEDS, FILE), '--cluster', 'nordjylland-syd', '--out', out, '--publish'], { HUB_URL: hub.gatewayUrl, HUB_TOKEN: token });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/published 002_862ff6785b306e7d\.txt: \d+ created, 0 updated, 0 unchanged, 0 withdrawn, 0 conflicts/);
  const draft = JSON.parse(readFileSync(out, 'utf8'));
  expect(draft.document).toBe(FILE);

  const reference = readDataSet(regionalSubgraph('nordjylland').dataDirectory, 'nordjylland').meetings.find((m) => m.document === FILE && m.status === 'HELD')!;
  const res = await post(hub.gatewayUrl, MEETING_QUERY);
  expect(res.errors).toBeUndefined();
  const meetings = res.data!.cluster.meetings as Array<{ id: string; status: string; agendaItems: Array<{ number: string; title: string; decision: string | null }> }>;
  expect(meetings.map((m) => m.id)).toEqual([reference.id]);
  expect(meetings[0].agendaItems).toEqual(reference.agendaItems.map((i) => ({ number: i.number, title: i.title, decision: i.decision })));
});
