/**
 * A regional subgraph with a read replica (<REGION>_DATABASE_READ_URLS) on real PostgreSQL:
 * a streaming replica of the test server made with pg_basebackup for this suite
 * (tests/support/pg-replica.ts), on a port of its own. The API's reads land on the replica
 * (its statement log, its port), writes on the primary, and a writer reads what it wrote at
 * once, even while the replica lags: its replay is paused for that case, so an anonymous read
 * still answers the state before the write. Only with TEST_DATABASE_URL (`npm run test:pg`):
 * a replica streams from a PostgreSQL server, and the embedded database has none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { signDevToken } from '../../platform/dev-token';
import { createLogger } from '../../platform/logger';
import { DatabaseUnreachableError } from '../../services/regional/database/connect';
import { regionalSubgraph } from '../../services/regional/definition';
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/database';
import { caughtUp, replicaUnavailable, startReplica, type Replica } from '../support/pg-replica';
import { waitFor } from '../support/wait-for';

if (!serverUrl) {
  // eslint-disable-next-line no-console
  console.warn(
    'TEST_DATABASE_URL is not set: read replicas are not tested (skipped: a streaming replica needs a PostgreSQL server; `npm run test:pg` runs them).',
  );
}
const describePostgres = serverUrl ? describe : describe.skip;

const nordjylland = regionalSubgraph('nordjylland');
const MEETING_ID = 'nordjylland-midt-direktoerforum-2024-02-08';
const WRITER = 'sekretariat@rn.example';

describePostgres('a regional subgraph reading from a streaming replica', () => {
  let keyDirectory: string;
  let db: TestDatabase;
  let replica: Replica;
  let replicaUrl: string;
  let service: RunningRegionalService;
  let databaseName: string;

  beforeAll(async () => {
    keyDirectory = mkdtempSync(join(tmpdir(), 'hub-replica-keys-'));
    const missing = await replicaUnavailable(serverUrl!);
    if (missing) throw new Error(`cannot make a streaming replica of ${new URL(serverUrl!).host}: ${missing}`);
    db = await createTestDatabase('replicas');
    databaseName = new URL(db.url!).pathname.slice(1);
    replica = await startReplica(serverUrl!);
    replicaUrl = replica.urlOf(db.url!);
    // The replica has the database once it has replayed its creation.
    await caughtUp(serverUrl!, replicaUrl.replace(`/${databaseName}`, '/postgres'));
    service = await startRegionalService(nordjylland, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl: db.url,
      databaseReadUrls: [replicaUrl],
      load: 'if-empty',
      logger: createLogger('test'),
      auth: { production: false, devKeyDirectory: keyDirectory },
    });
    // The migrations and the import ran on the primary; reads wait until the replica has them.
    await caughtUp(db.url!, replicaUrl);
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await replica?.stop();
    await db?.drop();
    if (keyDirectory) rmSync(keyDirectory, { recursive: true, force: true });
  }, 60_000);

  async function gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  }
  const bearer = async () => ({ authorization: `Bearer ${await signDevToken({ dir: keyDirectory, region: 'nordjylland', subject: WRITER, ttlSeconds: 600 })}` });

  /** One statement on one server, outside the subgraph. */
  async function on<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('has the replica as its read connection and the primary as its write connection', async () => {
    const where = (type: 'read' | 'write') => service.orm.em.getConnection(type).execute('select inet_server_port() as port, pg_is_in_recovery() as standby');
    expect(await where('read')).toEqual([{ port: replica.port, standby: true }]);
    expect(await where('write')).toEqual([{ port: Number(new URL(db.url!).port || 5432), standby: false }]);
    expect(service.database).toContain(`reads from 127.0.0.1:${replica.port}`);
  });

  it('serves the API’s reads from the replica: its log has the statements of each read', async () => {
    const before = replica.statements(databaseName).length;
    const data = await gql(`{ nordjyllandClusters { id meetings { id agendaItems { title } } } nordjyllandHealthAgreements { id } }`);
    expect(data.nordjyllandClusters.length).toBeGreaterThan(0);
    const served = replica.statements(databaseName).slice(before);
    for (const table of ['cluster', 'meeting', 'health_agreement']) {
      expect(served.some((sql) => new RegExp(`^select .* from "${table}" as`).test(sql))).toBe(true);
    }
    // The agenda items' titles come inside the meetings' statement (graphql/read-columns.ts), on the replica too.
    expect(served.some((sql) => /^select .* from agenda_item e where e\.meeting_id = m\.id.* from "meeting" as/.test(sql))).toBe(true);
  });

  it('writes on the primary, and answers the write and the writer’s next read from it while the replica lags', async () => {
    const MEETING = `query($id: ID!) { nordjyllandMeeting(id: $id) { id place version history { version operation subject } } }`;
    const read = async (headers: Record<string, string> = {}) => (await gql(MEETING, { id: MEETING_ID }, headers)).nordjyllandMeeting;
    const before = await read();
    const place = `Regionshuset, Aalborg (mødelokale ${before.version + 1})`;
    expect(before.place).not.toBe(place);

    // The replica lags: it stops replaying the primary's WAL (it still receives it).
    await on(replicaUrl, 'select pg_wal_replay_pause()');
    try {
      // 'pause requested' until the startup process acts on it.
      await waitFor(async () => (await on(replicaUrl, `select 1 where pg_get_wal_replay_pause_state() = 'paused'`)).length > 0, { description: 'the replica to pause its replay' });
      const stored = (await on<{ data: Record<string, unknown> }>(db.url!, `select data from record where kind = 'meeting' and id = $1`, [MEETING_ID]))[0].data;
      const written = await gql(
        `mutation($meeting: JSON!, $expectedVersion: Int) { nordjyllandSaveMeeting(meeting: $meeting, expectedVersion: $expectedVersion) { id place version history { version operation subject } } }`,
        { meeting: { ...stored, place }, expectedVersion: before.version },
        await bearer(),
      );
      const after = { id: MEETING_ID, place, version: before.version + 1, history: [...before.history, { version: before.version + 1, operation: 'UPDATE', subject: WRITER }] };
      expect(written.nordjyllandSaveMeeting).toEqual(after);

      // The write is on the primary; the paused replica has not replayed it.
      const placeOn = async (url: string) => (await on<{ place: string }>(url, 'select place from meeting where id = $1', [MEETING_ID]))[0].place;
      expect(await placeOn(db.url!)).toBe(place);
      expect(await placeOn(replicaUrl)).toBe(before.place);
      // So an anonymous read, served by the replica, still answers the state before the write…
      expect(await read()).toEqual(before);
      // …and the writer's next read, with its token, is served by the primary.
      expect(await read(await bearer())).toEqual(after);
    } finally {
      await on(replicaUrl, 'select pg_wal_replay_resume()');
    }
    await caughtUp(db.url!, replicaUrl);
    expect((await read()).place).toBe(place);
  });

  it('refuses to start when a replica does not answer, naming it in one line', async () => {
    const nowhere = new URL(replicaUrl);
    // Port 1 (tcpmux) of 127.0.0.1: nothing listens there.
    nowhere.port = '1';
    const start = startRegionalService(nordjylland, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl: db.url,
      databaseReadUrls: [nowhere.toString()],
      load: 'never',
      logger: createLogger('test'),
      auth: { production: false, devKeyDirectory: keyDirectory },
    });
    await expect(start).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(start).rejects.toThrow(`cannot reach PostgreSQL at 127.0.0.1:1 (database ${databaseName}) (read replica): ECONNREFUSED`);
  });
});
