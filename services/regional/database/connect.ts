/**
 * Opens a regional database: the configured PostgreSQL server, or an embedded one when no
 * URL is configured. A server that cannot be reached fails with one line naming host and
 * port — never the password, never a stack trace.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { ConfigurationError, describeDatabaseUrl } from '../../../platform/config';
import { StartupError } from '../../../platform/startup-error';
import { startEmbeddedPostgres } from './embedded-postgres';
import { openOrm, replicaConnections } from './orm';

export class DatabaseUnreachableError extends StartupError {
  constructor(where: string, reason: string) {
    super(`cannot reach PostgreSQL at ${where}: ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

export interface RegionalDatabase {
  orm: MikroORM;
  /** "embedded (…)" or "host:port (database …)", and the replicas' "host:port", for logs. */
  description: string;
  /** How many read replicas the API's reads go to (0: all to the primary). */
  replicas: number;
  /** Answers once the primary and every replica answer a statement; throws otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, an embedded PGlite database is used. */
  url?: string;
  /** Where the embedded database persists; absent means in memory. */
  embeddedDataDir?: string;
  /** Streaming replicas of `url`'s database; only with `url` (PGlite has no replicas). */
  readUrls?: readonly string[];
  onQuery?: (sql: string) => void;
}

/** Read replicas with the embedded database: refused before anything starts. */
export class EmbeddedReplicasError extends ConfigurationError {
  constructor() {
    super('read replicas (DATABASE_READ_URLS) need a PostgreSQL server (DATABASE_URL): the embedded database has none');
    this.name = 'EmbeddedReplicasError';
  }
}

const ping = (orm: MikroORM) => async () => {
  await orm.em.getConnection('write').execute('select 1');
  for (const replica of replicaConnections(orm)) await replica.execute('select 1');
};

export async function connectDatabase(options: DatabaseOptions): Promise<RegionalDatabase> {
  const readUrls = options.readUrls ?? [];
  if (!options.url && readUrls.length > 0) throw new EmbeddedReplicasError();
  if (!options.url) {
    const embedded = await startEmbeddedPostgres(options.embeddedDataDir);
    let orm: MikroORM;
    try {
      orm = await openOrm({ url: embedded.url, embedded: true, onQuery: options.onQuery });
    } catch (error) {
      // Stopped, so its data directory is unlocked for the next start.
      await embedded.stop();
      throw error;
    }
    return {
      orm,
      description: `embedded PostgreSQL (PGlite) ${options.embeddedDataDir ? `in ${options.embeddedDataDir}` : 'in memory'}`,
      replicas: 0,
      ping: ping(orm),
      async close() {
        await orm.close(true);
        await embedded.stop();
      },
    };
  }
  const where = describeDatabaseUrl(options.url);
  let orm: MikroORM;
  try {
    orm = await openOrm({ url: options.url, readUrls, embedded: false, onQuery: options.onQuery });
  } catch (error) {
    throw new DatabaseUnreachableError(where, reasonOf(error));
  }
  // Each server on its own, so the line names the one that does not answer.
  for (const [connection, at] of [[orm.em.getConnection('write'), where], ...replicaConnections(orm).map((c, i) => [c, `${describeDatabaseUrl(readUrls[i])} (read replica)`] as const)] as const) {
    try {
      await connection.execute('select 1');
    } catch (error) {
      await orm.close(true);
      throw new DatabaseUnreachableError(at, reasonOf(error));
    }
  }
  const replicas = readUrls.length === 0 ? '' : `, reads from ${readUrls.map((u) => describeDatabaseUrl(u).replace(/ \(database .*\)$/, '')).join(', ')}`;
  return { orm, description: `${where}${replicas}`, replicas: readUrls.length, ping: ping(orm), close: () => orm.close(true) };
}

/** Only the error code or first line: driver messages can echo the connection string. */
function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? String(e.message).split('\n')[0].replace(/postgres(ql)?:\/\/[^\s]*/g, '<url>');
}
