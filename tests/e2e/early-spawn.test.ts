/**
 * The hub spawns the gateway beside the subgraphs (tools/hub.ts, platform/hub-environment.ts):
 * a process started with `laterEnv` loads its modules, waits, and starts with the variables
 * it is sent once they are known; when they never come (a subgraph failed), it is stopped
 * and the start fails with the subgraph's error, leaving no process behind.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startHub, startServiceProcess } from '../../tools/hub';

/** A port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** The command lines of this process's living children (Linux's /proc). */
function childCommands(): string[] {
  const commands: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [, , ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === process.pid) commands.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // Gone meanwhile.
    }
  }
  return commands;
}

describe('a service spawned before its settings are known', () => {
  it('starts with the variables it is sent later', async () => {
    const port = await freePort();
    let send!: (env: Record<string, string>) => void;
    const later = new Promise<Record<string, string>>((resolve) => (send = resolve));
    const starting = startServiceProcess({ name: 'councils', env: { COUNCILS_PORT: undefined }, laterEnv: later });
    // Without its port it would serve on the registry's default; it gets the one sent.
    send({ COUNCILS_PORT: String(port) });
    const councils = await starting;
    try {
      expect(new URL(councils.url).port).toBe(String(port));
    } finally {
      await councils.stop();
    }
  });

  it('is stopped, and fails with the reason, when the variables never come', async () => {
    let withhold!: (error: Error) => void;
    const later = new Promise<Record<string, string>>((_, reject) => (withhold = reject));
    const starting = startServiceProcess({ name: 'councils', env: { COUNCILS_PORT: '0' }, laterEnv: later });
    withhold(new Error('no settings for you'));
    await expect(starting).rejects.toThrow('no settings for you');
    expect(childCommands().filter((c) => c.includes('services/councils/main.ts'))).toEqual([]);
  });
});

describe('startHub when a subgraph cannot start', () => {
  it("fails with the subgraph's error and leaves no gateway waiting", async () => {
    // No region reaches its database; the councils subgraph starts, and must be stopped again.
    const start = startHub({ env: { DATABASE_URL: 'postgresql://hub@127.0.0.1:1/regional', HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-early-spawn-')) } });
    await expect(start).rejects.toThrow(/(nordjylland|syddanmark) exited with code 1/);
    expect(childCommands()).toEqual([]);
  }, 120_000);
});
