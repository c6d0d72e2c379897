/**
 * What scripts/bench.ts and scripts/gateway-cpu.ts share: a load loop that asks a GraphQL
 * endpoint a list of queries round-robin, and a process's CPU time and resident memory read
 * from /proc (Linux), with or without its children.
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** USER_HZ: 100 on Linux for every architecture Node runs on. */
const CLOCK_TICKS = 100;

/** Whether a figure counts the process's children (Hive Gateway's workers, say), theirs recursively, beside its own. */
export interface ProcessScope {
  children?: boolean;
}

/** A process's /proc stat fields after its name: [state, ppid, …]; undefined when it is gone (or not on Linux). */
function statOf(pid: number | string): string[] | undefined {
  try {
    // The name, in parentheses, may itself hold spaces or ") ": everything up to the last ") " is left off.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && statOf(d)?.[1] === String(pid))
    .map(Number);
}

/** The sum of `own` over the children of `pid` (recursively); a child gone meanwhile counts 0. */
function sumOverChildren(pid: number, own: (pid: number) => number | null): number {
  return childrenOf(pid).reduce((sum, child) => sum + (own(child) ?? 0) + sumOverChildren(child, own), 0);
}

/** CPU time (user + system) of a process so far, in ms; null when it cannot be read (no pid, gone, not Linux). */
export function cpuMilliseconds(pid: number | undefined, scope: ProcessScope = {}): number | null {
  if (!pid) return null;
  const ownMs = (p: number): number | null => {
    // Fields 14 and 15 (utime, stime) in clock ticks.
    const fields = statOf(p);
    return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS : null;
  };
  const own = ownMs(pid);
  if (own === null) return null;
  return scope.children ? own + sumOverChildren(pid, ownMs) : own;
}

/** Resident memory of a process in MB (each process's rounded); null when it cannot be read. */
export function rssMegabytes(pid: number | undefined, scope: ProcessScope = {}): number | null {
  if (!pid) return null;
  const ownMb = (p: number): number | null => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : null;
    } catch {
      return null;
    }
  };
  const own = ownMb(pid);
  if (own === null) return null;
  return scope.children ? own + sumOverChildren(pid, ownMb) : own;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** Requests per second over all connections; unbounded when left out. */
  overallRate?: number;
}

export interface LoadResult {
  /** Requests answered in all. */
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Failed requests and answers with a status other than 2xx. */
  errors: number;
}

/**
 * Loads url with the queries round-robin. One counter for all connections: autocannon's own
 * `requests` list starts every connection at its first entry, so connections in step would ask
 * the same query at once and a deduplicating gateway would share what should be distinct.
 */
export async function loadRoundRobin(url: string, queries: string[], options: LoadOptions): Promise<LoadResult> {
  const bodies = queries.map((query) => JSON.stringify({ query }));
  let next = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bodies[0],
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  return { requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The middle of the values once sorted (for an even count the upper of the two middle ones); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** The slope of the least-squares line through values taken at equal intervals (per interval); null for fewer than two. */
export function leastSquaresSlope(values: number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let covariance = 0;
  let variance = 0;
  values.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}
