/**
 * `node -r ./tools/register.js scripts/gateway-cpu.ts`: the gateway's own CPU time per
 * request, apart from its subgraphs.
 *
 * The subgraphs (on the benchmark's databases, hub_bench_*) answer each distinct subgraph call
 * once; a replaying proxy in this process records the answer and serves its bytes from memory
 * from then on. So the gateway, not the subgraphs, is what the load is limited by, and its CPU
 * seconds (user + system, read from /proc, its children's included) divided by the requests it
 * answered is its cost per request, which moves far less with the rest of a shared machine
 * than throughput does.
 *
 * Settings (environment):
 * - GW_CHECKOUTS: a comma list of what to measure: checkouts of this repository (their
 *   gateway), `checkout|A=1;B=2` (a checkout with settings of its own), `hive` or `hive-rust`
 *   (Hive Gateway with its JavaScript or Rust planner on the same supergraph, deduplication
 *   off). Default: this checkout. All of them run, and are loaded, at the same time, so what
 *   else the machine does weighs on each alike: compare them within a round.
 * - GW_ROUNDS (default 3), GW_SECONDS (per measurement, default 10), GW_CONNECTIONS (per
 *   gateway, default 10), GW_ONLY (workloads whose name contains it; default the timeline).
 * - GW_ENV: settings for every gateway, `A=1,B=2`.
 * - GW_PROFILE=DIR: a CPU profile of each gateway into DIR (scripts/profile-summary.ts reads it).
 * - GW_DUMP=DIR: each recorded subgraph call and its answer as JSON into DIR.
 *
 * Every gateway of this repository runs with NODE_ENV=production and
 * DEDUPLICATE_SUBGRAPH_REQUESTS=false, as the benchmark's "no deduplication" path does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { supergraphPath } from '../schema/files';
import { startServiceProcess, type ServiceProcess } from '../tools/hub';
import { BENCH_WORKLOADS } from './bench-queries';
import { cpuMilliseconds, loadRoundRobin, median, rssMegabytes } from './load-tools';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CHECKOUTS = (process.env.GW_CHECKOUTS ?? join(__dirname, '..')).split(',').map((c) => c.trim());
const ROUNDS = Number(process.env.GW_ROUNDS ?? 3);
const SECONDS = Number(process.env.GW_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.GW_CONNECTIONS ?? 10);
const ONLY = process.env.GW_ONLY ?? 'timeline (';
const PROFILE_DIR = process.env.GW_PROFILE;
const EXTRA_ENV = Object.fromEntries((process.env.GW_ENV ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]));

const databaseUrl = (name: string) => {
  const u = new URL(SERVER);
  u.pathname = `/hub_bench_${name}`;
  return u.toString();
};

/** CPU ms of a gateway so far, its children's (Hive Gateway's workers) included. */
function gatewayCpuMilliseconds(pid: number): number {
  const ms = cpuMilliseconds(pid, { children: true });
  if (ms === null) throw new Error(`cannot read the CPU time of process ${pid} from /proc`);
  return ms;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });

/** A proxy to `upstream` that answers a body it has seen before from memory. */
async function replaying(upstream: string): Promise<{ url: string; server: Server }> {
  const answers = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const key = body.toString();
    let answer = answers.get(key);
    if (!answer) {
      const r = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const headers: Record<string, string> = { 'content-type': r.headers.get('content-type') ?? 'application/json' };
      const cacheControl = r.headers.get('cache-control');
      if (cacheControl) headers['cache-control'] = cacheControl;
      answer = { status: r.status, headers, body: Buffer.from(await r.arrayBuffer()) };
      if (r.ok) answers.set(key, answer);
      if (process.env.GW_DUMP) writeFileSync(join(process.env.GW_DUMP, `${answers.size}-${answer.body.length}.json`), JSON.stringify({ request: JSON.parse(key), answer: JSON.parse(answer.body.toString()) }));
    }
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) }).end(answer.body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

/** The gateway of `checkout`, as tools/hub.ts starts one, told its URL over IPC. */
function startGatewayOf(checkout: string, env: Record<string, string | undefined>): Promise<{ url: string; child: ChildProcess }> {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '-r', join(checkout, 'tools', 'register.js'), join(checkout, 'gateway', 'main.ts')], {
    cwd: checkout,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type?: string; url?: string }) => m?.type === 'ready' && m.url && resolve({ url: m.url, child }));
    child.once('exit', (code) => reject(new Error(`gateway of ${checkout} exited with ${code}`)));
  });
}

/** Hive Gateway on the same supergraph, its subgraph URLs those of `urls`, deduplication off (as in scripts/bench.ts). */
async function startHive(urls: Record<string, string>, rust: boolean): Promise<{ url: string; child: ChildProcess }> {
  let supergraph = readFileSync(supergraphPath, 'utf8');
  for (const [variable, url] of Object.entries(urls)) {
    const name = variable.replace(/_URL$/, '');
    supergraph = supergraph.replace(new RegExp(`(${name} @join__graph\\(name: "${name.toLowerCase()}", url: ")[^"]+`), `$1${url}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'gateway-cpu-hive-'));
  writeFileSync(join(dir, 'supergraph.graphql'), supergraph);
  writeFileSync(join(dir, 'gateway.config.mjs'), "export const gatewayConfig = { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } };\n");
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js'), 'supergraph', join(dir, 'supergraph.graphql'), '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...(rust ? { HIVE_ROUTER_RUNTIME: 'true' } : {}) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (await fetch(`http://127.0.0.1:${port}/healthcheck`).then((r) => r.ok).catch(() => false)) return { url: `http://127.0.0.1:${port}/graphql`, child };
  }
  throw new Error('Hive Gateway did not start');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main() {
  const base = { NODE_ENV: 'production', ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true', SUBGRAPH_SECRET: undefined, LOG_LEVEL: 'warn' };
  const subgraphs: ServiceProcess[] = await Promise.all([
    startServiceProcess({ name: 'nordjylland', env: { ...base, NORDJYLLAND_PORT: '0', NORDJYLLAND_DATABASE_URL: databaseUrl('nordjylland'), NORDJYLLAND_LOAD_DATA: 'never' } }),
    startServiceProcess({ name: 'syddanmark', env: { ...base, SYDDANMARK_PORT: '0', SYDDANMARK_DATABASE_URL: databaseUrl('syddanmark'), SYDDANMARK_LOAD_DATA: 'never' } }),
    startServiceProcess({ name: 'councils', env: { ...base, COUNCILS_PORT: '0' } }),
  ]);
  const proxies = await Promise.all(subgraphs.map((s) => replaying(s.url)));
  const urls = Object.fromEntries(subgraphs.map((s, i) => [`${s.name.toUpperCase()}_URL`, proxies[i].url]));
  const workloads = BENCH_WORKLOADS.filter((w) => w.name.includes(ONLY));
  const gatewayEnv = { ...base, ...urls, ...EXTRA_ENV, GATEWAY_PORT: '0', CACHE_MAX_AGE: '0', DEDUPLICATE_SUBGRAPH_REQUESTS: 'false', SUBGRAPH_TIMEOUT_MS: '60000' };
  console.log(`${CONNECTIONS} connections × ${SECONDS} s, ${ROUNDS} rounds; extra gateway env ${JSON.stringify(EXTRA_ENV)}`);
  console.log('| round | checkout | workload | req/s | p50 ms | gateway CPU ms/request | RSS MB | errors |\n|---|---|---|---:|---:|---:|---:|---:|');
  const perCheckout = new Map<string, number[]>();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Every gateway of the round runs, and is loaded, at the same time: whatever else the
      // machine does then weighs on all of them alike.
      const gateways: { checkout: string; url: string; child: ChildProcess }[] = [];
      try {
        for (const checkout of CHECKOUTS) {
          // `checkout|A=1;B=2`: that checkout with these settings added.
          const [dir, settings = ''] = checkout.split('|');
          const own = Object.fromEntries(settings.split(';').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
          const started = dir.startsWith('hive') ? await startHive(urls, dir === 'hive-rust') : await startGatewayOf(dir, { ...gatewayEnv, ...own });
          gateways.push({ checkout, ...started });
        }
        for (const w of workloads) {
          // Warm-up: records the subgraph answers, compiles the hot paths, caches the plans.
          for (const g of gateways) {
            for (const q of w.gateway) await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
          }
          await Promise.all(gateways.map((g) => loadRoundRobin(g.url, w.gateway, { seconds: 3, connections: CONNECTIONS })));
          const before = gateways.map((g) => gatewayCpuMilliseconds(g.child.pid!));
          const runs = await Promise.all(gateways.map((g) => loadRoundRobin(g.url, w.gateway, { seconds: SECONDS, connections: CONNECTIONS })));
          gateways.forEach((g, i) => {
            const run = runs[i];
            const cpuMs = (gatewayCpuMilliseconds(g.child.pid!) - before[i]) / run.requests;
            const key = `${g.checkout} · ${w.name}`;
            perCheckout.set(key, [...(perCheckout.get(key) ?? []), cpuMs]);
            console.log(`| ${round} | ${g.checkout} | ${w.name} | ${run.rps.toFixed(0)} | ${run.p50} | ${cpuMs.toFixed(2)} | ${rssMegabytes(g.child.pid, { children: true })} | ${run.errors} |`);
          });
        }
      } finally {
        await Promise.all(gateways.map((g) => stopChild(g.child)));
      }
    }
    console.log('\nmedian gateway CPU ms/request:');
    for (const [key, values] of perCheckout) {
      console.log(`  ${key}: ${median(values)!.toFixed(2)} (${values.map((v) => v.toFixed(2)).join(', ')})`);
    }
  } finally {
    for (const p of proxies) p.server.close();
    await Promise.all(subgraphs.map((s) => s.stop()));
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
