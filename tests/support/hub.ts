/**
 * The whole hub as processes for an end-to-end suite, on databases of the suite's own:
 * PostgreSQL databases when TEST_DATABASE_URL is set, embedded ones in a temporary folder
 * otherwise. The development signing key lives in that folder too (HUB_DATA_DIR), so a suite
 * signs its write tokens with the key its subgraphs check (platform/dev-token.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, startServiceProcess, type Hub, type ServiceProcess } from '../../tools/hub';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestHubOptions {
  /** Every line every process logs. */
  log?: (line: string) => void;
  /** More environment for every process, e.g. LOG_LEVEL or BODY_LIMIT. */
  env?: Record<string, string | undefined>;
}

export interface TestHub extends Hub {
  /** HUB_DATA_DIR of every process: the development key for `signDevToken({ dir: hub.dataDir, … })`. */
  dataDir: string;
  /** The environment every process was started with (SUBGRAPH_SECRET, databases …), for more processes of the same hub. */
  env: Record<string, string | undefined>;
  /**
   * Starts a subgraph again on the port it had, with the hub's environment and `env` over
   * it, once its process has exited (a running one is stopped with SIGTERM first);
   * `services[name]` is then the new process.
   */
  restart(name: string, env?: Record<string, string | undefined>): Promise<ServiceProcess>;
  /** Stops the hub and drops its databases. */
  close(): Promise<void>;
}

export async function startTestHub(label: string, options: TestHubOptions = {}): Promise<TestHub> {
  const databases: TestDatabase[] = [];
  const nord = await createTestDatabase(`${label}_nordjylland`);
  databases.push(nord);
  const syd = await createTestDatabase(`${label}_syddanmark`);
  databases.push(syd);
  const dataDir = mkdtempSync(join(tmpdir(), `hub-${label}-`));
  // Made here rather than by startHub, so a subgraph started again answers the same gateway.
  const env = {
    ...options.env,
    SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
    HUB_DATA_DIR: dataDir,
    NORDJYLLAND_DATABASE_URL: nord.url,
    SYDDANMARK_DATABASE_URL: syd.url,
    NORDJYLLAND_DATA_DIR: join(dataDir, 'nordjylland'),
    SYDDANMARK_DATA_DIR: join(dataDir, 'syddanmark'),
  };
  let hub: Hub;
  try {
    hub = await startHub({ env, log: options.log });
  } catch (error) {
    await Promise.all(databases.map((db) => db.drop()));
    throw error;
  }
  const restarted: ServiceProcess[] = [];
  return {
    ...hub,
    dataDir,
    env,
    async restart(name, more = {}) {
      const previous = hub.services[name];
      if (!previous || name === 'gateway') throw new Error(`no subgraph "${name}" in this hub`);
      await previous.stop();
      const port = new URL(previous.url).port;
      const next = await startServiceProcess({ name, env: { ...env, PORT: undefined, [`${name.toUpperCase()}_PORT`]: port, ...more }, log: options.log });
      hub.services[name] = next;
      restarted.push(next);
      return next;
    },
    async close() {
      await hub.stop();
      await Promise.all(restarted.map((s) => s.stop()));
      await Promise.all(databases.map((db) => db.drop()));
    },
  };
}
