/**
 * `npm run bench`: the hub on real PostgreSQL with a large synthetic data set, measured in
 * one run on this machine for four workloads (three dashboard queries, each repeated, and
 * the meeting timeline over 50 distinct date windows asked round-robin):
 *   1. through the gateway, with call deduplication (as shipped) and without it,
 *   2. asked of the regional subgraph directly (the same data),
 *   3. through Hive Gateway serving the same supergraph against the same subgraphs, with its
 *      JavaScript query planner (deduplication on, and off) and with its Rust query planner
 *      (`@graphql-hive/router-runtime`, HIVE_ROUTER_RUNTIME=true, deduplication off) when
 *      that package is installed,
 *   4. as one hand-written SQL statement (the floor),
 * plus the gateway's response cache and a cold start (`npm start` on an already loaded
 * embedded database until the gateway's /health/ready answers). Prints requests per second,
 * p50 and p99 latency, SQL statements per operation, the gateways' memory, and the ratios.
 *
 * Every measured service runs as its own process with NODE_ENV=production (graphql-js reads
 * it when imported and drops its development checks), the hub's as Hive Gateway's: one mode
 * on every path. This process only drives the load, counts statements (untimed) and runs the
 * hand-written SQL, so its own NODE_ENV does not enter a figure.
 *
 * Settings (environment): BENCH_PATHS (a comma list of the paths to measure: gateway, plain,
 * direct, hive, hivePlain, hiveRust, sql; default all), BENCH_ONLY (only the workloads whose
 * name contains it, e.g. "timeline"), BENCH_PROFILE (a folder for CPU profiles of the Nordjylland
 * subgraph and the gateways, written when they stop), BENCH_DATABASE_URL (a PostgreSQL server; default the local one),
 * BENCH_MEETINGS (synthetic meetings per cluster, default 2000), BENCH_SECONDS (per
 * measurement, default 10), BENCH_ROUNDS (default 1: each workload's paths measured this many
 * times in turn, and each figure the median of its rounds: on a machine whose speed drifts
 * with its neighbours' load, a drift then falls on every path alike instead of on the one
 * measured at that moment), BENCH_CONNECTIONS (default 10), BENCH_REUSE=1 (keep the data
 * of a previous run), BENCH_COLD_START=0 (skip the cold start). BENCH_SOAK=1 measures only the
 * gateway's memory instead: RSS after a warm-up against RSS after BENCH_SOAK_MINUTES
 * (default 10) at a bounded load (BENCH_SOAK_RATE requests per second, default 20, of the
 * distinct timelines, deduplication off; RSS sampled every 10 s, the medians of the first and the last
 * minute compared). Load goes to 127.0.0.1 only, bounded in time.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { SingleBar, Presets } from 'cli-progress';
import { regionalSubgraphs } from '../services/regional/definition';
import { connectDatabase } from '../services/regional/database/connect';
import { prepareDatabase } from '../services/regional/database/prepare';
import { BENCHMARK_SIZE, generateSyntheticData } from '../services/regional/data/generate';
import { startRegionalService } from '../services/regional/service';
import { startGateway } from '../gateway/service';
import { localGatewayConfig } from '../gateway/config';
import { createLogger } from '../platform/logger';
import { startServiceProcess, type ServiceProcess } from '../tools/hub';
import { supergraphPath } from '../schema/files';
import { BENCH_QUERIES, BENCH_WORKLOADS, DISTINCT_TIMELINES } from './bench-queries';
import { cpuMilliseconds, leastSquaresSlope, loadRoundRobin, median, rssMegabytes } from './load-tools';
import { allSubgraphs } from '../schema/contract/registry';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? BENCHMARK_SIZE.meetingsPerCluster);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const REUSE = process.env.BENCH_REUSE === '1';
const COLD_START = process.env.BENCH_COLD_START !== '0';
const SOAK = process.env.BENCH_SOAK === '1';
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 20);
/** BENCH_PATHS=direct,sql: measure only these paths (keys of LABELS); BENCH_ONLY=timeline: only workloads whose name contains it. */
const ONLY_PATHS = process.env.BENCH_PATHS ? process.env.BENCH_PATHS.split(',').map((p) => p.trim()) : null;
const ONLY_WORKLOADS = process.env.BENCH_ONLY ?? '';
/** BENCH_PROFILE=DIR: the Nordjylland and councils subgraphs and the gateways write CPU profiles (node --cpu-prof) into DIR when they stop. */
const PROFILE_DIR = process.env.BENCH_PROFILE;
const profiled = (name: string) => ({
  ...(PROFILE_DIR ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] } : {}),
  // A measured service's warnings and errors are printed: an error under load is a finding, and would skew its figures.
  log: (line: string) => {
    if (/"level":(4|5|6)\d/.test(line)) console.log(`${name}: ${line.slice(0, 500)}`);
  },
});
/** Every measured process runs as production does (see the header). */
const PRODUCTION = { NODE_ENV: 'production' };
const REGIONS = regionalSubgraphs();
const quiet = createLogger('bench');
quiet.level = 'silent';

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU milliseconds the answering process (the gateway, or the subgraph asked directly) spent per request; null where not measured. */
  cpuPerRequest: number | null;
  /** CPU milliseconds per request of each subgraph process behind it (the councils' and the Nordjylland subgraph's), by name. */
  subgraphCpu: Record<string, number | null>;
}

const databaseUrl = (name: string) => {
  const u = new URL(SERVER);
  u.pathname = `/hub_bench_${name}`;
  return u.toString();
};

async function prepareData(): Promise<void> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  for (const definition of REGIONS) {
    const name = `hub_bench_${definition.name}`;
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
    if (REUSE && exists) {
      console.log(`${definition.name}: reusing database ${name}`);
      continue;
    }
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    const db = await connectDatabase({ url: databaseUrl(definition.name) });
    try {
      await prepareDatabase(db.orm, definition, 'always');
      const bar = new SingleBar({ format: `${definition.name.padEnd(12)} [{bar}] {percentage}% | {value}/{total} records | {duration}s` }, Presets.shades_classic);
      let started = false;
      await generateSyntheticData(db.orm.em.fork(), definition.region, {
        ...BENCHMARK_SIZE,
        meetingsPerCluster: MEETINGS,
        seed: 1,
        progress: (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      });
      bar.stop();
    } finally {
      await db.close();
    }
  }
  await admin.end();
}

/**
 * The answering process's own CPU time around a round-robin load of `queries` (see
 * scripts/load-tools.ts): a gateway's figure leaves its subgraphs out, which are counted
 * beside it (`subgraphs`, by name), so a gateway's whole cost per request can be read off.
 */
async function load(
  url: string,
  queries: string[],
  options: { duration?: number; overallRate?: number; pid?: number; subgraphs?: Record<string, number | undefined> } = {},
): Promise<Measure> {
  const processes = { own: options.pid, ...options.subgraphs };
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMilliseconds(pid)]));
  const result = await loadRoundRobin(url, queries, { seconds: options.duration ?? SECONDS, connections: CONNECTIONS, overallRate: options.overallRate });
  const perRequest = (name: string, pid: number | undefined): number | null => {
    const [from, to] = [before[name], cpuMilliseconds(pid)];
    return from != null && to !== null && result.requests > 0 ? (to - from) / result.requests : null;
  };
  const subgraphCpu = Object.fromEntries(Object.entries(options.subgraphs ?? {}).map(([name, pid]) => [name, perRequest(name, pid)]));
  return { rps: result.rps, p50: result.p50, p99: result.p99, errors: result.errors, cpuPerRequest: perRequest('own', options.pid), subgraphCpu };
}

/** Each figure of several rounds' measures, the median of its rounds (errors: their sum). */
function medianMeasure(measures: Measure[]): Measure {
  const of = (pick: (m: Measure) => number | null) => median(measures.map(pick).filter((v): v is number => v !== null));
  const names = Object.keys(measures[0]!.subgraphCpu);
  return {
    rps: of((m) => m.rps)!,
    p50: of((m) => m.p50)!,
    p99: of((m) => m.p99)!,
    errors: measures.reduce((sum, m) => sum + m.errors, 0),
    cpuPerRequest: of((m) => m.cpuPerRequest),
    subgraphCpu: Object.fromEntries(names.map((name) => [name, of((m) => m.subgraphCpu[name] ?? null)])),
  };
}

/** The hand-written SQL: CONNECTIONS workers on a pool of CONNECTIONS, for SECONDS. */
async function loadSql(pool: Pool, statements: string[]): Promise<Measure> {
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const sql = statements[next++ % statements.length];
        const started = process.hrtime.bigint();
        try {
          await pool.query(sql);
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: latencies.length / SECONDS, p50: Math.round(at(0.5) * 10) / 10, p99: Math.round(at(0.99) * 10) / 10, errors, cpuPerRequest: null, subgraphCpu: {} };
}

async function post(url: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

/** SQL statements one operation costs, counted by in-process subgraphs with a statement hook. */
async function countStatements(councilsUrl: string): Promise<Record<string, { gateway: number; direct: number }>> {
  const counts = { nordjylland: 0, syddanmark: 0 };
  const services = await Promise.all(
    REGIONS.map((definition) =>
      startRegionalService(definition, {
        host: '127.0.0.1', port: 0, databaseUrl: databaseUrl(definition.name), load: 'never', cacheMaxAgeSeconds: 0, logger: quiet,
        onQuery: (line) => {
          if (line) counts[definition.name as keyof typeof counts]++;
        },
      }),
    ),
  );
  const gateway = await startGateway(
    localGatewayConfig({
      subgraphUrls: { nordjylland: services[0].url, syddanmark: services[1].url, councils: councilsUrl },
      subgraphTimeoutMs: 60_000,
      logger: quiet,
    }),
  );
  const result: Record<string, { gateway: number; direct: number }> = {};
  try {
    for (const q of BENCH_QUERIES) {
      counts.nordjylland = counts.syddanmark = 0;
      await post(gateway.url, q.gateway);
      const viaGateway = counts.nordjylland + counts.syddanmark;
      counts.nordjylland = counts.syddanmark = 0;
      await post(services[0].url, q.direct);
      result[q.name] = { gateway: viaGateway, direct: counts.nordjylland };
    }
  } finally {
    await gateway.close();
    for (const s of services) await s.close();
  }
  return result;
}

interface HiveOptions {
  /** Off: a gateway.config.mjs beside the supergraph turns off Hive's inflight-request deduplication (its documented switch). */
  deduplicate: boolean;
  /** The Rust query planner (@graphql-hive/router-runtime, HIVE_ROUTER_RUNTIME=true). */
  rust?: boolean;
}

/** Why the Rust planner cannot run here, or null when its package resolves. */
function rustPlannerMissing(): string | null {
  try {
    require.resolve('@graphql-hive/router-runtime');
    return null;
  } catch {
    return '@graphql-hive/router-runtime is not installed';
  }
}

/** A port nothing listens on now (the OS picks it): several Hive Gateways run at once, and one that failed to bind would be taken for another that answers. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startHive(supergraphFile: string, options: HiveOptions): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-hive-'));
  if (!options.deduplicate) {
    writeFileSync(join(dir, 'gateway.config.mjs'), "export const gatewayConfig = { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } };\n");
  }
  const child = spawn(process.execPath, [join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js'), 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, ...PRODUCTION, LOG_LEVEL: 'warn', ...(options.rust ? { HIVE_ROUTER_RUNTIME: 'true' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Hive falls back to its JavaScript planner, with a warning, when the Rust one does not load: that is an error here.
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Hive Gateway did not start within 60 s')), 60_000);
    const poll = setInterval(async () => {
      const ok = await fetch(`http://127.0.0.1:${port}/healthcheck`).then((r) => r.ok).catch(() => false);
      if (!ok) return;
      clearInterval(poll);
      clearTimeout(timer);
      if (options.rust && /Could not load the @graphql-hive\/router-runtime/.test(output)) {
        child.kill('SIGTERM');
        reject(new Error(`Hive Gateway could not load its Rust planner: ${output.slice(-500)}`));
        return;
      }
      resolve({ url: `http://127.0.0.1:${port}/graphql`, child });
    }, 250);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`Hive Gateway exited with code ${code}: ${output.slice(-500)}`));
    });
  });
}

/**
 * Seconds from spawning `npm start`'s entry point (scripts/start.ts) until the gateway's
 * /health/ready answers 200, on embedded databases loaded by a first start beforehand.
 */
async function coldStart(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-cold-'));
  const names = allSubgraphs().map((s) => s.name);
  const base = 4600 + Math.floor(Math.random() * 50) * 8;
  const ports: Record<string, string> = { GATEWAY_PORT: String(base) };
  names.forEach((name, i) => (ports[`${name.toUpperCase()}_PORT`] = String(base + 1 + i)));
  const env = {
    ...process.env, ...PRODUCTION, ...ports, LOG_LEVEL: 'warn', HUB_DATA_DIR: dataDir,
    ...Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_DATA_DIR`, join(dataDir, name)])),
  };
  const once = async (timeoutMs: number): Promise<number> => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', join(__dirname, '..', 'tools', 'register.js'), join(__dirname, 'start.ts')], { env, stdio: 'ignore' });
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`);
        if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) throw new Error(`npm start was not ready within ${timeoutMs / 1000} s`);
        const ok = await fetch(`http://127.0.0.1:${base}/health/ready`).then((r) => r.ok).catch(() => false);
        if (ok) return Number(process.hrtime.bigint() - started) / 1e9;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    }
  };
  await once(600_000); // the first start loads the documents into the embedded databases
  return once(120_000);
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

type PathKey = 'gateway' | 'plain' | 'direct' | 'hive' | 'hivePlain' | 'hiveRust' | 'sql';
const LABELS: Record<PathKey, string> = {
  gateway: '1. gateway (this hub)',
  plain: '1b. gateway, no deduplication',
  direct: '2. subgraph direct',
  hive: '3. Hive Gateway (JS planner)',
  hivePlain: '3b. Hive Gateway (JS planner), no deduplication',
  hiveRust: '3c. Hive Gateway (Rust planner), no deduplication',
  sql: '4. hand-written SQL',
};

/** BENCH_SOAK=1: the gateway's RSS after a warm-up and after SOAK_MINUTES at a bounded rate. */
async function soak(gatewayUrl: string, pid: number | undefined): Promise<void> {
  console.log(`soak: warm-up ${SECONDS} s, then ${SOAK_MINUTES} min at ${SOAK_RATE} req/s of the distinct timelines, deduplication off`);
  await load(gatewayUrl, DISTINCT_TIMELINES.gateway);
  const warm = rssMegabytes(pid);
  // A heap's size follows its collections up and down: one sample may fall in a trough or on a peak.
  // Every 10 s a sample; the first and the last minute are compared by their medians, beside the two single samples.
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const mb = rssMegabytes(pid);
    if (mb !== null) samples.push(mb);
  }, 10_000);
  const run = await load(gatewayUrl, DISTINCT_TIMELINES.gateway, { duration: SOAK_MINUTES * 60, overallRate: SOAK_RATE });
  clearInterval(sampler);
  const after = rssMegabytes(pid);
  const perMinute = Array.from({ length: Math.ceil(samples.length / 6) }, (_, i) => median(samples.slice(i * 6, i * 6 + 6)));
  const first = perMinute[0];
  const last = perMinute[perMinute.length - 1];
  const change = (from: number | null | undefined, to: number | null | undefined) => (from && to ? `${fmt((to / from - 1) * 100)} %` : 'n/a');
  console.log(`RSS per minute, median of 10-s samples (MB): ${perMinute.join(', ')}; lowest ${Math.min(...samples)}, highest ${Math.max(...samples)}`);
  console.log(`gateway RSS, median of the first minute ${first} MB, of the last minute ${last} MB: ${change(first, last)} (target within 10 %)`);
  console.log(`single samples: after the warm-up ${warm} MB, after the soak ${after} MB: ${change(warm, after)}; ${fmt(run.rps, 0)} req/s, p50 ${run.p50} ms, ${run.errors} errors`);
  // Beside them, what tells a swing from a leak: the least-squares line through every sample.
  const trend = leastSquaresSlope(samples);
  if (trend !== null) {
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const overSoak = trend * (samples.length - 1);
    console.log(`trend over all ${samples.length} samples (least squares): ${fmt(trend * 6)} MB per minute, ${fmt((overSoak / mean) * 100)} % of the mean (${fmt(mean, 0)} MB) over the soak`);
  }
}


async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log(`data: real documents + ${MEETINGS} synthetic meetings per cluster × ${BENCHMARK_SIZE.itemsPerMeeting} agenda items; load: ${CONNECTIONS} connections × ${SECONDS} s per measurement${ROUNDS > 1 ? `, ${ROUNDS} rounds in turn (medians)` : ''}; every service NODE_ENV=production\n`);
  await prepareData();

  // The subgraphs give cache hints (max-age 300 s); only the gateway started with
  // CACHE_MAX_AGE=300 keeps a response cache, the ones measured uncached have none.
  // No SUBGRAPH_SECRET: Hive Gateway cannot sign its calls, so the subgraphs (on 127.0.0.1 only)
  // take unsigned ones and no gateway pays for a signature the other does not make.
  const env = { ...PRODUCTION, ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true', SUBGRAPH_SECRET: undefined, LOG_LEVEL: 'warn', CACHE_MAX_AGE: '300' };
  const children: ServiceProcess[] = [];
  const hives: ChildProcess[] = [];
  const pool = new Pool({ connectionString: databaseUrl('nordjylland'), max: CONNECTIONS });
  try {
    const [nord, syd, councils] = await Promise.all([
      startServiceProcess({ name: 'nordjylland', ...profiled('nordjylland'), env: { ...env, NORDJYLLAND_PORT: '0', NORDJYLLAND_DATABASE_URL: databaseUrl('nordjylland'), NORDJYLLAND_LOAD_DATA: 'never' } }),
      startServiceProcess({ name: 'syddanmark', env: { ...env, SYDDANMARK_PORT: '0', SYDDANMARK_DATABASE_URL: databaseUrl('syddanmark'), SYDDANMARK_LOAD_DATA: 'never' } }),
      startServiceProcess({ name: 'councils', ...profiled('councils'), env: { ...env, COUNCILS_PORT: '0' } }),
    ]);
    children.push(nord, syd, councils);
    const urls = { NORDJYLLAND_URL: nord.url, SYDDANMARK_URL: syd.url, COUNCILS_URL: councils.url };
    const gatewayEnv = { ...env, ...urls, GATEWAY_PORT: '0', SUBGRAPH_TIMEOUT_MS: '60000', CACHE_MAX_AGE: '0' };
    if (SOAK) {
      const plain = await startServiceProcess({ name: 'gateway-plain', service: 'gateway', env: { ...gatewayEnv, DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' } });
      children.push(plain);
      await soak(plain.url, plain.child.pid);
      return;
    }
    const gateway = await startServiceProcess({ name: 'gateway', ...profiled('gateway'), env: gatewayEnv });
    children.push(gateway);
    const plain = await startServiceProcess({ name: 'gateway-plain', service: 'gateway', ...profiled('gateway-plain'), env: { ...gatewayEnv, DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' } });
    children.push(plain);
    const cached = await startServiceProcess({ name: 'gateway-cached', service: 'gateway', env: { ...env, ...urls, GATEWAY_PORT: '0', CACHE_MAX_AGE: '300' } });
    children.push(cached);

    // Hive Gateway gets the same supergraph, with the subgraph URLs of this run written in.
    let supergraph = readFileSync(supergraphPath, 'utf8');
    for (const [name, url] of Object.entries({ nordjylland: nord.url, syddanmark: syd.url, councils: councils.url })) {
      supergraph = supergraph.replace(new RegExp(`(${name.toUpperCase()} @join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
    }
    const supergraphFile = join(mkdtempSync(join(tmpdir(), 'hub-bench-')), 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraph);
    const urlOf: Partial<Record<PathKey, string>> = { gateway: gateway.url, plain: plain.url, direct: nord.url };
    const pidOf: Partial<Record<PathKey, number>> = { gateway: gateway.child.pid, plain: plain.child.pid, direct: nord.child.pid };
    for (const [key, options] of [['hive', { deduplicate: true }], ['hivePlain', { deduplicate: false }], ['hiveRust', { deduplicate: false, rust: true }]] as const) {
      if (ONLY_PATHS && !ONLY_PATHS.includes(key)) continue;
      const missing = 'rust' in options ? rustPlannerMissing() : null;
      if (missing) {
        console.log(`${LABELS[key]}: skipped, ${missing}`);
        continue;
      }
      try {
        const hive = await startHive(supergraphFile, options);
        hives.push(hive.child);
        urlOf[key] = hive.url;
        pidOf[key] = hive.child.pid;
      } catch (error) {
        if (!('rust' in options)) throw error;
        console.log(`${LABELS[key]}: skipped, ${error instanceof Error ? error.message : error}`);
      }
    }
    const paths = (Object.keys(LABELS) as PathKey[]).filter((key) => (key === 'sql' || urlOf[key]) && (!ONLY_PATHS || ONLY_PATHS.includes(key)));
    const workloads = BENCH_WORKLOADS.filter((w) => w.name.includes(ONLY_WORKLOADS));

    // The same answer from every path before anything is timed (the first query of each workload).
    for (const w of workloads) {
      const ours = await post(gateway.url, w.gateway[0]);
      if (ours.errors) throw new Error(`${w.name}: errors ${JSON.stringify(ours.errors).slice(0, 500)}`);
      for (const key of ['plain', 'hive', 'hivePlain', 'hiveRust'] as const) {
        if (!urlOf[key]) continue;
        const theirs = await post(urlOf[key]!, w.gateway[0]);
        if (JSON.stringify(ours.data) !== JSON.stringify(theirs.data)) throw new Error(`${w.name}: ${LABELS.gateway} and ${LABELS[key]} answer differently ${JSON.stringify(theirs.errors ?? '').slice(0, 300)}`);
      }
      const direct = await post(nord.url, w.direct[0]);
      if (direct.errors) throw new Error(`${w.name} (direct): ${JSON.stringify(direct.errors).slice(0, 500)}`);
      console.log(`${w.name}: ${JSON.stringify(ours.data).length} bytes of JSON per answer (the first of ${w.gateway.length})`);
    }

    const statements = await countStatements(councils.url);
    const rows: string[] = [];
    const ratios: string[] = [];
    const throughput: string[] = [];
    for (const w of workloads) {
      console.log(`\nmeasuring ${w.name} …`);
      const rounds: Partial<Record<PathKey, Measure[]>> = {};
      for (let round = 0; round < ROUNDS; round++) {
        for (const key of paths) {
          const behind = key === 'direct' ? {} : { councils: councils.child.pid, nordjylland: nord.child.pid };
          const measure = key === 'sql' ? await loadSql(pool, w.sql) : await load(urlOf[key]!, key === 'direct' ? w.direct : w.gateway, { pid: pidOf[key], subgraphs: behind });
          (rounds[key] ??= []).push(measure);
        }
      }
      const results: Partial<Record<PathKey, Measure>> = Object.fromEntries(Object.entries(rounds).map(([key, measures]) => [key, medianMeasure(measures!)]));
      const counted = statements[w.name] ?? statements[BENCH_QUERIES[1].name]; // the distinct timelines have the timeline's shape
      for (const key of paths) {
        const m = results[key]!;
        const sqlPerOp = key === 'sql' ? 1 : key === 'direct' ? counted.direct : counted.gateway;
        const behind = Object.values(m.subgraphCpu).map((ms) => (ms === null ? '–' : fmt(ms))).join(' + ') || '–';
        rows.push(`| ${w.name} | ${LABELS[key]} | ${fmt(m.rps, 0)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${m.cpuPerRequest === null ? '–' : fmt(m.cpuPerRequest)} | ${behind} | ${sqlPerOp} | ${m.errors} |`);
      }
      // A path left out (BENCH_PATHS) makes its ratios n/a.
      const p50Ratio = (a: PathKey, b: PathKey, digits: number) => (results[a] && results[b] ? fmt(results[a]!.p50 / results[b]!.p50, digits) : 'n/a');
      ratios.push(`| ${w.name} | ${p50Ratio('direct', 'sql', 1)} | ${p50Ratio('plain', 'direct', 2)} | ${p50Ratio('gateway', 'direct', 2)} |`);
      const of = (key: PathKey) => (results[key] ? fmt(results[key]!.rps, 0) : 'skipped');
      const over = (key: PathKey) => (results[key] && results.plain ? fmt(results.plain.rps / results[key]!.rps, 2) : 'n/a');
      throughput.push(`| ${w.name} | ${of('gateway')} | ${of('plain')} | ${of('hive')} | ${of('hivePlain')} | ${of('hiveRust')} | ${over('hivePlain')} | ${over('hiveRust')} |`);
    }
    // The response cache is measured in a whole run only (it compares with the first row).
    const overview = BENCH_QUERIES[0];
    let cachedRun: Measure | null = null;
    if (!ONLY_PATHS && !ONLY_WORKLOADS) {
      console.log('\nmeasuring the response cache (the cross-region overview, repeated) …');
      await post(cached.url, overview.gateway);
      cachedRun = await load(cached.url, [overview.gateway]);
    }
    const rss = `gateway ${rssMegabytes(gateway.child.pid)} MB, gateway without deduplication ${rssMegabytes(plain.child.pid)} MB, gateway with cache ${rssMegabytes(cached.child.pid)} MB, Hive Gateway ${hives.map((h) => `${rssMegabytes(h.pid)} MB`).join(' / ')}`;

    await pool.end().catch(() => {});
    for (const h of hives) h.kill('SIGTERM');
    await Promise.all(children.map((c) => c.stop()));
    let cold = 'skipped (BENCH_COLD_START=0)';
    if (COLD_START) {
      console.log('\nmeasuring a cold start (npm start on loaded embedded databases) …');
      cold = await coldStart().then((seconds) => `${fmt(seconds, 2)} s (target ≤ 5 s)`, (error) => `failed: ${error instanceof Error ? error.message : error}`);
    }

    console.log('\n| query | path | req/s | p50 ms | p99 ms | own CPU ms/req | subgraphs\' CPU ms/req (councils + Nordjylland) | SQL statements/op | errors |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
    if (cachedRun) console.log(`| ${overview.name} | 1. gateway, response cache | ${fmt(cachedRun.rps, 0)} | ${fmt(cachedRun.p50)} | ${fmt(cachedRun.p99)} | – | – | 0 | ${cachedRun.errors} |`);
    console.log('\n| query | direct p50 ÷ SQL p50 (target ≤ 3) | gateway no dedup p50 ÷ direct p50 (target ≤ 1.2) | gateway p50 ÷ direct p50 |');
    console.log('|---|---:|---:|---:|');
    for (const row of ratios) console.log(row);
    console.log('\n| query | hub req/s | hub, no dedup | Hive JS | Hive JS, no dedup | Hive Rust, no dedup | hub ÷ Hive JS, both no dedup (target ≥ 1.5) | hub ÷ Hive Rust, both no dedup (target ≥ 1) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of throughput) console.log(row);
    if (cachedRun) console.log(`\nresponse cache: ${fmt(cachedRun.rps / Number(rows[0].split('|')[3]), 1)} × the uncached throughput (target ≥ 10)`);
    console.log(`memory after the run (RSS): ${rss}`);
    console.log(`cold start: ${cold}`);
  } finally {
    await pool.end().catch(() => {});
    for (const h of hives) h.kill('SIGTERM');
    await Promise.all(children.map((c) => c.stop()));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
