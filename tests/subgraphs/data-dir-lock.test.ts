/**
 * The lock of an embedded database's data directory (services/regional/database/data-dir-lock.ts),
 * with real files and real processes: held once, refused while its process lives, taken
 * over when it is dead (by exactly one of several starters at once), and gone after stop
 * or exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LOCK_FILE, lockDataDirectory } from '../../services/regional/database/data-dir-lock';
import { startEmbeddedPostgres } from '../../services/regional/database/embedded-postgres';
import { waitFor } from '../support/wait-for';

const ROOT = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'hub-data-dir-lock-'));
let count = 0;
const freshDirectory = () => mkdtempSync(join(work, `dir-${count++}-`));
const lockFile = (dir: string) => join(dir, LOCK_FILE);
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A node process running `code` with the repository's TypeScript loader, and the lines it prints. */
function node(code: string): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tools', 'register.js'), '-e', code], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { child, lines, exited };
}

/** The pid of a process that has exited: a lock it left behind is stale. */
async function deadPid(): Promise<number> {
  const { child, exited } = node('');
  await exited;
  return child.pid!;
}

describe('the lock of an embedded data directory', () => {
  it('is held once: a second lock in the same process is refused, and after release it can be taken again', async () => {
    const dir = freshDirectory();
    const lock = await lockDataDirectory(dir);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(`${process.pid}\n`);
    await expect(lockDataDirectory(dir)).rejects.toThrow(`the embedded database in ${dir} is in use by process ${process.pid}`);
    lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
    (await lockDataDirectory(dir)).release();
  });

  it('is refused while another live process holds it, naming that process', async () => {
    const dir = freshDirectory();
    const holder = node('setInterval(() => {}, 1000); console.log("ready")');
    await waitFor(() => holder.lines.includes('ready'), { timeoutMs: 30_000, description: 'the holder to start' });
    writeFileSync(lockFile(dir), `${holder.child.pid}\n`);
    await expect(lockDataDirectory(dir)).rejects.toThrow(`the embedded database in ${dir} is in use by process ${holder.child.pid}`);
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(`${holder.child.pid}\n`);
    holder.child.kill('SIGKILL');
  });

  it('is taken over when its process is dead, when it names this process (a container restarted as pid 1) or names none', async () => {
    for (const stale of [`${await deadPid()}\n`, `${process.pid}\n`, 'not a pid']) {
      const dir = freshDirectory();
      writeFileSync(lockFile(dir), stale);
      const lock = await lockDataDirectory(dir);
      expect(readFileSync(lockFile(dir), 'utf8')).toBe(`${process.pid}\n`);
      lock.release();
    }
  });

  it('is taken over by exactly one of several processes that find it stale at once', async () => {
    const dir = freshDirectory();
    writeFileSync(lockFile(dir), `${await deadPid()}\n`);
    // Each waits for "go" on stdin, so they try within the same moment; a winner holds until killed.
    const contenders = Array.from({ length: 8 }, () =>
      node(`
        const { lockDataDirectory } = require('./services/regional/database/data-dir-lock.ts');
        console.log('ready');
        process.stdin.once('data', () => lockDataDirectory(${JSON.stringify(dir)}).then(
          () => { console.log('won'); setInterval(() => {}, 1000); },
          (error) => { console.log('refused ' + error.message); process.exit(0); },
        ));
      `),
    );
    await Promise.all(contenders.map(({ lines }) => waitFor(() => lines.includes('ready'), { timeoutMs: 30_000, description: 'a contender to start' })));
    for (const { child } of contenders) child.stdin!.write('go\n');
    await Promise.all(contenders.map(({ lines }) => waitFor(() => lines.length > 1, { description: 'a contender to win or be refused' })));
    const winners = contenders.filter(({ lines }) => lines[1] === 'won');
    expect(winners).toHaveLength(1);
    const winnerPid = winners[0].child.pid;
    expect(readFileSync(lockFile(dir), 'utf8')).toBe(`${winnerPid}\n`);
    for (const { lines } of contenders.filter((c) => c !== winners[0])) expect(lines[1]).toBe(`refused the embedded database in ${dir} is in use by process ${winnerPid}`);
    // Killed outright, the winner leaves its lock behind: stale, so this process takes it over.
    winners[0].child.kill('SIGKILL');
    await winners[0].exited;
    (await lockDataDirectory(dir)).release();
  }, 60_000);

  it('is removed when its process exits without releasing it', async () => {
    const dir = freshDirectory();
    const { lines, exited } = node(`
      require('./services/regional/database/data-dir-lock.ts').lockDataDirectory(${JSON.stringify(dir)}).then(() => {
        console.log(require('node:fs').existsSync(${JSON.stringify(lockFile(dir))}) ? 'held' : 'missing');
        process.exit(3);
      });
    `);
    expect(await exited).toBe(3);
    expect(lines).toEqual(['held']);
    expect(existsSync(lockFile(dir))).toBe(false);
  });
});

describe('an embedded database', () => {
  it('is opened by one holder at a time, and is free again when stopped', async () => {
    const dir = freshDirectory();
    const first = await startEmbeddedPostgres(dir);
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(`the embedded database in ${dir} is in use by process ${process.pid}`);
    await first.stop();
    expect(existsSync(lockFile(dir))).toBe(false);
    const again = await startEmbeddedPostgres(dir);
    await again.stop();
  }, 60_000);

  it('in memory takes no lock', async () => {
    const [a, b] = await Promise.all([startEmbeddedPostgres(), startEmbeddedPostgres()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(a.url).not.toBe(b.url);
  }, 60_000);
});
