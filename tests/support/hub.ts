/**
 * The whole hub as processes for an end-to-end suite, on databases of the suite's own:
 * PostgreSQL databases when TEST_DATABASE_URL is set, embedded ones in a temporary folder
 * otherwise.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, type Hub } from '../../tools/hub';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestHub extends Hub {
  /** Stops the hub and drops its databases. */
  close(): Promise<void>;
}

/** `env`: more variables for every process of the hub, e.g. a configuration switch under test. */
export async function startTestHub(label: string, log?: (line: string) => void, env: Record<string, string> = {}): Promise<TestHub> {
  const nord = await createTestDatabase(`${label}_nordjylland`);
  const syd = await createTestDatabase(`${label}_syddanmark`);
  const dataDir = mkdtempSync(join(tmpdir(), `hub-${label}-`));
  const hub = await startHub({
    env: {
      NORDJYLLAND_DATABASE_URL: nord.url,
      SYDDANMARK_DATABASE_URL: syd.url,
      NORDJYLLAND_DATA_DIR: join(dataDir, 'nordjylland'),
      SYDDANMARK_DATA_DIR: join(dataDir, 'syddanmark'),
      ...env,
    },
    log,
  });
  return {
    ...hub,
    async close() {
      await hub.stop();
      await nord.drop();
      await syd.drop();
    },
  };
}
