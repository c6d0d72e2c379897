/**
 * A regional subgraph as a running service: database (configured or embedded), migrations
 * and data, the federated schema, and the HTTP server.
 */
import { join } from 'node:path';
import { envChoice, envPort, envString } from '../shared/config';
import { startService, type RunningService } from '../shared/http-server';
import { connectDatabase } from './database/connect';
import { LOAD_POLICIES, prepareDatabase, type LoadPolicy } from './database/prepare';
import type { RegionalSubgraphDefinition } from './definition';
import { createRegionalContext } from './graphql/context';
import { buildRegionalSchema } from './schema';

export interface RegionalServiceConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; absent: embedded PGlite. */
  databaseUrl?: string;
  /** Where the embedded database persists; absent: in memory. */
  embeddedDataDir?: string;
  load: LoadPolicy;
  log: (message: string) => void;
  onQuery?: (sql: string) => void;
}

/**
 * Environment variables, the region's own first (NORDJYLLAND_DATABASE_URL), then the
 * generic one (DATABASE_URL), so one environment can configure several services.
 */
export function regionalConfigFromEnv(definition: RegionalSubgraphDefinition): RegionalServiceConfig {
  const prefix = definition.name.toUpperCase();
  const pick = (name: string) => envString(`${prefix}_${name}`) ?? envString(name);
  return {
    host: pick('HOST') ?? '127.0.0.1',
    port: envPort(envString(`${prefix}_PORT`) !== undefined ? `${prefix}_PORT` : 'PORT', definition.defaultPort),
    databaseUrl: pick('DATABASE_URL'),
    embeddedDataDir: pick('DATA_DIR') ?? join(process.cwd(), '.data', definition.name),
    load: envChoice(envString(`${prefix}_LOAD_DATA`) !== undefined ? `${prefix}_LOAD_DATA` : 'LOAD_DATA', LOAD_POLICIES, 'if-changed'),
    log: (m) => console.error(`[${definition.name}] ${m}`),
  };
}

export interface RunningRegionalService extends RunningService {
  database: string;
}

export async function startRegionalService(
  definition: RegionalSubgraphDefinition,
  config: RegionalServiceConfig,
): Promise<RunningRegionalService> {
  const db = await connectDatabase({ url: config.databaseUrl, embeddedDataDir: config.embeddedDataDir, onQuery: config.onQuery });
  try {
    const prepared = await prepareDatabase(db.orm, definition, config.load, (m) => config.log(`loaded ${m}`));
    if (prepared.migrations.length > 0) config.log(`applied migrations: ${prepared.migrations.join(', ')}`);
    if (prepared.stale) config.log('the data files changed since the last load: run `npm run db:load` (or LOAD_DATA=always) to reload');
    const { schema } = await buildRegionalSchema(definition);
    const http = await startService({
      name: definition.name,
      host: config.host,
      port: config.port,
      schema,
      context: async () => createRegionalContext(db.orm.em as never, definition.region),
      ready: async () => {
        await db.orm.em.getConnection().execute('select 1');
      },
      log: config.log,
    });
    return {
      ...http,
      database: db.description,
      async close() {
        await http.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The entry point of `npm run start:<region>`: one line per fact, exit 1 with one line on failure. */
export async function runRegionalService(definition: RegionalSubgraphDefinition): Promise<void> {
  let config: RegionalServiceConfig;
  try {
    config = regionalConfigFromEnv(definition);
  } catch (error) {
    console.error(`[${definition.name}] configuration error: ${(error as Error).message}`);
    process.exit(1);
  }
  try {
    const service = await startRegionalService(definition, config);
    config.log(`database: ${service.database}`);
    config.log(`subgraph ready at ${service.url}`);
    const stop = async (signal: string) => {
      config.log(`${signal}: finishing requests in flight, then stopping`);
      await service.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    const e = error as Error;
    config.log(e.name === 'DatabaseUnreachableError' || e.name === 'DataSetError' ? e.message : `failed to start: ${e.message}`);
    process.exit(1);
  }
}
