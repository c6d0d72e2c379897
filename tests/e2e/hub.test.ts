/**
 * The whole hub as users run it: real processes (three subgraphs and the gateway) on free
 * ports on 127.0.0.1, queried over HTTP. Embedded databases by default; PostgreSQL when
 * TEST_DATABASE_URL is set. The hub is the one the e2e suites share (tests/support/shared-hub.ts).
 */
import { startServiceProcess } from '../../tools/hub';
import { sharedHub } from '../support/shared-hub';
import { post } from '../support/graphql';
import { assertChromiumInstalled, launchOfflineBrowser, SKIP_BROWSER_TESTS } from '../sandbox/browser';

const hub = sharedHub();

describe('the API contract through the gateway', () => {
  it('lists the regions with their clusters from both regional subgraphs', async () => {
    const res = await post(hub.gatewayUrl, '{ regions { code name clusters { id name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.regions.map((r: { code: string }) => r.code)).toEqual(['NORDJYLLAND', 'SYDDANMARK']);
    const names = res.data!.regions.flatMap((r: { clusters: Array<{ name: string }> }) => r.clusters.map((c) => c.name));
    expect(names).toEqual([
      'Sundhedsklynge Nord',
      'Sundhedsklynge Midt',
      'Sundhedsklynge Syd',
      'Sundhedsklynge Vest',
      'Sundhedsklynge Fyn',
      'Sundhedsklynge Lillebælt',
      'Sundhedsklynge Sydvestjylland',
      'Sundhedsklynge Sønderjylland',
    ]);
  });

  it('answers clusters(region:) with region, municipalities and successor council', async () => {
    const res = await post(hub.gatewayUrl, '{ clusters(region: NORDJYLLAND) { id name region { code name } municipalities { name } successor { id name } } }');
    expect(res.errors).toBeUndefined();
    const midt = res.data!.clusters.find((c: { id: string }) => c.id === 'nordjylland-midt');
    expect(midt).toEqual({
      id: 'nordjylland-midt',
      name: 'Sundhedsklynge Midt',
      region: { code: 'NORDJYLLAND', name: 'Region Nordjylland' },
      municipalities: [{ name: 'Aalborg' }, { name: 'Jammerbugt' }],
      successor: { id: 'limfjorden', name: 'Sundhedsråd Limfjorden' },
    });
    expect(res.data!.clusters.find((c: { id: string }) => c.id === 'nordjylland-nord').successor.id).toBe('vendsyssel');
  });

  it('answers one cluster’s meeting timeline with agenda items and decisions', async () => {
    const res = await post(hub.gatewayUrl, '{ cluster(id: "nordjylland-syd") { name meetings { startsAt title agendaItems { number title decision } } } }');
    expect(res.errors).toBeUndefined();
    const meeting = res.data!.cluster.meetings.find((m: { startsAt: string | null }) => m.startsAt === '2025-05-19T18:30:00.000Z');
    expect(meeting.agendaItems).toHaveLength(7);
    expect(meeting.agendaItems[4]).toMatchObject({ number: '5', title: 'Beslutning om resterende klyngemidler' });
    expect(meeting.agendaItems[4].decision).toContain('Indstilling 2 blev godkendt');
  });

  it('answers healthCouncil(limfjorden) with exactly Midt, Syd and Vest, their initiatives and meetings', async () => {
    const res = await post(
      hub.gatewayUrl,
      '{ healthCouncil(id: "limfjorden") { id name municipalities { name } predecessors { id name region { code } initiatives { title } meetings { startsAt title } } } }',
    );
    expect(res.errors).toBeUndefined();
    const council = res.data!.healthCouncil;
    expect(council.name).toBe('Sundhedsråd Limfjorden');
    expect(council.municipalities).toHaveLength(7);
    expect(council.predecessors.map((p: { id: string }) => p.id)).toEqual(['nordjylland-midt', 'nordjylland-syd', 'nordjylland-vest']);
    const [midt, syd, vest] = council.predecessors;
    expect(midt.initiatives.map((i: { title: string }) => i.title)).toContain('Tilgængelighedsanalysen');
    expect(midt.meetings.map((m: { title: string }) => m.title)).toContain('Direktørforum Sundhedsklynge Midt d. 08-02-2024');
    expect(syd.initiatives.map((i: { title: string }) => i.title)).toContain('Virtuel borgerundervisning');
    expect(syd.meetings.length).toBeGreaterThanOrEqual(2);
    // No document describes Vest: it resolves, with no initiatives and only the joint meeting 002 announces (Punkt 6).
    expect(vest).toMatchObject({ name: 'Sundhedsklynge Vest', initiatives: [] });
    expect(vest.meetings.map((m: { title: string }) => m.title)).toEqual(['Fællesmøde med Sundhedsklynge Midt og Sundhedsklynge Vest som opstart på Sundhedsråd Limfjorden']);
  });

  it('answers healthCouncils across both regions', async () => {
    const res = await post(hub.gatewayUrl, '{ healthCouncils { id name region { code } predecessors { id name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.healthCouncils.map((c: { id: string }) => c.id)).toEqual(['limfjorden', 'vendsyssel', 'fyn', 'lillebaelt', 'sydvestjylland', 'soenderjylland']);
    const soenderjylland = res.data!.healthCouncils.find((c: { id: string }) => c.id === 'soenderjylland');
    expect(soenderjylland.predecessors).toEqual([{ id: 'syddanmark-soenderjylland', name: 'Sundhedsklynge Sønderjylland' }]);
  });

  it('puts data from both regions in one response', async () => {
    const res = await post(hub.gatewayUrl, '{ clusters { id meetings(status: HELD) { title } } }');
    expect(res.errors).toBeUndefined();
    const held = (id: string) => res.data!.clusters.find((c: { id: string }) => c.id === id).meetings.length;
    expect(held('nordjylland-midt')).toBeGreaterThan(0);
    expect(held('syddanmark-sydvestjylland')).toBeGreaterThan(0);
  });

  it('gives clear errors with codes through the gateway', async () => {
    const malformed = await post(hub.gatewayUrl, '{ cluster(id: "Midt!") { name } }');
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await post(hub.gatewayUrl, '{ healthCouncil(id: "atlantis") { name } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.healthCouncil).toBeNull();
    const badEnum = await post(hub.gatewayUrl, '{ clusters(region: JYLLAND) { id } }');
    expect(badEnum.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports ready when every subgraph is ready', async () => {
    const res = await fetch(new URL('/health/ready', hub.gatewayUrl));
    expect(res.status).toBe(200);
  });
});

const describeBrowser = SKIP_BROWSER_TESTS ? describe.skip : describe;
describeBrowser('the sandbox of the real gateway, offline', () => {
  it('runs a query against both regions and shows the result', async () => {
    assertChromiumInstalled();
    const browser = await launchOfflineBrowser();
    try {
      const offline = await browser.newOfflinePage();
      const query = '{ healthCouncil(id: "limfjorden") { name predecessors { name } } }';
      await offline.page.goto(`${hub.sandboxUrl}?query=${encodeURIComponent(query)}`);
      await offline.page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 30_000 });
      await offline.page.locator('.graphiql-execute-button').click();
      const result = offline.page.locator('.result-window');
      await result.filter({ hasText: 'Sundhedsklynge Vest' }).waitFor({ timeout: 15_000 });
      expect(await result.innerText()).toContain('Sundhedsråd Limfjorden');
      expect(offline.errors).toEqual([]);
      expect(offline.blockedRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('a subgraph whose database cannot be reached', () => {
  it('exits with one line naming host and port, and no password', async () => {
    const lines: string[] = [];
    const start = startServiceProcess({
      name: 'nordjylland',
      env: { NORDJYLLAND_DATABASE_URL: 'postgresql://hub:s3cret-password@127.0.0.1:1/regional', NORDJYLLAND_PORT: '0', LOG_LEVEL: 'info' },
      log: (line) => lines.push(line),
      timeoutMs: 60_000,
    });
    await expect(start).rejects.toThrow(/exited with code 1/);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      service: 'nordjylland',
      level: 60,
      msg: 'cannot reach PostgreSQL at 127.0.0.1:1 (database regional): ECONNREFUSED',
    });
    expect(lines[0]).not.toContain('s3cret');
  });
});
