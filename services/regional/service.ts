/**
 * A regional subgraph as a running service: database (configured or embedded), migrations
 * and data, the federated schema, and the HTTP server.
 */
import { join, resolve } from 'node:path';
import { DEFAULT_BODY_LIMIT, startService, type RunningService } from '../../platform/http-server';
import { ConfigurationError, envCacheMaxAge, envChoice, envFirst, envFlag, envList, envPort, envSize, envString } from '../../platform/config';
import { bearerAuthConfigFromEnv, createBearerVerifier, requireScope, type BearerAuthConfig } from '../../platform/bearer-auth';
import { devKeyDirectoryFromEnv } from '../../platform/dev-token';
import { regionWriteScope } from '../../platform/scopes';
import { subgraphSecretFromEnv } from '../../platform/gateway-credential';
import { createLogger, type Logger } from '../../platform/logger';
import { redisConfigFromEnv, type RedisConfig } from '../../platform/redis';
import { runMain } from '../../platform/run-main';
import { DEFAULT_SUBGRAPH_PROTECTION, subgraphProtectionFromEnv, subgraphProtectionOptions, type SubgraphProtection } from '../../platform/subgraph-protection';
import { LIST_SIZES } from '../../schema/list-sizes';
import type { MikroORM } from '@mikro-orm/postgresql';
import { connectDatabase } from './database/connect';
import { LOAD_POLICIES, prepareDatabase, type LoadPolicy } from './database/prepare';
import { claimDatabase } from './database/region-stamp';
import { summariseProblems } from './data/read-data-set';
import type { RegionalSubgraphDefinition } from './definition';
import { createRegionalContext } from './graphql/context';
import { createServiceMetrics } from '../../platform/metrics/registry';
import { instrumentDatabase } from './database/instrument';
import { buildRegionalSchema } from './schema';
import { cacheInvalidation } from './cache-invalidation';
import { usePreparedStatementNames } from './model';

export interface RegionalServiceConfig {
  host: string;
  port: number;
  /** PostgreSQL URL; absent: embedded PGlite. */
  databaseUrl?: string;
  /** Streaming replicas of databaseUrl's database, for the API's reads; only with databaseUrl. */
  databaseReadUrls?: string[];
  /** Where the embedded database persists; absent: in memory. */
  embeddedDataDir?: string;
  load: LoadPolicy;
  /** The folder of the region's data files; absent: the registry's (services/<region>/data). */
  dataDirectory?: string;
  logger: Logger;
  corsOrigins?: string[];
  bodyLimit?: string;
  cacheMaxAgeSeconds?: number;
  /** Operation limits, introspection, concurrency and answer size; default: DEFAULT_SUBGRAPH_PROTECTION. */
  protection?: SubgraphProtection;
  /** SUBGRAPH_SECRET: only calls signed with it (the gateway's) are answered. */
  gatewaySecret?: string;
  /** Who may write: the bearer tokens' issuer and keys (platform/bearer-auth.ts); absent: the development key outside production. */
  auth?: BearerAuthConfig;
  /**
   * PUBLISH_SENSITIVE_PERSONAL_DATA: false answers party letters and named people's absences
   * from agenda items as null or empty (graphql/personal-data.ts, docs/PRIVACY.md); absent: true.
   */
  publishSensitivePersonalData?: boolean;
  onQuery?: (sql: string) => void;
  /** REDIS_URL: writes and imports move the gateways' shared cache version on (cache-invalidation.ts). */
  redis?: RedisConfig;
  /** COMPILED_EXECUTION: queries run compiled by graphql-jit (platform/compiled-execution.ts); absent: true. */
  compiledExecution?: boolean;
  /** PREPARED_STATEMENTS: the API's reads run as named prepared statements (model/prepared-select.ts); absent: true. */
  preparedStatements?: boolean;
}

/**
 * Environment variables, the region's own first (NORDJYLLAND_DATABASE_URL), then the
 * generic one (DATABASE_URL), so one environment can configure several services.
 */
export function regionalConfigFromEnv(definition: RegionalSubgraphDefinition): RegionalServiceConfig {
  const prefix = definition.name.toUpperCase();
  const pick = (name: string) => envString(`${prefix}_${name}`) ?? envString(name);
  const databaseUrl = pick('DATABASE_URL');
  const readUrlsVariable = envFirst(`${prefix}_DATABASE_READ_URLS`, 'DATABASE_READ_URLS');
  const databaseReadUrls = envList(readUrlsVariable);
  if (databaseReadUrls.length > 0 && databaseUrl === undefined) {
    throw new ConfigurationError(`${readUrlsVariable} needs ${prefix}_DATABASE_URL (or DATABASE_URL): the embedded database has no read replicas`);
  }
  return {
    host: pick('HOST') ?? '127.0.0.1',
    port: envPort(envFirst(`${prefix}_PORT`, 'PORT'), definition.defaultPort),
    databaseUrl,
    databaseReadUrls,
    embeddedDataDir: pick('DATA_DIR') ?? join(process.cwd(), '.data', definition.name),
    load: envChoice(envFirst(`${prefix}_LOAD_DATA`, 'LOAD_DATA'), LOAD_POLICIES, 'if-changed'),
    // The region's own variable only: every region has a folder of its own.
    dataDirectory: envString(`${prefix}_DATA_FILES`) === undefined ? undefined : resolve(envString(`${prefix}_DATA_FILES`)!),
    logger: createLogger(definition.name),
    corsOrigins: envList('CORS_ORIGINS'),
    bodyLimit: envSize('BODY_LIMIT', DEFAULT_BODY_LIMIT),
    cacheMaxAgeSeconds: envCacheMaxAge(),
    protection: subgraphProtectionFromEnv(),
    gatewaySecret: subgraphSecretFromEnv(),
    auth: bearerAuthConfigFromEnv(devKeyDirectoryFromEnv()),
    // The region's own variable first: each region's data controller decides for its data.
    publishSensitivePersonalData: envFlag(envFirst(`${prefix}_PUBLISH_SENSITIVE_PERSONAL_DATA`, 'PUBLISH_SENSITIVE_PERSONAL_DATA'), true),
    redis: redisConfigFromEnv(),
    compiledExecution: envFlag('COMPILED_EXECUTION', true),
    preparedStatements: envFlag('PREPARED_STATEMENTS', true),
  };
}

export interface RunningRegionalService extends RunningService {
  database: string;
  /** The subgraph's ORM, for commands and tests that work on the same database. */
  orm: MikroORM;
}

export async function startRegionalService(
  definition: RegionalSubgraphDefinition,
  config: RegionalServiceConfig,
): Promise<RunningRegionalService> {
  const db = await connectDatabase({ url: config.databaseUrl, readUrls: config.databaseReadUrls, embeddedDataDir: config.embeddedDataDir, onQuery: config.onQuery });
  let invalidation: ReturnType<typeof cacheInvalidation> | undefined;
  try {
    const { logger } = config;
    const files = config.dataDirectory === undefined ? definition : { ...definition, dataDirectory: config.dataDirectory };
    await claimDatabase(db.orm, definition.region);
    const prepared = await prepareDatabase(db.orm, files, config.load, { progress: (m) => logger.info(`imported ${m}`), keepLastGoodLoad: true });
    if (prepared.migrations.length > 0) logger.info(`applied migrations: ${prepared.migrations.join(', ')}`);
    if (prepared.imported.length > 0) logger.info(`imported ${prepared.imported.join(', ')}`);
    invalidation = config.redis ? cacheInvalidation(config.redis, logger) : undefined;
    if (invalidation && prepared.imported.length > 0) await invalidation.bump('an import');
    for (const c of prepared.conflicts) {
      logger.warn({ kind: c.kind, id: c.id, field: c.field }, `import conflict: ${c.kind} ${c.id} ${c.field}: ${c.reason} (npm run db:load lists both values)`);
    }
    // Said once at start-up, and on every readiness answer while it holds.
    let dataDetail: string | undefined;
    if (prepared.invalidFiles) {
      dataDetail = `stale: the data files do not validate; serving the load of ${prepared.loadedAt?.toISOString()}`;
      logger.warn({ dataFiles: files.dataDirectory, problems: prepared.invalidFiles.length }, `${dataDetail} (${summariseProblems(prepared.invalidFiles)})`);
    } else if (prepared.stale) {
      dataDetail = `stale: the data files changed since the load of ${prepared.loadedAt?.toISOString()}`;
      logger.warn('the data files changed since the last load: run `npm run db:load` to import them');
    }
    if (config.publishSensitivePersonalData === false) logger.info('PUBLISH_SENSITIVE_PERSONAL_DATA=false: party letters and absences from agenda items are not served');
    usePreparedStatementNames(config.preparedStatements ?? true);
    const { schema } = await buildRegionalSchema(definition);
    // Each subgraph checks write tokens itself: it may be reached without the gateway.
    const auth = config.auth ?? { production: process.env.NODE_ENV === 'production', devKeyDirectory: devKeyDirectoryFromEnv() };
    const refusal = (reason: string) => logger.info(`write refused: ${reason}`);
    const verify = createBearerVerifier(auth, refusal);
    const scope = regionWriteScope(definition.name);
    const protection = subgraphProtectionOptions(config.protection ?? DEFAULT_SUBGRAPH_PROTECTION, LIST_SIZES);
    // The pool gauges (and SQL spans) join the service's request metrics (GET /metrics).
    const metrics = createServiceMetrics(definition.name);
    instrumentDatabase(db.orm, metrics.registry);
    /**
     * Reads go to a replica, except a writer's: a request with a token that may write here
     * reads from the primary, so a writer's next read shows its write whatever the replicas'
     * lag. Anything else (no token, a bad one, another scope) reads from a replica: reads are public.
     */
    // Without replicas every read is on the primary: no token is checked for it.
    const readerVerify = db.replicas > 0 ? createBearerVerifier(auth) : undefined;
    const readFrom = async (authorization: string | undefined): Promise<'read' | 'write'> => {
      if (readerVerify === undefined) return 'write';
      if (authorization === undefined) return 'read';
      try {
        requireScope(await readerVerify(authorization), scope);
        return 'write';
      } catch {
        return 'read';
      }
    };
    const http = await startService({
      name: definition.name,
      host: config.host,
      port: config.port,
      schema,
      // A year of agenda items is thousands of small objects: compiled, their execution costs less CPU.
      compiledExecution: config.compiledExecution ?? true,
      context: async ({ req, requestId }) => ({
        ...createRegionalContext(db.orm.em as never, definition.region, {
          writer: async () => requireScope(await verify(req.headers.authorization), scope, refusal).subject,
          log: (message) => logger.info({ requestId }, message),
          publishSensitivePersonalData: config.publishSensitivePersonalData ?? true,
          readFrom: await readFrom(req.headers.authorization),
        }),
        requestId,
      }),
      ready: async () => {
        await db.ping();
        return dataDetail === undefined ? undefined : { data: dataDetail };
      },
      corsOrigins: config.corsOrigins,
      bodyLimit: config.bodyLimit,
      cacheMaxAgeSeconds: config.cacheMaxAgeSeconds,
      ...protection,
      plugins: [...(protection.plugins ?? []), ...(invalidation ? [invalidation.plugin()] : [])],
      gatewaySecret: config.gatewaySecret,
      metrics,
      logger,
    });
    return {
      ...http,
      database: db.description,
      orm: db.orm,
      async close() {
        await http.close();
        await invalidation?.close();
        await db.close();
      },
    };
  } catch (error) {
    await invalidation?.close();
    await db.close();
    throw error;
  }
}

/** The entry point of `npm run start:<region>`. */
export async function runRegionalService(definition: RegionalSubgraphDefinition): Promise<void> {
  const logger = createLogger(definition.name);
  let database = '';
  await runMain(
    logger,
    async () => {
      const service = await startRegionalService(definition, { ...regionalConfigFromEnv(definition), logger });
      database = service.database;
      return service;
    },
    (service) => `subgraph ready at ${service.url} (database: ${database})`,
  );
}
