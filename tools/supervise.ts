/**
 * Keeps a service process running: when it exits without being asked to, it is started
 * again after a delay that doubles with each quick failure (0.5 s, 1 s, 2 s … at most
 * 30 s) and falls back to the shortest once a run has lasted a minute. Every exit and
 * restart is logged. `npm start` supervises every service, so one crashed region leaves
 * the others serving (the gateway answers for them, with an error naming the missing one)
 * and comes back by itself.
 */
import type { ChildProcess } from 'node:child_process';

/** What a supervised process offers: tools/hub.ts's ServiceProcess. */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SuperviseOptions {
  log: (message: string) => void;
  /** Called with each new process once it serves. */
  onRestart?: (service: ServiceProcess) => void;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A run at least this long counts as healthy: the next delay starts from the shortest again. */
  stableMs?: number;
}

export interface Supervisor {
  /** The process serving now (a new one after each restart). */
  current(): ServiceProcess;
  /** How many times the service was started again. */
  restarts(): number;
  /** Stops supervising and stops the process. */
  stop(): Promise<void>;
}

export function supervise(first: ServiceProcess, start: () => Promise<ServiceProcess>, options: SuperviseOptions): Supervisor {
  const { log, minDelayMs = 500, maxDelayMs = 30_000, stableMs = 60_000 } = options;
  let current = first;
  let delay = minDelayMs;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const watch = (service: ServiceProcess) => {
    const startedAt = Date.now();
    service.child.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= stableMs) delay = minDelayMs;
      log(`${service.name} exited unexpectedly (${signal ?? `code ${code}`}); starting it again in ${delay} ms`);
      schedule();
    });
  };

  const schedule = () => {
    const wait = delay;
    delay = Math.min(delay * 2, maxDelayMs);
    timer = setTimeout(async () => {
      if (stopping) return;
      try {
        const next = await start();
        if (stopping) {
          await next.stop();
          return;
        }
        current = next;
        restarts++;
        log(`${next.name} is serving again at ${next.url} (restart ${restarts})`);
        options.onRestart?.(next);
        watch(next);
      } catch (error) {
        log(`${current.name} did not start: ${(error as Error).message.split('\n')[0]}; trying again in ${delay} ms`);
        schedule();
      }
    }, wait);
  };

  watch(first);
  return {
    current: () => current,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await current.stop();
    },
  };
}
