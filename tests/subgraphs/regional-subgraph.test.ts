/**
 * Each regional subgraph alone, as a regional IT team runs it: migrations, data load,
 * queries over HTTP, entity references, and errors. Runs on the embedded database, or on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { regionalSubgraph, type RegionalSubgraphDefinition } from '../../services/regional/definition';
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createLogger } from '../../platform/logger';
import { post } from '../support/graphql';

const nordjylland = regionalSubgraph('nordjylland');
const syddanmark = regionalSubgraph('syddanmark');

const cases: Array<{
  definition: RegionalSubgraphDefinition;
  clusterId: string;
  meetingId: string;
  expectTitle: string;
  expectPerson: string;
  expectItems: number;
}> = [
  {
    definition: nordjylland,
    clusterId: 'nordjylland-midt',
    meetingId: 'nordjylland-midt-direktoerforum-2024-02-08',
    expectTitle: 'Den nye Sundhedsaftale og sammenhæng til klyngens handleplan',
    expectPerson: 'Daniel Kjærsgaard Simonsen',
    expectItems: 10,
  },
  {
    definition: syddanmark,
    clusterId: 'syddanmark-sydvestjylland',
    meetingId: 'syddanmark-sydvestjylland-politisk-2023-12-05',
    expectTitle: 'Godkendelse af budget for fokusområdet \'Den akutte patient\'',
    expectPerson: 'Frank Schmidt-Hansen',
    expectItems: 11,
  },
];

describe.each(cases)('$definition.name subgraph', ({ definition, clusterId, meetingId, expectTitle, expectPerson, expectItems }) => {
  const prefix = definition.name;
  let db: TestDatabase;
  let service: RunningRegionalService;

  beforeAll(async () => {
    db = await createTestDatabase(prefix);
    service = await startRegionalService(definition, {
      host: '127.0.0.1',
      port: 0,
      databaseUrl: db.url,
      load: 'if-empty',
      logger: createLogger('test'),
    });
  });
  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('serves the region’s meetings with agenda items and participants, Danish text intact', async () => {
    const res = await post(service.url, `query($id: ID!) { ${prefix}Cluster(id: $id) { id name meetings(status: HELD) { id title startsAt agendaItems { number title decision source { document section } } participants { name } attendance { person { name } status } } } }`, { id: clusterId });
    expect(res.errors).toBeUndefined();
    const cluster = res.data![`${prefix}Cluster`];
    expect(cluster.id).toBe(clusterId);
    const meeting = cluster.meetings.find((m: { id: string }) => m.id === meetingId);
    expect(meeting).toBeDefined();
    expect(meeting.agendaItems).toHaveLength(expectItems);
    expect(meeting.agendaItems.map((i: { number: string }) => i.number)).toEqual(Array.from({ length: expectItems }, (_, i) => String(i + 1)));
    expect(meeting.agendaItems.map((i: { title: string }) => i.title)).toContain(expectTitle);
    expect(meeting.participants.map((p: { name: string }) => p.name)).toContain(expectPerson);
    expect(meeting.agendaItems[0].source.document).toMatch(/^00\d_[0-9a-f]{16}\.txt$/);
    expect(JSON.stringify(meeting)).toMatch(/[æøå]/);
  });

  it('lists every cluster of the region, including those no document describes, with empty lists', async () => {
    const res = await post(service.url, `{ ${prefix}Clusters { id region { code } meetings { id } initiatives { id } } }`);
    expect(res.errors).toBeUndefined();
    const clusters = res.data![`${prefix}Clusters`];
    expect(clusters).toHaveLength(4);
    for (const c of clusters) expect(c.region.code).toBe(definition.region);
    expect(clusters.some((c: { meetings: unknown[] }) => c.meetings.length === 0)).toBe(true);
  });

  it('resolves an _entities reference to its cluster, and an unknown one to null', async () => {
    const typename = `${prefix[0].toUpperCase()}${prefix.slice(1)}Cluster`;
    const res = await post(
      service.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id name meetings { id } } } }`,
      { r: [{ __typename: typename, id: clusterId }, { __typename: typename, id: `${prefix}-nowhere` }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]).toMatchObject({ id: clusterId });
    expect(res.data!._entities[0].meetings.length).toBeGreaterThan(0);
    expect(res.data!._entities[1]).toBeNull();
  });

  it('answers an unknown id with null and a malformed one with BAD_USER_INPUT, never a stack trace', async () => {
    const unknown = await post(service.url, `{ ${prefix}Cluster(id: "${prefix}-nowhere") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data![`${prefix}Cluster`]).toBeNull();

    const malformed = await post(service.url, `{ ${prefix}Cluster(id: "DROP TABLE cluster;") { id } }`);
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const badDate = await post(service.url, `query($c: ID!) { ${prefix}Cluster(id: $c) { meetings(from: "2024-13-45") { id } } }`, { c: clusterId });
    expect(badDate.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badVariable = await post(service.url, `query($c: ID!, $from: Date) { ${prefix}Cluster(id: $c) { meetings(from: $from) { id } } }`, { c: clusterId, from: 'yesterday' });
    expect(badVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const reversed = await post(service.url, `{ ${prefix}Cluster(id: "${clusterId}") { meetings(from: "2025-01-01", to: "2024-01-01") { id } } }`);
    expect(reversed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    for (const res of [malformed, badDate, badVariable, reversed]) {
      expect(res.raw).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
    }
  });

  it('filters meetings by date range and status', async () => {
    const res = await post(service.url, `{ ${prefix}Cluster(id: "${clusterId}") { all: meetings { id date status } planned: meetings(status: PLANNED) { id status } inRange: meetings(from: "2023-12-01", to: "2024-02-29") { id date } } }`);
    expect(res.errors).toBeUndefined();
    const { all, planned, inRange } = res.data![`${prefix}Cluster`];
    expect(planned.every((m: { status: string }) => m.status === 'PLANNED')).toBe(true);
    expect(planned.length).toBe(all.filter((m: { status: string }) => m.status === 'PLANNED').length);
    expect(inRange.map((m: { id: string }) => m.id)).toContain(meetingId);
    for (const m of inRange) expect(m.date >= '2023-12-01' && m.date <= '2024-02-29').toBe(true);
  });

  it('is ready when its database answers', async () => {
    const res = await fetch(new URL('/health/ready', service.url));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', service: prefix });
  });
});
