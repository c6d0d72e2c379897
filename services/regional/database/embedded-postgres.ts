/**
 * An embedded PostgreSQL for running a subgraph with nothing installed: PGlite (PostgreSQL
 * compiled to WebAssembly) persisted under a data directory and served on 127.0.0.1
 * through pglite-socket, so MikroORM talks to it over the ordinary wire protocol exactly
 * as it talks to a real server. A persisted database is locked to the process that opened
 * it (data-dir-lock.ts): PGlite's files must never be written by two processes.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDirectory, type DirectoryLock } from './data-dir-lock';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * @param dataDir where the database files live; omit for an in-memory database (tests).
 * Refuses with EmbeddedDatabaseInUseError while another process has the same directory open.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  let lock: DirectoryLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = await lockDataDirectory(dataDir);
  }
  try {
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    // Port 0: the OS picks a free port, so several subgraphs (and test runs) never collide.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
    return {
      url: `postgresql://postgres@127.0.0.1:${address.port}/postgres`,
      async stop() {
        try {
          await server.stop();
          await db.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
