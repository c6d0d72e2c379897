/**
 * HAProxy (Debian's package; .ci/run installs it) in front of gateway replicas for a test:
 * round robin over them, each checked on its readiness endpoint, and the retries that make
 * a replica's restart invisible to clients: a request whose connection is refused, or whose
 * kept-alive connection the stopping replica closed before answering, goes to another
 * replica (retry-on, option redispatch). Request bodies are buffered, so a POST can be sent
 * again. Listens on 127.0.0.1 only; a stats page (CSV) tells each replica's state.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis';
import { waitFor } from './wait-for';

const BINARIES = ['/usr/sbin/haproxy', '/usr/bin/haproxy'];
const binary = () => BINARIES.find((b) => existsSync(b));

/** Why HAProxy tests cannot run here, or undefined when they can. */
export function haproxyUnavailable(): string | undefined {
  return binary() ? undefined : `no HAProxy: install Debian's haproxy package (none of ${BINARIES.join(', ')} exists)`;
}

export interface Backend {
  name: string;
  port: number;
}

export interface ServerStats {
  /** UP, DOWN, … as HAProxy says. */
  status: string;
  /** Requests sent to it. */
  sessions: number;
  /** Times its health check took it out. */
  downs: number;
  /** Requests retried on it, and sent on to another server after failing on it. */
  retries: number;
  redispatches: number;
}

export interface HAProxy {
  url: string;
  stats(): Promise<Record<string, ServerStats>>;
  /** Waits until HAProxy counts every backend as UP. */
  allUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function haproxyConfig(port: number, statsPort: number, backends: Backend[]): string {
  return `global
  maxconn 256

defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  timeout queue 5s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 503
  option http-buffer-request

frontend hub
  bind 127.0.0.1:${port}
  default_backend gateways

backend gateways
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  # A readiness answer asks every subgraph: on a busy machine it may take more than the interval.
  timeout check 3s
  default-server inter 300ms fall 2 rise 2
${backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`).join('\n')}

frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`;
}

export async function startHaproxy(backends: Backend[]): Promise<HAProxy> {
  const exe = binary();
  if (!exe) throw new Error(haproxyUnavailable());
  const [port, statsPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'hub-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, statsPort, backends));
  const check = spawnSync(exe, ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy refuses its configuration:\n${check.stderr}${check.stdout}`);
  const child = spawn(exe, ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stats = async (): Promise<Record<string, ServerStats>> => {
    const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n').map((l) => l.split(','));
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const servers = rows.filter((r) => col(r, 'pxname') === 'gateways' && !['FRONTEND', 'BACKEND'].includes(col(r, 'svname')));
    return Object.fromEntries(
      servers.map((r) => [
        col(r, 'svname'),
        { status: col(r, 'status'), sessions: Number(col(r, 'stot')), downs: Number(col(r, 'chkdown')), retries: Number(col(r, 'wretr')), redispatches: Number(col(r, 'wredis')) },
      ]),
    );
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(() => stats(), { timeoutMs: 10_000, description: `haproxy's stats page (${stderr.trim()})` });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stats,
    allUp: async (timeoutMs = 30_000) => {
      await waitFor(async () => Object.values(await stats()).every((s) => s.status === 'UP'), { timeoutMs, intervalMs: 100, description: 'every gateway replica UP in haproxy' });
    },
    stop,
  };
}
