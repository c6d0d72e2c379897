/**
 * A meeting written through the write API is found by search, listed by `modifiedSince` and
 * counted by `dataVersion` at once, with no restart; withdrawn, it leaves search and is
 * reported to `modifiedSince` as withdrawn. Real processes: the hub as it runs (gateway,
 * councils and both regions; embedded databases, or PostgreSQL with TEST_DATABASE_URL).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '../../platform/dev-token';
import { regionalSubgraph } from '../../services/regional/definition';
import { startTestHub, type TestHub } from '../support/hub';

const nordjylland = regionalSubgraph('nordjylland');
const MIDT = JSON.parse(readFileSync(join(nordjylland.dataDirectory, 'seed-001-direktoerforum-midt-2024-02-08.json'), 'utf8'));
const SEED_MEETING = MIDT.meetings[0];
const ID = 'nordjylland-midt-direktoerforum-2026-11-19';
/** A word in no document, in Danish inflection: the search must stem it ("sommerbesøgene" → "sommerbesøg"). */
const NEW_MEETING = {
  ...SEED_MEETING,
  id: ID,
  title: 'Direktørforum Sundhedsklynge Midt d. 19-11-2026',
  status: 'PLANNED',
  date: '2026-11-19',
  startsAt: '2026-11-19T14:00:00+01:00',
  note: null,
  attendance: SEED_MEETING.attendance.slice(0, 1),
  agendaItems: [{ ...SEED_MEETING.agendaItems[0], id: `${ID}-punkt-1`, title: 'Evaluering af sommerbesøgene', decision: null }],
};

/** The document the writer names: one the hub holds no record of. */
const DOCUMENT = 'Dagsorden, Direktørforum 19. november 2026';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub('search_writes');
}, 180_000);
afterAll(async () => {
  await hub?.close();
});

let reads = 0;
async function gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  // A comment of its own makes each read new to the gateway's response cache.
  const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: `${query}\n# ${++reads}`, variables }) });
  return (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}
const writer = async () => ({ authorization: `Bearer ${await signDevToken({ dir: hub.dataDir, region: 'nordjylland', subject: 'sekretariat@rn.example', ttlSeconds: 600 })}` });

const SEARCH = `{ nordjyllandCluster(id: "nordjylland-midt") { search(query: "sommerbesøg") { totalCount edges { node { kind id snippet meeting { id } source { document documentRecord { title } } } } } } }`;
const CHANGED = `query Changed($since: DateTime!) { nordjyllandCluster(id: "nordjylland-midt") {
  meetingsConnection(modifiedSince: $since, first: 100) { totalCount edges { node { id state updatedAt } } }
} }`;
const VERSION = '{ nordjyllandDataVersion { lastChangeAt changes records withdrawn } }';

interface Changed {
  nordjyllandCluster: { meetingsConnection: { totalCount: number; edges: Array<{ node: { id: string; state: string; updatedAt: string } }> } };
}
interface Version {
  nordjyllandDataVersion: { lastChangeAt: string; changes: number; records: number; withdrawn: number };
}

it('finds a meeting written through the API in search, modifiedSince and dataVersion, and follows its withdrawal', async () => {
  const before = await gql<Version>(VERSION);
  expect(before.errors).toBeUndefined();
  expect((await gql(SEARCH)).data).toEqual({ nordjyllandCluster: { search: { totalCount: 0, edges: [] } } });
  const since = new Date().toISOString();
  const nothingYet = await gql<Changed>(CHANGED, { since });
  expect(nothingYet.data!.nordjyllandCluster.meetingsConnection.totalCount).toBe(0);

  const saved = await gql(
    'mutation Save($meeting: JSON!, $document: String) { nordjyllandSaveMeeting(meeting: $meeting, document: $document) { id version } }',
    { meeting: NEW_MEETING, document: DOCUMENT },
    await writer(),
  );
  expect(saved.errors).toBeUndefined();

  const found = await gql(SEARCH);
  expect(found.errors).toBeUndefined();
  const hits = found.data!.nordjyllandCluster.search.edges.map((e: { node: unknown }) => e.node);
  expect(hits).toEqual([
    { kind: 'AGENDA_ITEM', id: `${ID}-punkt-1`, snippet: expect.stringContaining('Evaluering af «sommerbesøgene»'), meeting: { id: ID }, source: { document: DOCUMENT, documentRecord: null } },
  ]);

  const changed = await gql<Changed>(CHANGED, { since });
  expect(changed.errors).toBeUndefined();
  expect(changed.data!.nordjyllandCluster.meetingsConnection.edges.map((e) => [e.node.id, e.node.state])).toEqual([[ID, 'ACTIVE']]);

  const after = await gql<Version>(VERSION);
  expect(after.data!.nordjyllandDataVersion.changes).toBe(before.data!.nordjyllandDataVersion.changes + 1);
  expect(after.data!.nordjyllandDataVersion.records).toBe(before.data!.nordjyllandDataVersion.records + 1);
  expect(Date.parse(after.data!.nordjyllandDataVersion.lastChangeAt)).toBeGreaterThanOrEqual(Date.parse(since));

  const withdrawn = await gql(`mutation { nordjyllandWithdraw(kind: MEETING, id: "${ID}", expectedVersion: 1) { state } }`, undefined, await writer());
  expect(withdrawn.errors).toBeUndefined();
  expect((await gql(SEARCH)).data!.nordjyllandCluster.search.totalCount).toBe(0);
  const followed = await gql<Changed>(CHANGED, { since });
  expect(followed.data!.nordjyllandCluster.meetingsConnection.edges.map((e) => [e.node.id, e.node.state])).toEqual([[ID, 'WITHDRAWN']]);
  const plain = await gql<{ nordjyllandCluster: { meetings: Array<{ id: string }> } }>('{ nordjyllandCluster(id: "nordjylland-midt") { meetings { id } } }');
  expect(plain.data!.nordjyllandCluster.meetings.map((m) => m.id)).not.toContain(ID);
  expect((await gql<Version>(VERSION)).data!.nordjyllandDataVersion.withdrawn).toBe(before.data!.nordjyllandDataVersion.withdrawn + 1);

  // Its history, a page of one change at a time: the creation, then the withdrawal.
  const HISTORY = `query History($after: String) { nordjyllandMeeting(id: "${ID}") {
    historyConnection(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { version operation } } }
  } }`;
  type History = { nordjyllandMeeting: { historyConnection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: unknown }> } } };
  const first = (await gql<History>(HISTORY)).data!.nordjyllandMeeting.historyConnection;
  expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { version: 1, operation: 'CREATE' } }] });
  const second = (await gql<History>(HISTORY, { after: first.pageInfo.endCursor })).data!.nordjyllandMeeting.historyConnection;
  expect(second).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, edges: [{ node: { version: 2, operation: 'WITHDRAW' } }] });
}, 120_000);

it('lists initiatives changed since an instant, parts included', async () => {
  const all = await gql<{ nordjyllandCluster: { initiatives: Array<{ id: string; parts: Array<{ id: string }> }> } }>(
    '{ nordjyllandCluster(id: "nordjylland-syd") { initiatives { id parts { id } } } }',
  );
  const everyId = all.data!.nordjyllandCluster.initiatives.flatMap((i) => [i.id, ...i.parts.map((p) => p.id)]);
  expect(everyId.length).toBeGreaterThan(0);
  const sinceStart = await gql<{ nordjyllandCluster: { initiatives: Array<{ id: string; state: string }> } }>(
    'query Since($since: DateTime!) { nordjyllandCluster(id: "nordjylland-syd") { initiatives(modifiedSince: $since) { id state } } }',
    { since: '2000-01-01T00:00:00Z' },
  );
  expect(sinceStart.errors).toBeUndefined();
  expect(sinceStart.data!.nordjyllandCluster.initiatives.map((i) => i.id).sort()).toEqual([...everyId].sort());
  const none = await gql<{ nordjyllandCluster: { initiatives: unknown[] } }>(
    'query Since($since: DateTime!) { nordjyllandCluster(id: "nordjylland-syd") { initiatives(modifiedSince: $since) { id } } }',
    { since: new Date(Date.now() + 60_000).toISOString() },
  );
  expect(none.data!.nordjyllandCluster.initiatives).toEqual([]);
});
