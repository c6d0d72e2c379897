/**
 * A database for one test suite. With TEST_DATABASE_URL (a PostgreSQL server URL, as CI
 * sets it) each suite creates a database of its own on that server and drops it after;
 * without it the suite runs on the embedded PGlite, in memory.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Undefined for the embedded database. */
  url: string | undefined;
  kind: 'postgresql' | 'embedded';
  drop(): Promise<void>;
}

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

// `npm run test:pg` sets this, so a missing URL fails loudly instead of quietly testing the embedded path twice.
if (process.env.REQUIRE_TEST_DATABASE === '1' && !serverUrl) {
  throw new Error('TEST_DATABASE_URL must point at a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:5432/postgres');
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  if (!serverUrl) return { url: undefined, kind: 'embedded', drop: async () => {} };
  const name = `hub_test_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgresql',
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
