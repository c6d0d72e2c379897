/**
 * Writes to a regional subgraph, end to end on real processes: a client with a bearer token
 * writes through the gateway, and what it wrote is read back through the gateway, survives
 * the subgraph's restarts, a `kill -9` in the middle of a publish and a reload of the data
 * files. One hub for the suite (embedded databases, or PostgreSQL with TEST_DATABASE_URL);
 * the Nordjylland subgraph is restarted on its port where a case needs it. The suite's
 * cases run in order: each starts from what the ones before it left.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, generateKeyPair, type JWTPayload } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, devSigningKey, signDevToken } from '../../platform/dev-token';
import { regionalSubgraph } from '../../services/regional/definition';
import { startTestHub, type TestHub } from '../support/hub';
import { waitFor } from '../support/wait-for';

const nordjylland = regionalSubgraph('nordjylland');
const seedFile = (name: string) => JSON.parse(readFileSync(join(nordjylland.dataDirectory, name), 'utf8'));
const MIDT = seedFile('seed-001-direktoerforum-midt-2024-02-08.json');
/** An imported meeting of the data files, with agenda items and attendance. */
const SEED_MEETING = MIDT.meetings[0];
const WRITER = 'sekretariat@rn.example';

/** A meeting of Sundhedsklynge Midt's Direktørforum that the data files do not have. */
function newMeeting(id: string, title = 'Direktørforum Sundhedsklynge Midt d. 03-12-2026') {
  return {
    ...SEED_MEETING,
    id,
    title,
    status: 'PLANNED',
    date: '2026-12-03',
    startsAt: '2026-12-03T14:00:00+01:00',
    note: null,
    attendance: SEED_MEETING.attendance.slice(0, 2),
    agendaItems: [{ ...SEED_MEETING.agendaItems[0], id: `${id}-punkt-1`, decision: null }],
  };
}
const API_MEETING = newMeeting('nordjylland-midt-direktoerforum-2026-12-03');

// The data set of the publish that is killed: large enough that its transaction runs for a
// while after its first progress line. People come first in the order of writing
// (records/kinds.ts), so when the line "publishing: people: …" is logged, every meeting,
// with its agenda items, is still to be written.
const PUBLISHED_DOCUMENT = 'Mødeplan Direktørforum Sundhedsklynge Midt 2027-2035';
const PUBLISHED_PEOPLE = 1_000;
const PUBLISHED_MEETINGS = 3_000;
function largeDataSet() {
  const people = Array.from({ length: PUBLISHED_PEOPLE }, (_, i) => ({ id: `nordjylland-person-moedeplan-${i}`, name: `Deltager nr. ${i}`, section: 'Deltagerliste' }));
  const meetings = Array.from({ length: PUBLISHED_MEETINGS }, (_, i) => {
    const day = new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10);
    const id = `nordjylland-midt-direktoerforum-plan-${day}`;
    return {
      id,
      clusterId: 'nordjylland-midt',
      bodyId: 'nordjylland-midt-direktoerforum',
      title: `Direktørforum Sundhedsklynge Midt d. ${day}`,
      status: 'PLANNED',
      date: day,
      attendance: [{ personId: people[i % PUBLISHED_PEOPLE].id, status: 'PARTICIPANT', section: 'Deltagere' }],
      agendaItems: [1, 2].map((n) => ({ id: `${id}-punkt-${n}`, number: String(n), title: `Punkt ${n}`, section: `Punkt ${n}` })),
      section: `Møde ${i + 1}`,
    };
  });
  return { document: PUBLISHED_DOCUMENT, title: 'Mødeplan', people, meetings };
}

const logLines: string[] = [];
/** Called with each line the hub's processes log; the kill -9 case sets it. */
let onLogLine: ((entry: { service?: string; msg?: string }) => void) | undefined;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('writes', {
    env: {
      // The subgraph's lines are what the kill -9 case watches for, and what the reload case checks.
      LOG_LEVEL: 'info',
      // The large data set is about 1.9 MB of JSON; the default (100kb) would refuse it with 413 at the gateway.
      BODY_LIMIT: '8mb',
      // The whole large publish takes seconds; on a busy machine more than the default 10 s.
      SUBGRAPH_TIMEOUT_MS: '60000',
    },
    log: (line) => {
      logLines.push(line);
      if (!onLogLine) return;
      try {
        onLogLine(JSON.parse(line));
      } catch {
        // Not a log entry (a line some library printed).
      }
    },
  });
}, 180_000);

afterAll(async () => {
  await hub?.close();
}, 60_000);

interface Answer<T = Record<string, any>> {
  status: number;
  /** The Age header: set when the gateway's response cache answered. */
  age: string | null;
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

async function gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<Answer<T>, 'status' | 'age'>;
  return { status: res.status, age: res.headers.get('age'), ...body };
}

let reads = 0;
/**
 * A read the gateway's response cache cannot answer: the cache keys on the request body, and
 * a comment of its own makes each body new. For reads after a restart, a kill or a reload,
 * which no write through the gateway announced to the cache.
 */
const freshRead = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => gql<T>(`${query}\n# read ${++reads}`, variables);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const writeToken = (region = 'nordjylland', subject = WRITER) => signDevToken({ dir: hub.dataDir, region, subject, ttlSeconds: 600 });

const SAVE_MEETING = `mutation Save($meeting: JSON!, $expectedVersion: Int, $document: String) {
  nordjyllandSaveMeeting(meeting: $meeting, expectedVersion: $expectedVersion, document: $document) { id title place version }
}`;
const saveMeeting = (variables: { meeting: object; expectedVersion?: number; document?: string }, headers: Record<string, string>) => gql(SAVE_MEETING, variables, headers);

const MEETING = `query Meeting($id: ID!) {
  nordjyllandMeeting(id: $id) { id title place status version state agendaItems { id title } history { version operation subject document } }
}`;
async function meeting(id: string) {
  const res = await freshRead(MEETING, { id });
  expect(res.errors).toBeUndefined();
  return res.data!.nordjyllandMeeting;
}

/** Waits until the Nordjylland subgraph answers through the gateway again (the gateway's circuit may be open for a while). */
const nordjyllandAnswers = () =>
  waitFor(
    async () => {
      const res = await freshRead('{ nordjyllandClusters { id } }');
      return res.errors === undefined && res.data?.nordjyllandClusters.length > 0;
    },
    { timeoutMs: 60_000, intervalMs: 200, description: 'the Nordjylland subgraph to answer through the gateway' },
  );

describe('a meeting written through the gateway with a Nordjylland token', () => {
  const READ = `{ nordjyllandMeeting(id: "${API_MEETING.id}") { id title version } }`;
  const LIST = '{ nordjyllandCluster(id: "nordjylland-midt") { meetings { id } } }';

  it('is read back through the gateway at once, also where the same read was cached before the write', async () => {
    const before = await gql(READ);
    expect(before.data).toEqual({ nordjyllandMeeting: null });
    const list = await gql(LIST);
    expect(list.data!.nordjyllandCluster.meetings.map((m: { id: string }) => m.id)).not.toContain(API_MEETING.id);
    // Both reads are in the gateway's response cache now (on by default, CACHE_MAX_AGE 30 s).
    expect((await gql(READ)).age).not.toBeNull();
    expect((await gql(LIST)).age).not.toBeNull();

    const written = await saveMeeting({ meeting: API_MEETING, document: 'Dagsorden, Direktørforum 3. december 2026' }, bearer(await writeToken()));
    expect(written.errors).toBeUndefined();
    expect(written.data).toEqual({ nordjyllandSaveMeeting: { id: API_MEETING.id, title: API_MEETING.title, place: SEED_MEETING.place, version: 1 } });

    const after = await gql(READ);
    expect(after.age).toBeNull();
    expect(after.data).toEqual({ nordjyllandMeeting: { id: API_MEETING.id, title: API_MEETING.title, version: 1 } });
    const listAfter = await gql(LIST);
    expect(listAfter.age).toBeNull();
    expect(listAfter.data!.nordjyllandCluster.meetings.map((m: { id: string }) => m.id)).toContain(API_MEETING.id);
  });

  it('has exactly one history entry, naming the token’s subject', async () => {
    expect((await meeting(API_MEETING.id)).history).toEqual([{ version: 1, operation: 'CREATE', subject: WRITER, document: null }]);
  });

  it('survives a kill -9 of the Nordjylland subgraph and its restart', async () => {
    const before = await meeting(API_MEETING.id);
    hub.services.nordjylland.child.kill('SIGKILL');
    await hub.restart('nordjylland');
    await nordjyllandAnswers();
    const after = await meeting(API_MEETING.id);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ title: API_MEETING.title, version: 1, state: 'ACTIVE', agendaItems: [{ id: `${API_MEETING.id}-punkt-1` }] });
  }, 120_000);
});

describe('a write the token does not allow', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: JWTPayload = {}): JWTPayload => ({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: 'mallory', iat: now(), exp: now() + 600, scope: 'nordjylland:write', ...extra });
  const devKey = () => devSigningKey(hub.dataDir).privateKey;
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  const cases: Array<[string, () => Promise<Record<string, string>>, string]> = [
    ['no token', async () => ({}), 'UNAUTHENTICATED'],
    // An hour old, expired ten minutes ago: well past the 30 s the verifier allows for clocks that differ.
    ['an expired token', async () => bearer(await new SignJWT(claims({ iat: now() - 3600, exp: now() - 600 })).setProtectedHeader({ alg: 'EdDSA' }).sign(devKey())), 'UNAUTHENTICATED'],
    [
      'a token signed by another key',
      async () => bearer(await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA' }).sign((await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey)),
      'UNAUTHENTICATED',
    ],
    ['an unsigned token (alg: none)', async () => bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`), 'UNAUTHENTICATED'],
    ['a Syddanmark token', async () => bearer(await writeToken('syddanmark')), 'FORBIDDEN'],
    ['a token without the write scope', async () => bearer(await new SignJWT(claims({ scope: 'nordjylland:read' })).setProtectedHeader({ alg: 'EdDSA' }).sign(devKey())), 'FORBIDDEN'],
  ];

  it.each(cases)('is refused with %s, and writes nothing', async (_name, headers, code) => {
    const stored = await meeting(API_MEETING.id);
    const fresh = newMeeting('nordjylland-midt-direktoerforum-2026-12-10', 'Ikke skrevet');
    const update = await saveMeeting({ meeting: { ...API_MEETING, place: 'Ikke skrevet' }, expectedVersion: stored.version }, await headers());
    const create = await saveMeeting({ meeting: fresh, document: 'Ikke skrevet' }, await headers());
    for (const refused of [update, create]) {
      expect(refused.status).toBe(200);
      expect(refused.data).toBeNull();
      expect(refused.errors).toEqual([expect.objectContaining({ path: ['nordjyllandSaveMeeting'], extensions: { code, serviceName: 'nordjylland' } })]);
    }
    // The same version and the same history (record_change): nothing was written.
    expect(await meeting(API_MEETING.id)).toEqual(stored);
    expect(await meeting(fresh.id)).toBeNull();
  });
});

describe('two concurrent updates of one meeting from the same version', () => {
  it('let one win and refuse the other with CONFLICT; the stored meeting is the winner’s', async () => {
    const stored = await meeting(SEED_MEETING.id);
    const token = bearer(await writeToken());
    const places = ['Mødelokale A, Regionshuset', 'Mødelokale B, Aalborg Rådhus'];
    const answers = await Promise.all(places.map((place) => saveMeeting({ meeting: { ...SEED_MEETING, place }, expectedVersion: stored.version }, token)));

    const won = answers.filter((a) => a.errors === undefined);
    const lost = answers.filter((a) => a.errors !== undefined);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].errors).toEqual([
      expect.objectContaining({
        message: `meeting "${SEED_MEETING.id}" is at version ${stored.version + 1}, not ${stored.version}: it changed since you read it`,
        extensions: { code: 'CONFLICT', serviceName: 'nordjylland', currentVersion: stored.version + 1 },
      }),
    ]);
    const winner = won[0].data!.nordjyllandSaveMeeting;
    expect(winner.version).toBe(stored.version + 1);

    const after = await meeting(SEED_MEETING.id);
    expect(after.place).toBe(winner.place);
    expect(after.version).toBe(stored.version + 1);
    expect(after.history).toEqual([...stored.history, { version: stored.version + 1, operation: 'UPDATE', subject: WRITER, document: null }]);
  });
});

describe('a fund table that does not reconcile', () => {
  it('is refused with BAD_USER_INPUT naming the row, and nothing is written', async () => {
    const table = structuredClone(MIDT.fundTables[0]);
    table.id = 'nordjylland-midt-klyngemidler-2026';
    const line = table.rows.find((r: { kind: string; cells: Record<string, number | null> }) => r.kind === 'LINE' && typeof r.cells.region === 'number' && r.cells.region > 0);
    line.cells.region += 1;

    const res = await gql(
      'mutation Save($fundTable: JSON!) { nordjyllandSaveFundTable(fundTable: $fundTable, document: "Status for klyngemidler 2026") { id version } }',
      { fundTable: table },
      bearer(await writeToken()),
    );
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', serviceName: 'nordjylland' });
    // The printed total no longer equals the sum of the municipalities' and the region's cells in that row.
    expect(res.errors![0].message).toContain(`fund table "${table.id}", row "${line.label}", column "I alt"`);

    // There is no fund table by id at the root: it is read from its cluster, where it is not.
    const tables = await freshRead('{ nordjyllandCluster(id: "nordjylland-midt") { fundTables { id } } }');
    expect(tables.data!.nordjyllandCluster.fundTables.map((t: { id: string }) => t.id)).toEqual([MIDT.fundTables[0].id]);
  });
});

/**
 * The region as a fixed set of reads answer it: a digest of each answer, and counts. One
 * cluster per read, to stay within the operation cost limit (MAX_COST).
 */
async function regionState() {
  const read = async (query: string) => {
    const res = await freshRead(query);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const clusterIds: string[] = (await read('{ nordjyllandClusters { id } }')).nordjyllandClusters.map((c: { id: string }) => c.id);
  const perCluster: Record<string, string> = {
    meetings: `meetings { id title status date startsAt place note version updatedAt state source { document section }
      body { id } attendance { person { id } status isChair } agendaItems { id number title decision absentees { id } } }`,
    people: 'people { id name version } bodies { id name level version memberships { id role person { id } } }',
    initiatives: 'initiatives { id title status version parent { id } parts { id } } grants { id amount purpose version }',
    fundTables: `fundTables { id title reportedOn version rows { key cells { column amount } } checks { row column matches } }
      fundPosition { reportedOn received spent committed uncommitted }`,
  };
  const answers: Record<string, unknown> = {};
  const clusters: Array<Record<string, any[]>> = [];
  for (const id of clusterIds) {
    const cluster: Record<string, any[]> = {};
    for (const [name, selection] of Object.entries(perCluster)) {
      const data = await read(`{ nordjyllandCluster(id: "${id}") { ${selection} } }`);
      answers[`${id} ${name}`] = data;
      Object.assign(cluster, data.nordjyllandCluster);
    }
    clusters.push(cluster);
  }
  const records = await read(`{ api: nordjyllandMeeting(id: "${API_MEETING.id}") { version updatedAt history { version operation subject } }
    seed: nordjyllandMeeting(id: "${SEED_MEETING.id}") { version updatedAt history { version operation subject } }
    agreements: nordjyllandHealthAgreements { id version history { version } } }`);
  answers.records = records;
  const total = (list: string) => clusters.reduce((n, c) => n + c[list].length, 0);
  return {
    digests: Object.fromEntries(Object.entries(answers).map(([name, data]) => [name, createHash('sha256').update(JSON.stringify(data)).digest('hex')])),
    counts: {
      clusters: clusters.length,
      meetings: total('meetings'),
      agendaItems: clusters.reduce((n, c) => n + c.meetings.reduce((m: number, x: { agendaItems: unknown[] }) => m + x.agendaItems.length, 0), 0),
      people: total('people'),
      initiatives: total('initiatives'),
      fundTables: total('fundTables'),
      historyOfTheSeedMeeting: records.seed.history.length,
    },
  };
}

describe('kill -9 of the Nordjylland subgraph in the middle of publishing a data set', () => {
  const PUBLISH = 'mutation Publish($dataSet: JSON!) { nordjyllandPublishDataSet(dataSet: $dataSet) { document created updated withdrawn } }';

  it('leaves the region exactly as it was before the publish', async () => {
    const before = await regionState();
    // Meetings as the clusters list them: the joint meeting of 19 May 2025 under each of Midt, Syd and Vest.
    expect(before.counts).toMatchObject({ clusters: 4, meetings: 9, fundTables: 2 });

    const dataSet = largeDataSet();
    const publishing = hub.services.nordjylland;
    const killedAt = new Promise<string>((resolve) => {
      onLogLine = (entry) => {
        if (entry.service !== 'nordjylland' || !/^publishing: \w+: \d+$/.test(entry.msg ?? '')) return;
        publishing.child.kill('SIGKILL');
        onLogLine = undefined;
        resolve(entry.msg!);
      };
    });
    const exited = new Promise((resolve) => publishing.child.once('exit', (_code, signal) => resolve(signal)));
    const published = await gql(PUBLISH, { dataSet }, bearer(await writeToken()));
    expect(await killedAt).toBe(`publishing: people: ${PUBLISHED_PEOPLE}`);
    expect(await exited).toBe('SIGKILL');
    // The gateway lost the subgraph during the call: no answer, an error naming the region.
    expect(published.data?.nordjyllandPublishDataSet ?? null).toBeNull();
    expect(published.errors?.[0].extensions?.serviceName).toBe('nordjylland');

    await hub.restart('nordjylland');
    await nordjyllandAnswers();
    const after = await regionState();
    expect(after.counts).toEqual(before.counts);
    expect(after.digests).toEqual(before.digests);
    // No record of the data set's document: its meetings answer null by id.
    for (const m of [dataSet.meetings[0], dataSet.meetings[PUBLISHED_MEETINGS - 1]]) expect(await meeting(m.id)).toBeNull();
  }, 180_000);

  it('then publishes the same data set whole', async () => {
    const published = await gql(PUBLISH, { dataSet: largeDataSet() }, bearer(await writeToken()));
    expect(published.errors).toBeUndefined();
    expect(published.data).toEqual({ nordjyllandPublishDataSet: { document: PUBLISHED_DOCUMENT, created: PUBLISHED_PEOPLE + PUBLISHED_MEETINGS, updated: 0, withdrawn: 0 } });
    const last = await meeting(largeDataSet().meetings[PUBLISHED_MEETINGS - 1].id);
    expect(last).toMatchObject({ version: 1, history: [{ version: 1, operation: 'CREATE', subject: WRITER, document: PUBLISHED_DOCUMENT }] });
  }, 120_000);
});

describe('reloading the repository’s data files', () => {
  it('keeps every record written through the API', async () => {
    const created = await meeting(API_MEETING.id);
    const corrected = await meeting(SEED_MEETING.id);
    const from = logLines.length;
    await hub.restart('nordjylland', { NORDJYLLAND_LOAD_DATA: 'always' });
    await nordjyllandAnswers();
    // Every data file was imported again at this start.
    const imported = logLines
      .slice(from)
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { service?: string; msg?: string })
      .find((entry) => entry.service === 'nordjylland' && /^imported \S+\.json/.test(entry.msg ?? ''));
    expect(imported?.msg).toContain('seed-001-direktoerforum-midt-2024-02-08.json');

    expect(await meeting(API_MEETING.id)).toEqual(created);
    // The correction of an imported meeting (the concurrent updates' winner) is kept too.
    expect(await meeting(SEED_MEETING.id)).toEqual(corrected);
  }, 120_000);
});
