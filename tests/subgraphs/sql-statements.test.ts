/**
 * No N+1: the SQL statements a cross-region operation costs do not grow with the rows it
 * returns. The same operation runs through the gateway against regional databases of two
 * sizes (the real data plus a little, and plus much more, synthetic data), and each
 * regional subgraph counts its statements.
 */
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { regionalSubgraphs } from '../../services/regional/definition';
import { generateSyntheticData } from '../../services/regional/data/generate';
import { startServiceProcess } from '../../tools/hub';
import { startGateway } from '../../gateway/service';
import { localGatewayConfig } from '../../gateway/config';
import type { RunningService } from '../../platform/http-server';
import { createLogger } from '../../platform/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { post } from '../support/graphql';
import { DEFAULT_OPERATION_LIMITS } from '../../platform/operation-limits';
import { DEFAULT_SUBGRAPH_PROTECTION } from '../../platform/subgraph-protection';

const OPERATION = `{ clusters {
  name bodies { memberships { person { name } } }
  meetings { title chair { name } participants { name } attendance { status person { name } }
             agendaItems { title decision absentees { name } } }
  people { name memberships { body { name } } }
  initiatives { title parts { title } }
  fundTables { title rows { label initiative { title } } checks { matches } }
  fundPosition { received }
} }`;

const logger = createLogger('test');
/** OPERATION asks for the whole data set at once, by design over the default MAX_COST (it costs 353 840). */
const limits = { ...DEFAULT_OPERATION_LIMITS, maxCost: 1_000_000 };
/** Every database and service the suite starts, so afterAll cleans up even after a failure half-way. */
const databases: TestDatabase[] = [];
const services: RunningService[] = [];

interface Sized {
  statements: Record<string, number>;
  meetings: number;
}

async function startAtSize(meetingsPerCluster: number, itemsPerMeeting: number): Promise<Sized> {
  const statements: Record<string, number> = { nordjylland: 0, syddanmark: 0 };
  const regional: Record<string, RunningRegionalService> = {};
  for (const definition of regionalSubgraphs()) {
    const testDb = await createTestDatabase(`sql_${definition.name}_${meetingsPerCluster}`);
    databases.push(testDb);
    const service: RunningRegionalService = await startRegionalService(definition, {
      host: '127.0.0.1', port: 0, databaseUrl: testDb.url, load: 'always', logger, protection: { ...DEFAULT_SUBGRAPH_PROTECTION, limits },
      onQuery: (line) => {
        if (line) statements[definition.name]++;
      },
    });
    // The synthetic rows go into the same database the subgraph serves (embedded or not).
    await generateSyntheticData(service.orm.em.fork(), definition.region, {
      meetingsPerCluster, itemsPerMeeting, peoplePerCluster: 8, attendeesPerMeeting: 5, initiativesPerCluster: 4, fundTablesPerCluster: 2, linesPerFundTable: 3, seed: 7,
    });
    regional[definition.name] = service;
    services.push(service);
  }
  // The councils subgraph runs as its own process, as in production: type-graphql keeps
  // its types in one global registry, and the councils' HealthCluster interface must not
  // meet the regional one in the same process.
  const councils = await startServiceProcess({ name: 'councils', env: { COUNCILS_PORT: '0' } });
  services.push({ url: councils.url, port: 0, close: async () => void (await councils.stop()) });
  const gateway = await startGateway(
    localGatewayConfig({
      subgraphUrls: { nordjylland: regional.nordjylland.url, syddanmark: regional.syddanmark.url, councils: councils.url },
      subgraphTimeoutMs: 30_000,
      limits,
      logger,
    }),
  );
  services.unshift(gateway);

  // On PostgreSQL the subgraph's statements run on a pool of connections, and a DataLoader batch
  // splits in two when the results it waits on arrive in different turns of the event loop: a
  // statement more, now and then, at any size. Growth with the rows (N+1) would show in every
  // run, so the fewest of a few runs is what is compared.
  const fewest: Record<string, number> = { nordjylland: Infinity, syddanmark: Infinity };
  let meetings = 0;
  for (let run = 0; run < 5; run++) {
    statements.nordjylland = 0;
    statements.syddanmark = 0;
    const res = await post(gateway.url, OPERATION);
    expect(res.errors).toBeUndefined();
    meetings = res.data!.clusters.reduce((n: number, c: { meetings: unknown[] }) => n + c.meetings.length, 0);
    for (const region of Object.keys(fewest)) fewest[region] = Math.min(fewest[region], statements[region]);
  }
  return { statements: fewest, meetings };
}

describe('SQL statements per operation', () => {
  afterAll(async () => {
    for (const s of services) await s.close();
    for (const db of databases) await db.drop();
  });

  it('are the same for 3 and 60 synthetic meetings per cluster', async () => {
    const small = await startAtSize(3, 2);
    const large = await startAtSize(60, 10);
    // eslint-disable-next-line no-console
    console.log(`statements: ${JSON.stringify(small.statements)} for ${small.meetings} meetings; ${JSON.stringify(large.statements)} for ${large.meetings} meetings`);
    expect(large.meetings).toBeGreaterThan(small.meetings * 10);
    expect(small.statements.nordjylland).toBeGreaterThan(0);
    expect(large.statements).toEqual(small.statements);
  }, 180_000);
});
