/**
 * Opens a regional database: the configured PostgreSQL server, or an embedded one when no
 * URL is configured. A server that cannot be reached fails with one line naming host and
 * port — never the password, never a stack trace.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { describeDatabaseUrl } from '../../../platform/config';
import { StartupError } from '../../../platform/startup-error';
import { startEmbeddedPostgres } from './embedded-postgres';
import { openOrm } from './orm';

export class DatabaseUnreachableError extends StartupError {
  constructor(where: string, reason: string) {
    super(`cannot reach PostgreSQL at ${where}: ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

export interface RegionalDatabase {
  orm: MikroORM;
  /** "embedded (…)" or "host:port (database …)", for logs. */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, an embedded PGlite database is used. */
  url?: string;
  /** Where the embedded database persists; absent means in memory. */
  embeddedDataDir?: string;
  onQuery?: (sql: string) => void;
}

export async function connectDatabase(options: DatabaseOptions): Promise<RegionalDatabase> {
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
      async close() {
        await orm.close(true);
        await embedded.stop();
      },
    };
  }
  const where = describeDatabaseUrl(options.url);
  let orm: MikroORM;
  try {
    orm = await openOrm({ url: options.url, embedded: false, onQuery: options.onQuery });
    await orm.em.getConnection().execute('select 1');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // Only the error code or first line: driver messages can echo the connection string.
    const reason = e.code ?? String(e.message).split('\n')[0].replace(/postgres(ql)?:\/\/[^\s]*/g, '<url>');
    throw new DatabaseUnreachableError(where, reason);
  }
  return { orm, description: where, close: () => orm.close(true) };
}
