/**
 * `npm run bench`: the hub on real PostgreSQL with a large synthetic data set, measured in
 * one run on this machine for three dashboard queries:
 *   1. through the gateway,
 *   2. asked of the regional subgraph directly (the same data),
 *   3. through Hive Gateway serving the same supergraph against the same subgraphs,
 *   4. as one hand-written SQL statement (the floor),
 * plus the gateway's response cache. Prints requests per second, p50 and p99 latency, SQL
 * statements per operation, the gateways' memory, and the ratios.
 *
 * Settings (environment): BENCH_DATABASE_URL (a PostgreSQL server; default the local one),
 * BENCH_MEETINGS (synthetic meetings per cluster, default 2000), BENCH_SECONDS (per
 * measurement, default 10), BENCH_CONNECTIONS (default 10), BENCH_REUSE=1 (keep the data
 * of a previous run). Load goes to 127.0.0.1 only, bounded in time.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
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
import { BENCH_QUERIES } from './bench-queries';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? BENCHMARK_SIZE.meetingsPerCluster);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const REUSE = process.env.BENCH_REUSE === '1';
const REGIONS = regionalSubgraphs();
const quiet = createLogger('bench');
quiet.level = 'silent';

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
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

function rssMegabytes(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

async function load(url: string, query: string): Promise<Measure> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The hand-written SQL: CONNECTIONS workers on a pool of CONNECTIONS, for SECONDS. */
async function loadSql(pool: Pool, sql: string): Promise<Measure> {
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
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
  return { rps: latencies.length / SECONDS, p50: Math.round(at(0.5) * 10) / 10, p99: Math.round(at(0.99) * 10) / 10, errors };
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

function startHive(supergraphFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = 4900 + Math.floor(Math.random() * 90);
  const child = spawn(process.execPath, [join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js'), 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Hive Gateway did not start within 60 s')), 60_000);
    const poll = setInterval(async () => {
      const ok = await fetch(`http://127.0.0.1:${port}/healthcheck`).then((r) => r.ok).catch(() => false);
      if (ok) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}/graphql`, child });
      }
    }, 250);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`Hive Gateway exited with code ${code}`));
    });
  });
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log(`data: real documents + ${MEETINGS} synthetic meetings per cluster × ${BENCHMARK_SIZE.itemsPerMeeting} agenda items; load: ${CONNECTIONS} connections × ${SECONDS} s per measurement\n`);
  await prepareData();

  // The subgraphs give cache hints (max-age 300 s); only the gateway started with
  // CACHE_MAX_AGE=300 keeps a response cache, the one measured uncached has none.
  const env = { LOG_LEVEL: 'warn', CACHE_MAX_AGE: '300' };
  const children: ServiceProcess[] = [];
  let hive: { url: string; child: ChildProcess } | undefined;
  const pool = new Pool({ connectionString: databaseUrl('nordjylland'), max: CONNECTIONS });
  try {
    const [nord, syd, councils] = await Promise.all([
      startServiceProcess({ name: 'nordjylland', env: { ...env, NORDJYLLAND_PORT: '0', NORDJYLLAND_DATABASE_URL: databaseUrl('nordjylland'), NORDJYLLAND_LOAD_DATA: 'never' } }),
      startServiceProcess({ name: 'syddanmark', env: { ...env, SYDDANMARK_PORT: '0', SYDDANMARK_DATABASE_URL: databaseUrl('syddanmark'), SYDDANMARK_LOAD_DATA: 'never' } }),
      startServiceProcess({ name: 'councils', env: { ...env, COUNCILS_PORT: '0' } }),
    ]);
    children.push(nord, syd, councils);
    const urls = { NORDJYLLAND_URL: nord.url, SYDDANMARK_URL: syd.url, COUNCILS_URL: councils.url };
    const gateway = await startServiceProcess({ name: 'gateway', env: { ...env, ...urls, GATEWAY_PORT: '0', SUBGRAPH_TIMEOUT_MS: '60000', CACHE_MAX_AGE: '0' } });
    const plain = await startServiceProcess({
      name: 'gateway-plain',
      service: 'gateway',
      env: { ...env, ...urls, GATEWAY_PORT: '0', SUBGRAPH_TIMEOUT_MS: '60000', CACHE_MAX_AGE: '0', DEDUPLICATE_SUBGRAPH_REQUESTS: 'false' },
    });
    children.push(plain);
    const cached = await startServiceProcess({ name: 'gateway-cached', service: 'gateway', env: { ...env, ...urls, GATEWAY_PORT: '0', CACHE_MAX_AGE: '300' } });
    children.push(gateway, cached);

    // Hive Gateway gets the same supergraph, with the subgraph URLs of this run written in.
    let supergraph = readFileSync(supergraphPath, 'utf8');
    for (const [name, url] of Object.entries({ nordjylland: nord.url, syddanmark: syd.url, councils: councils.url })) {
      supergraph = supergraph.replace(new RegExp(`(${name.toUpperCase()} @join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
    }
    const supergraphFile = join(mkdtempSync(join(tmpdir(), 'hub-bench-')), 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraph);
    hive = await startHive(supergraphFile);

    // The same answer from every path before anything is timed.
    for (const q of BENCH_QUERIES) {
      const [ours, theirs] = await Promise.all([post(gateway.url, q.gateway), post(hive.url, q.gateway)]);
      if (ours.errors || theirs.errors) throw new Error(`${q.name}: errors ${JSON.stringify(ours.errors ?? theirs.errors).slice(0, 500)}`);
      if (JSON.stringify(ours.data) !== JSON.stringify(theirs.data)) throw new Error(`${q.name}: the gateway and Hive Gateway answer differently`);
      const direct = await post(nord.url, q.direct);
      if (direct.errors) throw new Error(`${q.name} (direct): ${JSON.stringify(direct.errors).slice(0, 500)}`);
      console.log(`${q.name}: ${JSON.stringify(ours.data).length} bytes of JSON per answer`);
    }

    const statements = await countStatements(councils.url);
    const rows: string[] = [];
    const ratios: string[] = [];
    for (const q of BENCH_QUERIES) {
      console.log(`\nmeasuring ${q.name} …`);
      const results: Record<string, Measure> = {
        gateway: await load(gateway.url, q.gateway),
        plain: await load(plain.url, q.gateway),
        direct: await load(nord.url, q.direct),
        hive: await load(hive.url, q.gateway),
        sql: await loadSql(pool, q.sql),
      };
      const labels: Record<string, string> = { gateway: '1. gateway (this hub)', plain: '1b. gateway, no call deduplication', direct: '2. subgraph direct', hive: '3. Hive Gateway', sql: '4. hand-written SQL' };
      for (const [key, m] of Object.entries(results)) {
        const sqlPerOp = key === 'gateway' || key === 'plain' || key === 'hive' ? statements[q.name].gateway : key === 'direct' ? statements[q.name].direct : 1;
        rows.push(`| ${q.name} | ${labels[key]} | ${fmt(m.rps, 0)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${sqlPerOp} | ${m.errors} |`);
      }
      const g = results.gateway;
      ratios.push(
        `| ${q.name} | ${fmt(g.p50 / results.direct.p50, 2)} | ${fmt(results.plain.p50 / results.direct.p50, 2)} | ${fmt(g.rps / results.hive.rps, 2)} | ${fmt(g.p50 / results.sql.p50, 1)} | ${fmt(results.direct.p50 / results.sql.p50, 1)} |`,
      );
    }
    console.log('\nmeasuring the response cache (the cross-region overview, repeated) …');
    const overview = BENCH_QUERIES[0];
    await post(cached.url, overview.gateway);
    const cachedRun = await load(cached.url, overview.gateway);
    const uncachedRps = Number(rows[0].split('|')[3]);

    console.log('\n| query | path | req/s | p50 ms | p99 ms | SQL statements/op | errors |');
    console.log('|---|---|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
    console.log(`| ${overview.name} | 1. gateway, response cache | ${fmt(cachedRun.rps, 0)} | ${fmt(cachedRun.p50)} | ${fmt(cachedRun.p99)} | 0 | ${cachedRun.errors} |`);
    console.log('\n| query | gateway p50 ÷ direct p50 (target ≤ 1.5) | same, no deduplication | gateway req/s ÷ Hive req/s (target ≥ 1) | gateway p50 ÷ SQL p50 | direct p50 ÷ SQL p50 |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of ratios) console.log(r);
    console.log(`\nresponse cache: ${fmt(cachedRun.rps / uncachedRps, 1)} × the uncached throughput (target ≥ 10)`);
    console.log(`memory after the run (RSS): gateway ${rssMegabytes(gateway.child.pid)} MB, gateway with cache ${rssMegabytes(cached.child.pid)} MB, Hive Gateway ${rssMegabytes(hive.child.pid)} MB`);
  } finally {
    await pool.end();
    hive?.child.kill('SIGTERM');
    await Promise.all(children.map((c) => c.stop()));
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
