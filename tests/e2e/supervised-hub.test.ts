/**
 * `npm start` keeps the hub up: a regional subgraph killed with SIGKILL leaves the others
 * serving (partial answers naming the missing region), and is started again by the hub
 * without anyone acting. Runs the supervisor of tools/hub.ts that `npm start` uses.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '../../tools/hub';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { post } from '../support/graphql';
import { waitFor } from '../support/wait-for';

let hub: Hub;
const databases: TestDatabase[] = [];
const supervisorLog: string[] = [];

beforeAll(async () => {
  const nord = await createTestDatabase('supervised_nordjylland');
  const syd = await createTestDatabase('supervised_syddanmark');
  databases.push(nord, syd);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-supervised-'));
  hub = await startHub({
    env: {
      NORDJYLLAND_DATABASE_URL: nord.url,
      SYDDANMARK_DATABASE_URL: syd.url,
      NORDJYLLAND_DATA_DIR: join(dataDir, 'nordjylland'),
      SYDDANMARK_DATA_DIR: join(dataDir, 'syddanmark'),
      // Every answer from the subgraphs, none from the gateway's response cache.
      CACHE_MAX_AGE: '0',
    },
    supervise: { log: (message) => supervisorLog.push(message) },
  });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  for (const db of databases) await db.drop();
});

// The name comes from each cluster's region; the id alone would come from the councils subgraph.
const CLUSTERS = '{ clusters { id name } }';
const regionsIn = (data: { clusters: Array<{ id: string } | null> } | null | undefined) =>
  [...new Set((data?.clusters ?? []).filter(Boolean).map((c) => c!.id.split('-')[0]))].sort();

describe('a supervised hub', () => {
  it('serves every region', async () => {
    const res = await post(hub.gatewayUrl, CLUSTERS);
    expect(res.errors).toBeUndefined();
    expect(regionsIn(res.data as never)).toEqual(['nordjylland', 'syddanmark']);
  });

  it('keeps serving the other regions while one is killed, and brings it back by itself', async () => {
    const killed = hub.services.nordjylland;
    const exited = new Promise((resolve) => killed.child.once('exit', resolve));
    killed.child.kill('SIGKILL');
    await exited;

    // While it is down (the first restart waits half a second, then takes seconds to load),
    // the gateway answers with the other region's data and names the missing one.
    const during = await post(hub.gatewayUrl, CLUSTERS);
    expect(during.status).toBe(200);
    expect(regionsIn(during.data as never)).toEqual(['syddanmark']);
    expect(during.errors?.map((e) => [e.extensions?.code, e.extensions?.serviceName])).toContainEqual(['DOWNSTREAM_SERVICE_ERROR', 'nordjylland']);

    await waitFor(
      async () => {
        const res = await post(hub.gatewayUrl, CLUSTERS);
        return res.errors === undefined && regionsIn(res.data as never).includes('nordjylland');
      },
      { timeoutMs: 90_000, intervalMs: 200, description: 'every region to answer again' },
    );
    expect(hub.services.nordjylland).not.toBe(killed);
    expect(hub.services.nordjylland.url).toBe(killed.url);
    expect(supervisorLog.join('\n')).toMatch(/nordjylland exited unexpectedly \(SIGKILL\); starting it again in \d+ ms/);
    expect(supervisorLog.join('\n')).toMatch(/nordjylland is serving again at http:\/\/127\.0\.0\.1:\d+\/graphql \(restart 1\)/);
  }, 120_000);
});
