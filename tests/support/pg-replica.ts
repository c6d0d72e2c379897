/**
 * A PostgreSQL streaming replica of the test server (TEST_DATABASE_URL), made for one suite:
 * `pg_basebackup` of the primary into a temporary directory, started on a free port of
 * 127.0.0.1 as a hot standby, stopped and removed after. It logs every statement
 * (log_statement=all) to a file of its own, so a test can see which statements it served.
 *
 * Needs the server's binaries (pg_basebackup, pg_ctl) of the primary's major version, and a
 * primary that accepts replication connections from 127.0.0.1 for its user: a pg_hba.conf
 * line such as `host replication postgres 127.0.0.1/32 trust` (`.ci/run` adds it and reloads).
 * PostgreSQL refuses to run as root: as root, the commands run as the `postgres` user.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { waitFor } from './wait-for';

const run = promisify(execFile);

export interface Replica {
  port: number;
  /** `url` of the primary with the replica's port instead. */
  urlOf(primaryUrl: string): string;
  /** The statements the replica logged for `database`, in order. */
  statements(database: string): string[];
  stop(): Promise<void>;
}

/**
 * Why a replica cannot be made from `primaryUrl`, in one line; undefined when it seems it can
 * (pg_hba.conf has a replication line for the user; whether it matches 127.0.0.1 and the
 * method, pg_basebackup tells).
 */
export async function replicaUnavailable(primaryUrl: string): Promise<string | undefined> {
  const client = new Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ major: string; user: string; replication: boolean; level: string }>(
      `select current_setting('server_version_num')::int / 10000 as major, current_user as user,
              current_setting('wal_level') <> 'minimal' and current_setting('max_wal_senders')::int > 0 as level,
              exists (select 1 from pg_hba_file_rules r
                      where r.type like 'host%' and 'replication' = any(r.database)
                        and (current_user = any(r.user_name) or 'all' = any(r.user_name))) as replication`,
    );
    const { major, user, replication, level } = rows[0];
    if (!level) return 'the primary does not stream WAL (wal_level minimal or max_wal_senders = 0)';
    if (!replication) {
      return `the primary's pg_hba.conf does not allow replication connections: add "host replication ${user} 127.0.0.1/32 trust" and reload it (.ci/run does)`;
    }
    if (!existsSync(join(binDirectory(Number(major)), 'pg_basebackup'))) return `PostgreSQL ${major}'s server binaries are not in ${binDirectory(Number(major))} (set PG_BINDIR)`;
    return undefined;
  } finally {
    await client.end();
  }
}

function binDirectory(major: number): string {
  return process.env.PG_BINDIR ?? `/usr/lib/postgresql/${major}/bin`;
}

/** A port nothing listens on now (the OS's choice). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
async function pgCommand(bin: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(file, argv, { timeout: 60_000 });
}

export async function startReplica(primaryUrl: string): Promise<Replica> {
  const primary = new URL(primaryUrl);
  const client = new Client({ connectionString: primaryUrl });
  await client.connect();
  const major = Number((await client.query(`select current_setting('server_version_num')::int / 10000 as major`)).rows[0].major);
  await client.end();
  const bin = binDirectory(major);

  const directory = mkdtempSync(join(tmpdir(), 'hub-replica-'));
  if (asRoot) await run('chown', ['postgres:postgres', directory]);
  const data = join(directory, 'data');
  const log = join(directory, 'replica.log');
  const port = await freePort();
  let started = false;
  const remove = () => rmSync(directory, { recursive: true, force: true });
  try {
    // -R writes standby.signal and primary_conninfo; -X stream brings the WAL of the backup along.
    await pgCommand(join(bin, 'pg_basebackup'), ['-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username || 'postgres'), '-D', data, '-R', '-X', 'stream', '-c', 'fast']);
    // A Debian server keeps its configuration outside the data directory: the copy has none.
    for (const [name, text] of [
      ['postgresql.conf', ''],
      ['pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n'],
      ['pg_ident.conf', ''],
    ] as const) {
      const path = join(data, name);
      if (!existsSync(path) || name === 'pg_hba.conf') writeFileSync(path, text);
    }
    if (asRoot) await run('chown', ['-R', 'postgres:postgres', directory]);
    const options = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${directory}`,
      '-c hot_standby=on',
      '-c log_statement=all',
      // The database first, so statements can be told apart by database.
      `-c log_line_prefix='[%d] '`,
      '-c shared_buffers=16MB',
    ].join(' ');
    await pgCommand(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
    started = true;
  } catch (error) {
    if (started) await pgCommand(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    const detail = existsSync(log) ? `\n${readFileSync(log, 'utf8').split('\n').slice(-10).join('\n')}` : '';
    remove();
    throw new Error(`the replica did not start: ${(error as Error).message}${detail}`);
  }
  return {
    port,
    urlOf(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    statements(database) {
      // A simple-protocol statement is logged as `statement: …`, a prepared one (named or not) as `execute <name>: …`.
      const prefix = `[${database}] LOG:  `;
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith(prefix))
        .map((line) => /^(?:statement|execute [^:\s]+): (.*)$/.exec(line.slice(prefix.length))?.[1])
        .filter((sql): sql is string => sql !== undefined);
    },
    async stop() {
      try {
        await pgCommand(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        remove();
      }
    },
  };
}

/**
 * Waits until the replica has replayed everything the primary had written when called: its
 * replay position reaches the primary's present WAL position.
 */
export async function caughtUp(primaryUrl: string, replicaUrl: string, timeoutMs = 30_000): Promise<void> {
  const primary = new Client({ connectionString: primaryUrl });
  const replica = new Client({ connectionString: replicaUrl });
  await primary.connect();
  await replica.connect();
  try {
    const target = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn;
    await waitFor(async () => (await replica.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [target])).rows[0].done, {
      timeoutMs,
      description: `the replica to replay the primary's WAL up to ${target}`,
    });
  } finally {
    await primary.end();
    await replica.end();
  }
}
