/**
 * Danish full-text search, paging and freshness through the gateway, on real databases
 * (embedded, or PostgreSQL with TEST_DATABASE_URL): both regional subgraphs in this process,
 * the councils subgraph as a process of its own, the gateway in front. Two data sizes: the
 * documents plus 3 synthetic meetings per cluster, and plus 2 000 per cluster, to show that a
 * search's statements do not grow with the hits and that paging walks every meeting once.
 */
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { regionalSubgraphs } from '../../services/regional/definition';
import { generateSyntheticData } from '../../services/regional/data/generate';
import { startServiceProcess } from '../../tools/hub';
import { startGateway } from '../../gateway/service';
import { localGatewayConfig } from '../../gateway/config';
import type { RunningService } from '../../platform/http-server';
import { createLogger } from '../../platform/logger';
import { DEFAULT_OPERATION_LIMITS } from '../../platform/operation-limits';
import { DEFAULT_SUBGRAPH_PROTECTION } from '../../platform/subgraph-protection';
import { MAX_PAGE_SIZE, MAX_SEARCH_QUERY_LENGTH } from '../../schema/contract';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { post } from '../support/graphql';
import { readmeOperations } from '../support/example-operations';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const logger = createLogger('test');
const databases: TestDatabase[] = [];
const services: RunningService[] = [];

interface Hub {
  gatewayUrl: string;
  statements: Record<string, number>;
}

async function startAtSize(label: string, meetingsPerCluster: number): Promise<Hub> {
  const statements: Record<string, number> = { nordjylland: 0, syddanmark: 0 };
  const regional: Record<string, RunningRegionalService> = {};
  for (const definition of regionalSubgraphs()) {
    const testDb = await createTestDatabase(`search_${definition.name}_${label}`);
    databases.push(testDb);
    const service = await startRegionalService(definition, {
      host: '127.0.0.1', port: 0, databaseUrl: testDb.url, load: 'always', logger, protection: DEFAULT_SUBGRAPH_PROTECTION,
      onQuery: (line) => {
        if (line) statements[definition.name]++;
      },
    });
    services.push(service);
    await generateSyntheticData(service.orm.em.fork(), definition.region, {
      meetingsPerCluster, itemsPerMeeting: 1, peoplePerCluster: 4, attendeesPerMeeting: 1, initiativesPerCluster: 2, fundTablesPerCluster: 1, linesPerFundTable: 1, seed: 12,
    });
    regional[definition.name] = service;
  }
  const councils = await startServiceProcess({ name: 'councils', env: { COUNCILS_PORT: '0' } });
  services.push({ url: councils.url, port: 0, close: async () => void (await councils.stop()) });
  const gateway = await startGateway(
    localGatewayConfig({
      subgraphUrls: { nordjylland: regional.nordjylland.url, syddanmark: regional.syddanmark.url, councils: councils.url },
      subgraphTimeoutMs: 60_000,
      limits: DEFAULT_OPERATION_LIMITS,
      logger,
    }),
  );
  services.unshift(gateway);
  return { gatewayUrl: gateway.url, statements };
}

let small: Hub;
let large: Hub;

beforeAll(async () => {
  small = await startAtSize('small', 3);
  large = await startAtSize('large', 2_000);
}, 600_000);

afterAll(async () => {
  for (const s of services) await s.close();
  for (const db of databases) await db.drop();
});

const SEARCH = `query Search($query: String!, $first: Int, $after: String) { clusters {
  id
  search(query: $query, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      kind id title snippet rank date
      agendaItem { id title }
      meeting { id date }
      initiative { id }
      source { document section documentRecord { title kind date url } }
    } }
  }
} }`;

interface Hit {
  kind: string;
  id: string;
  title: string;
  snippet: string;
  rank: number;
  agendaItem: { id: string; title: string } | null;
  meeting: { id: string } | null;
  source: { document: string; section: string | null; documentRecord: { title: string; url: string | null } | null };
}
interface SearchAnswer {
  clusters: Array<{ id: string; search: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: Hit }> } }>;
}

const search = (hub: Hub, query: string, first?: number, after?: string) => post<SearchAnswer>(hub.gatewayUrl, SEARCH, { query, first, after });
const hitsOf = (data: SearchAnswer, cluster: string) => data.clusters.find((c) => c.id === cluster)!.search.edges.map((e) => e.node);
const errorCodes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => [...new Set((res.errors ?? []).map((e) => e.extensions?.code))];

describe('search', () => {
  it('finds the documents’ agenda items in both regions in one request, by Danish stem, ranked, with snippets and sources', async () => {
    // "klyngemidlerne" (the definite plural) is printed in seed 001's title; seed 004 and 002 print "klyngemidler".
    const res = await search(small, 'klyngemidlerne', 100);
    expect(res.errors).toBeUndefined();
    const midt = hitsOf(res.data!, 'nordjylland-midt');
    const sydvest = hitsOf(res.data!, 'syddanmark-sydvestjylland');
    expect(midt.map((h) => h.id)).toContain('nordjylland-midt-direktoerforum-2024-02-08-punkt-3');
    expect(sydvest.map((h) => h.id)).toContain('syddanmark-sydvestjylland-politisk-2023-12-05-punkt-6');
    const item = midt.find((h) => h.id === 'nordjylland-midt-direktoerforum-2024-02-08-punkt-3')!;
    expect(item.kind).toBe('AGENDA_ITEM');
    expect(item.agendaItem).toEqual({ id: item.id, title: 'Status for klyngemidlerne' });
    expect(item.meeting!.id).toBe('nordjylland-midt-direktoerforum-2024-02-08');
    expect(item.snippet).toContain('«klyngemidlerne»');
    expect(item.source.document).toBe('001_f3d27487db9cbfb0.txt');
    expect(item.source.documentRecord).toEqual({ title: 'Referat, Direktørforum Sundhedsklynge Midt, 8. februar 2024', kind: 'MINUTES', date: '2024-02-08', url: null });
    // Best first, in every cluster.
    for (const cluster of res.data!.clusters) {
      const ranks = cluster.search.edges.map((e) => e.node.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(cluster.search.totalCount).toBe(cluster.search.edges.length);
    }
  });

  it('finds Syddanmark’s word "akutte" in seed 004’s items, a title hit above a hit in the text', async () => {
    const res = await search(small, 'akutte');
    expect(res.errors).toBeUndefined();
    const sydvest = hitsOf(res.data!, 'syddanmark-sydvestjylland');
    const ids = sydvest.map((h) => h.id);
    expect(ids).toContain('syddanmark-sydvestjylland-politisk-2023-12-05-punkt-5');
    const titled = sydvest.find((h) => h.id === 'syddanmark-sydvestjylland-politisk-2023-12-05-punkt-5')!;
    expect(titled.snippet).toMatch(/«akutte»/i);
    const untitled = sydvest.filter((h) => !/akut/i.test(h.title));
    for (const other of untitled) expect(titled.rank).toBeGreaterThan(other.rank);
  });

  it('answers websearch syntax: a quoted phrase, an excluded word, or', async () => {
    const phrase = await search(small, '"Den akutte patient"');
    expect(phrase.errors).toBeUndefined();
    expect(hitsOf(phrase.data!, 'syddanmark-sydvestjylland').map((h) => h.id)).toContain('syddanmark-sydvestjylland-politisk-2023-12-05-punkt-5');
    const excluded = await search(small, 'klyngemidler -budget');
    expect(hitsOf(excluded.data!, 'syddanmark-sydvestjylland').map((h) => h.id)).not.toContain('syddanmark-sydvestjylland-politisk-2023-12-05-punkt-5');
    const either = await search(small, 'klyngemidlerne or akutte');
    const both = hitsOf(either.data!, 'syddanmark-sydvestjylland').map((h) => h.id);
    expect(both).toEqual(expect.arrayContaining(['syddanmark-sydvestjylland-politisk-2023-12-05-punkt-5', 'syddanmark-sydvestjylland-politisk-2023-12-05-punkt-6']));
  });

  it('answers a query with no hits with empty connections', async () => {
    const res = await search(small, 'zzyzxqv');
    expect(res.errors).toBeUndefined();
    for (const c of res.data!.clusters) expect(c.search).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('takes SQL-like text as text', async () => {
    const res = await search(small, "'; drop table meeting; --");
    expect(res.errors).toBeUndefined();
    // "drop" and "table" occur nowhere in the documents; the meetings are still there.
    for (const c of res.data!.clusters) expect(c.search.totalCount).toBe(0);
    const after = await post<{ clusters: Array<{ meetings: unknown[] }> }>(small.gatewayUrl, '{ clusters { meetings { id } } }');
    expect(after.data!.clusters.some((c) => c.meetings.length > 0)).toBe(true);
  });

  it('refuses an empty query, a query over the maximum length, a page over the maximum and a made-up cursor with BAD_USER_INPUT', async () => {
    expect(errorCodes(await search(small, ''))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search(small, '   '))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search(small, 'akut '.repeat(2_000)))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search(small, 'a'.repeat(MAX_SEARCH_QUERY_LENGTH + 1)))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search(small, 'akutte', MAX_PAGE_SIZE + 1))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search(small, 'akutte', 0))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await search(small, 'akutte', 5, 'bm90IGEgY3Vyc29y'))).toEqual(['BAD_USER_INPUT']);
  });

  it('pages through many hits with no duplicates or gaps', async () => {
    const all = await search(large, 'klyngemidlerne', MAX_PAGE_SIZE);
    const cluster = 'nordjylland-midt';
    const total = all.data!.clusters.find((c) => c.id === cluster)!.search.totalCount;
    expect(total).toBeGreaterThan(MAX_PAGE_SIZE);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await search(large, 'klyngemidlerne', MAX_PAGE_SIZE, after);
      expect(res.errors).toBeUndefined();
      const page = res.data!.clusters.find((c) => c.id === cluster)!.search;
      seen.push(...page.edges.map((e) => `${e.node.kind}:${e.node.id}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  }, 120_000);

  it('costs the same statements at both data sizes', async () => {
    // A page's records are read by id, one statement per kind of record the page holds (agenda
    // item, meeting, initiative), never per hit: so the count is fixed by what is asked for, and
    // this operation asks for the agenda items and meetings of the hits (whose pages hold at both sizes).
    const OPERATION = `{ clusters { search(query: "klyngemidlerne", first: 50) { totalCount edges { node { id snippet agendaItem { title decision } meeting { title date } source { document } } } } } }`;
    const counts: Array<Record<string, number>> = [];
    const hits: number[] = [];
    for (const hub of [small, large]) {
      // The fewest of a few runs: on PostgreSQL's pool a DataLoader batch can split now and then (see sql-statements.test.ts).
      const fewest: Record<string, number> = { nordjylland: Infinity, syddanmark: Infinity };
      let found = 0;
      for (let run = 0; run < 3; run++) {
        hub.statements.nordjylland = 0;
        hub.statements.syddanmark = 0;
        const res = await post<{ clusters: Array<{ search: { totalCount: number } }> }>(hub.gatewayUrl, `${OPERATION}\n# run ${run}`);
        expect(res.errors).toBeUndefined();
        found = res.data!.clusters.reduce((n, c) => n + c.search.totalCount, 0);
        for (const region of Object.keys(fewest)) fewest[region] = Math.min(fewest[region], hub.statements[region]);
      }
      counts.push(fewest);
      hits.push(found);
    }
    // eslint-disable-next-line no-console
    console.log(`search statements: ${JSON.stringify(counts[0])} for ${hits[0]} hits; ${JSON.stringify(counts[1])} for ${hits[1]} hits`);
    expect(hits[1]).toBeGreaterThan(hits[0] * 10);
    expect(counts[0].nordjylland).toBeGreaterThan(0);
    expect(counts[1]).toEqual(counts[0]);
  }, 120_000);
});

const PAGE = `query Page($first: Int, $after: String) { nordjyllandCluster(id: "nordjylland-midt") {
  meetingsConnection(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } }
} }`;
interface PageAnswer {
  nordjyllandCluster: { meetingsConnection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string } }> } };
}

describe('meetingsConnection', () => {
  it('walks all meetings of a cluster in the order of `meetings`, with no duplicates or gaps', async () => {
    const whole = await post<{ nordjyllandCluster: { meetings: Array<{ id: string }> } }>(large.gatewayUrl, '{ nordjyllandCluster(id: "nordjylland-midt") { meetings { id } } }');
    const expected = whole.data!.nordjyllandCluster.meetings.map((m) => m.id);
    expect(expected.length).toBeGreaterThanOrEqual(2_000);
    const walked: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await post<PageAnswer>(large.gatewayUrl, PAGE, { first: MAX_PAGE_SIZE, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.nordjyllandCluster.meetingsConnection;
      expect(page.totalCount).toBe(expected.length);
      walked.push(...page.edges.map((e) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(pages).toBe(Math.ceil(expected.length / MAX_PAGE_SIZE));
    expect(walked).toEqual(expected);
  }, 180_000);

  it('refuses a page over the maximum with BAD_USER_INPUT', async () => {
    expect(errorCodes(await post(small.gatewayUrl, PAGE, { first: MAX_PAGE_SIZE + 1 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('filters by date and status as `meetings` does', async () => {
    const query = `{ nordjyllandCluster(id: "nordjylland-midt") {
      meetings(from: "2024-01-01", to: "2024-12-31", status: HELD) { id }
      meetingsConnection(first: 100, from: "2024-01-01", to: "2024-12-31", status: HELD) { totalCount edges { node { id } } }
    } }`;
    const res = await post<{ nordjyllandCluster: { meetings: Array<{ id: string }>; meetingsConnection: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>(small.gatewayUrl, query);
    expect(res.errors).toBeUndefined();
    const { meetings, meetingsConnection } = res.data!.nordjyllandCluster;
    expect(meetings.length).toBeGreaterThan(0);
    expect(meetingsConnection.totalCount).toBe(meetings.length);
    expect(meetingsConnection.edges.map((e) => e.node.id)).toEqual(meetings.map((m) => m.id));
  });
});

describe('freshness and sources', () => {
  it('answers each region’s data version from its records', async () => {
    const res = await post<{ nordjyllandDataVersion: { lastChangeAt: string; changes: number; records: number; withdrawn: number }; syddanmarkDataVersion: { records: number } }>(
      small.gatewayUrl,
      '{ nordjyllandDataVersion { lastChangeAt changes records withdrawn } syddanmarkDataVersion { records } }',
    );
    expect(res.errors).toBeUndefined();
    const nord = res.data!.nordjyllandDataVersion;
    expect(nord.records).toBeGreaterThan(0);
    expect(nord.changes).toBeGreaterThanOrEqual(nord.records);
    expect(Number.isNaN(Date.parse(nord.lastChangeAt))).toBe(false);
    expect(res.data!.syddanmarkDataVersion.records).toBeGreaterThan(0);
  });

  it('lists the source documents as records, with no address no source gives', async () => {
    const res = await post<{ syddanmarkSourceDocuments: Array<{ id: string; title: string; kind: string; date: string | null; url: string | null }> }>(
      small.gatewayUrl,
      '{ syddanmarkSourceDocuments { id title kind date url } }',
    );
    expect(res.errors).toBeUndefined();
    const docs = res.data!.syddanmarkSourceDocuments;
    expect(docs.map((d) => d.id)).toEqual(['004_ddf16a629fcdefaa.txt', 'reference/REFORM.md']);
    // Seed 004 is Syddanmark's: the region's own documents, then the reference facts both regions cite.
    expect(docs[0]).toMatchObject({ kind: 'MINUTES', date: '2023-12-05', url: null });
  });

  it('answers a source’s document record in the councils subgraph too', async () => {
    const res = await post<{ healthCouncils: Array<{ sources: Array<{ document: string; documentRecord: { kind: string } | null }> }> }>(
      small.gatewayUrl,
      '{ healthCouncils { sources { document documentRecord { kind } } } }',
    );
    expect(res.errors).toBeUndefined();
    const sources = res.data!.healthCouncils.flatMap((c) => c.sources);
    const reform = sources.filter((s) => s.document === 'reference/REFORM.md');
    expect(reform.length).toBeGreaterThan(0);
    for (const s of reform) expect(s.documentRecord).toEqual({ kind: 'REFERENCE' });
  });
});

describe('docs/README-search.md', () => {
  it('shows operations the hub answers without errors', async () => {
    const operations = readmeOperations(readFileSync(join(__dirname, '..', '..', 'docs', 'README-search.md'), 'utf8'));
    expect(operations).toHaveLength(3);
    for (const op of operations) {
      const res = await post(small.gatewayUrl, op.query);
      expect({ name: op.name, errors: res.errors }).toEqual({ name: op.name, errors: undefined });
      expect(res.data).toBeTruthy();
    }
  });
});
