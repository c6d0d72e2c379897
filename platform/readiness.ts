/**
 * /health/ready without a fan-out per call: a service's readiness check (its database, or
 * for the gateway every subgraph's own readiness) runs at most once per READINESS_CACHE_MS
 * (default 1 000 ms; 0: on every call), callers in between get the last outcome, and calls
 * that come while a check runs share it. A check that fails says what is not ready: the
 * message of a NotReadyError is the readiness answer's `detail`; any other failure is
 * answered with a generic detail (its message may name internal addresses) and logged.
 */
import { envInteger } from './config';

export const DEFAULT_READINESS_CACHE_MS = 1_000;

/** READINESS_CACHE_MS: how long a readiness outcome is reused. */
export function envReadinessCacheMs(): number {
  return envInteger('READINESS_CACHE_MS', DEFAULT_READINESS_CACHE_MS, 0);
}

/** SHUTDOWN_DELAY_MS: how long a stopping service answers unready before it stops accepting (platform/http-server.ts). */
export function envShutdownDelayMs(): number {
  return envInteger('SHUTDOWN_DELAY_MS', 0, 0);
}

/** What is not ready, in words meant for the readiness answer (e.g. "subgraphs not ready: nordjylland"). */
export class NotReadyError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NotReadyError';
  }
}

/** Ready, with details for the answer if the check gave any; or not, with what to answer and what to log. */
export type Readiness = { ready: true; details?: Record<string, unknown> } | { ready: false; detail: string; reason: string };

const GENERIC_DETAIL = 'the service cannot answer yet';

export interface ReadinessOptions {
  cacheMs: number;
  /** Called when a check's outcome differs from the one before (not for the first outcome when it is ready): for the log. */
  onChange?: (outcome: Readiness) => void;
  /** The clock, for tests. */
  now?: () => number;
}

const same = (a: Readiness, b: Readiness) => a.ready === b.ready && (a.ready || (b as { reason: string }).reason === a.reason);

/** The check, cached for `cacheMs` and shared while it runs. */
export function cachedReadiness(check: () => Promise<void | Record<string, unknown>>, { cacheMs, onChange, now = Date.now }: ReadinessOptions): () => Promise<Readiness> {
  let last: { at: number; outcome: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;
  const run = async (): Promise<Readiness> => {
    try {
      const details = await check();
      return details ? { ready: true, details } : { ready: true };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ready: false, detail: error instanceof NotReadyError ? error.message : GENERIC_DETAIL, reason };
    }
  };
  return () => {
    if (last && now() - last.at < cacheMs) return Promise.resolve(last.outcome);
    running ??= run().then((outcome) => {
      if (last ? !same(last.outcome, outcome) : !outcome.ready) onChange?.(outcome);
      last = { at: now(), outcome };
      running = undefined;
      return outcome;
    });
    return running;
  };
}
