/**
 * Starts the whole hub as real processes: every subgraph of the registry, then the gateway pointed at
 * them. Used by `npm start` and by the end-to-end tests, so what the tests run is what
 * users run. Each service reports its URL over IPC once it serves; port 0 lets the OS choose.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { COUNCILS_SUBGRAPH, allRegions, allSubgraphs } from '../schema/contract/registry';
import { HUB_SENDS_ENVIRONMENT, type EnvironmentMessage } from '../platform/hub-environment';
import { supervise, type ServiceProcess } from './supervise';

const ROOT = join(__dirname, '..');
const REGISTER = join(ROOT, 'tools', 'register.js');

export type { ServiceProcess };

export interface StartOptions {
  /** A name for logs and errors, e.g. "gateway-plain". */
  name: string;
  /** Which service to run: a subgraph of the registry or "gateway"; default: `name`. */
  service?: string;
  env: Record<string, string | undefined>;
  log?: (line: string) => void;
  /** How long start-up may take (an embedded database's first load takes seconds). */
  timeoutMs?: number;
  /** Options for node itself, e.g. ["--cpu-prof"] (the benchmark's BENCH_PROFILE). */
  nodeArgs?: string[];
  /**
   * More environment that is not known yet (the subgraphs' URLs, for the gateway): the process
   * is spawned at once and loads its modules, then waits for these variables over IPC
   * (platform/hub-environment.ts). `timeoutMs` counts from when they are sent. When the promise
   * rejects, the process is stopped and the start fails with that error.
   */
  laterEnv?: Promise<Record<string, string>>;
}

/** The entry point (and its arguments) that runs a service: one for every region, one for the councils, one for the gateway. */
export function entryPointOf(service: string): { main: string; args: string[] } {
  if (service === 'gateway') return { main: 'gateway/main.ts', args: [] };
  if (service === COUNCILS_SUBGRAPH.name) return { main: 'services/councils/main.ts', args: [] };
  if (allRegions().some((r) => r.slug === service)) return { main: 'services/regional/main.ts', args: [service] };
  throw new Error(`no service "${service}": the registry has ${allSubgraphs().map((s) => s.name).join(', ')} and the gateway`);
}

export function startServiceProcess({ name, service = name, env, log = () => {}, timeoutMs = 120_000, nodeArgs = [], laterEnv }: StartOptions): Promise<ServiceProcess> {
  const { main, args } = entryPointOf(service);
  const child = spawn(process.execPath, [...nodeArgs, '-r', REGISTER, join(ROOT, main), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...(laterEnv ? { [HUB_SENDS_ENVIRONMENT]: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let refused: { error: unknown } | undefined;
    const startTimer = () => {
      timer = setTimeout(() => {
        void stop('SIGKILL');
        reject(new Error(`${name} did not report ready within ${timeoutMs} ms`));
      }, timeoutMs);
    };
    if (!laterEnv) startTimer();
    else {
      laterEnv.then(
        (more) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          // A process gone meanwhile is reported by its exit below, not by a failed send.
          child.send({ type: 'environment', env: more } satisfies EnvironmentMessage, () => {});
          startTimer();
        },
        (error: unknown) => {
          // Said once the process is gone, so a caller that awaits this leaves nothing running.
          refused = { error };
          void stop();
        },
      );
    }
    // The last lines only, for the error of a failed start: a long-running service logs without end.
    const lines: string[] = [];
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (lines.length > 20) lines.shift();
        log(line);
      });
    }
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type !== 'ready' || !message.url) return;
      clearTimeout(timer);
      resolve({ name, url: message.url, child, stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (refused) reject(refused.error);
      else reject(new Error(`${name} exited with code ${code} before it was ready:\n${lines.slice(-20).join('\n')}`));
    });
  });
}

export interface Hub {
  gatewayUrl: string;
  /** The sandbox page, or null when it is off. */
  sandboxUrl: string;
  /** Every subgraph of the registry by name, and the gateway. */
  services: Record<string, ServiceProcess>;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** Ports by service name (a subgraph's or "gateway"); 0 (the default) picks free ones. */
  ports?: Record<string, number>;
  /** Extra environment for every process (e.g. NORDJYLLAND_DATABASE_URL); SUBGRAPH_SECRET, when absent, is made up. */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
  /**
   * Start a service again when it exits unexpectedly, on the port it had, with backoff
   * (tools/supervise.ts); `hub.services` then always holds the serving processes.
   */
  supervise?: { log: (message: string) => void };
}

/** The variable that sets a service's port, e.g. NORDJYLLAND_PORT, GATEWAY_PORT. */
const portVariable = (service: string) => `${service.toUpperCase()}_PORT`;

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const port = (name: string) => String(options.ports?.[name] ?? 0);
  // The gateway signs its subgraph calls with SUBGRAPH_SECRET and the subgraphs check it
  // (platform/gateway-credential.ts); a hub started here makes one of its own when none is
  // set, so `NODE_ENV=production npm start` works and its subgraph ports answer no one else.
  const secret = options.env?.SUBGRAPH_SECRET ?? process.env.SUBGRAPH_SECRET ?? randomBytes(32).toString('base64url');
  const common = { ...options.env, PORT: undefined, SUBGRAPH_SECRET: secret };
  const started: ServiceProcess[] = [];
  // The gateway is spawned beside the subgraphs, so that it loads its modules while they open
  // their databases (on two cores that is a second or more of a cold start); it learns their
  // URLs, and starts serving, only once every one of them serves, as before.
  let sendSubgraphUrls!: (env: Record<string, string>) => void;
  let withholdSubgraphUrls!: (error: Error) => void;
  const subgraphUrls = new Promise<Record<string, string>>((resolve, reject) => {
    sendSubgraphUrls = resolve;
    withholdSubgraphUrls = reject;
  });
  const gatewayEnv: Record<string, string | undefined> = { ...common, [portVariable('gateway')]: port('gateway') };
  const gatewayStart = startServiceProcess({ name: 'gateway', env: gatewayEnv, laterEnv: subgraphUrls, log: options.log });
  // Awaited below once the subgraphs serve; until then a failure of it must not go unheard.
  gatewayStart.catch(() => {});
  try {
    // The subgraphs start in parallel: each loads its own database. allSettled, so that when
    // one fails the others that did start are stopped too.
    const settled = await Promise.allSettled(
      allSubgraphs().map(({ name }) => startServiceProcess({ name, env: { ...common, [portVariable(name)]: port(name) }, log: options.log })),
    );
    for (const s of settled) if (s.status === 'fulfilled') started.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const subgraphs = [...started];
    const urls = Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, s.url]));
    Object.assign(gatewayEnv, urls);
    sendSubgraphUrls(urls);
    const gateway = await gatewayStart;
    started.push(gateway);
    const services: Record<string, ServiceProcess> = Object.fromEntries(started.map((s) => [s.name, s]));
    if (!options.supervise) {
      return {
        gatewayUrl: gateway.url,
        sandboxUrl: gateway.url.replace(/\/graphql$/, '/'),
        services,
        async stop() {
          await gateway.stop();
          await Promise.all(subgraphs.map((s) => s.stop()));
        },
      };
    }
    // A restarted service takes the port it had, so the gateway's subgraph URLs stay right.
    const envOf = (name: string) => (name === 'gateway' ? gatewayEnv : { ...common, [portVariable(name)]: port(name) });
    const supervisors = started.map((first) => {
      const env = { ...envOf(first.name), [portVariable(first.name)]: String(new URL(first.url).port) };
      return supervise(first, () => startServiceProcess({ name: first.name, env, log: options.log }), {
        log: options.supervise!.log,
        onRestart: (next) => {
          services[next.name] = next;
        },
      });
    });
    const [gatewaySupervisor, ...subgraphSupervisors] = [supervisors[supervisors.length - 1], ...supervisors.slice(0, -1)];
    return {
      gatewayUrl: gateway.url,
      sandboxUrl: gateway.url.replace(/\/graphql$/, '/'),
      services,
      async stop() {
        await gatewaySupervisor.stop();
        await Promise.all(subgraphSupervisors.map((s) => s.stop()));
      },
    };
  } catch (error) {
    // Stops the waiting gateway (a no-op once it was sent the URLs) and waits until it is gone.
    withholdSubgraphUrls(new Error('the gateway was not started: a subgraph did not start'));
    await Promise.all([gatewayStart.catch(() => {}), ...started.map((s) => s.stop())]);
    throw error;
  }
}
