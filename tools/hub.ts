/**
 * Starts the whole hub as real processes: the three subgraphs, then the gateway pointed at
 * them. Used by `npm start` and by the end-to-end tests, so what the tests run is what
 * users run. Each service reports its URL over IPC once it serves; port 0 lets the OS choose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..');
const REGISTER = join(ROOT, 'tools', 'register.js');

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  name: string;
  main: string;
  env: Record<string, string | undefined>;
  log?: (line: string) => void;
  /** How long start-up may take (an embedded database's first load takes seconds). */
  timeoutMs?: number;
}

export function startServiceProcess({ name, main, env, log = () => {}, timeoutMs = 120_000 }: StartOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['-r', REGISTER, join(ROOT, main)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
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
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`${name} did not report ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const lines: string[] = [];
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
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
      reject(new Error(`${name} exited with code ${code} before it was ready:\n${lines.slice(-20).join('\n')}`));
    });
  });
}

export interface Hub {
  gatewayUrl: string;
  /** The sandbox page, or null when it is off. */
  sandboxUrl: string;
  services: Record<'nordjylland' | 'syddanmark' | 'councils' | 'gateway', ServiceProcess>;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** Ports; 0 (the default) picks free ones. */
  ports?: Partial<Record<'nordjylland' | 'syddanmark' | 'councils' | 'gateway', number>>;
  /** Extra environment for every process (e.g. NORDJYLLAND_DATABASE_URL). */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const port = (name: keyof NonNullable<HubOptions['ports']>) => String(options.ports?.[name] ?? 0);
  const common = { ...options.env, PORT: undefined };
  const started: ServiceProcess[] = [];
  try {
    // The subgraphs start in parallel: each loads its own database. allSettled, so that when
    // one fails the others that did start are stopped too.
    const settled = await Promise.allSettled([
      startServiceProcess({ name: 'nordjylland', main: 'services/nordjylland/main.ts', env: { ...common, NORDJYLLAND_PORT: port('nordjylland') }, log: options.log }),
      startServiceProcess({ name: 'syddanmark', main: 'services/syddanmark/main.ts', env: { ...common, SYDDANMARK_PORT: port('syddanmark') }, log: options.log }),
      startServiceProcess({ name: 'councils', main: 'services/councils/main.ts', env: { ...common, COUNCILS_PORT: port('councils') }, log: options.log }),
    ]);
    for (const s of settled) if (s.status === 'fulfilled') started.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [nordjylland, syddanmark, councils] = started;
    const gateway = await startServiceProcess({
      name: 'gateway',
      main: 'gateway/main.ts',
      env: {
        ...common,
        GATEWAY_PORT: port('gateway'),
        NORDJYLLAND_URL: nordjylland.url,
        SYDDANMARK_URL: syddanmark.url,
        COUNCILS_URL: councils.url,
      },
      log: options.log,
    });
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      sandboxUrl: gateway.url.replace(/\/graphql$/, '/'),
      services: { nordjylland, syddanmark, councils, gateway },
      async stop() {
        await gateway.stop();
        await Promise.all([nordjylland.stop(), syddanmark.stop(), councils.stop()]);
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}
