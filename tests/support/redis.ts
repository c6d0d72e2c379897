/**
 * Redis for a test suite. With TEST_REDIS_URL (as CI sets it) the suite uses that server,
 * under a key prefix of its own so suites and runs do not see each other's keys; without it,
 * a private redis-server on a free port on 127.0.0.1, no persistence, stopped after. A
 * suite that must stop Redis under a running gateway asks for a private one either way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { waitFor } from './wait-for';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisUnavailable(): string | undefined {
  if (testRedisUrl || existsSync(REDIS_SERVER)) return undefined;
  return `no Redis: set TEST_REDIS_URL or install redis-server (${REDIS_SERVER} is missing)`;
}

export interface TestRedis {
  url: string;
  /** REDIS_KEY_PREFIX for the processes of this suite. */
  keyPrefix: string;
  /** The private server's process; undefined on TEST_REDIS_URL. */
  process?: ChildProcess;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const prefix = (label: string) => `hub-test:${label}:${randomBytes(4).toString('hex')}:`;

export async function startTestRedis(label: string, { private: own = false } = {}): Promise<TestRedis> {
  if (testRedisUrl && !own) {
    const keyPrefix = prefix(label);
    // A shared server: what the suite left under its prefix (the data version, APQ) is deleted after it.
    return { url: testRedisUrl, keyPrefix, stop: () => deleteKeys(testRedisUrl, keyPrefix) };
  }
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  await waitFor(() => output.includes('Ready to accept connections') || child.exitCode !== null, { timeoutMs: 10_000, description: `redis-server on port ${port}` });
  if (child.exitCode !== null) throw new Error(`redis-server did not start:\n${output}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    keyPrefix: prefix(label),
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function deleteKeys(url: string, keyPrefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
