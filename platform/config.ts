/** Reading configuration from environment variables, with errors that say which variable is wrong. */
import { StartupError } from './startup-error';

export class ConfigurationError extends StartupError {
  constructor(message: string) {
    super(`configuration error: ${message}`);
    this.name = 'ConfigurationError';
  }
}

export function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

export function envString(name: string, fallback: string): string;
export function envString(name: string): string | undefined;
export function envString(name: string, fallback?: string): string | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

export function envChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const raw = envString(name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) throw new ConfigurationError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** A comma-separated list, e.g. CORS_ORIGINS=https://a.example,https://b.example. */
export function envList(name: string): string[] {
  return (envString(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function envFlag(name: string, fallback: boolean): boolean {
  const raw = envString(name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigurationError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

/**
 * The first of several variable names that is set, or the last one: a service's own
 * variable (NORDJYLLAND_PORT) wins over the generic one (PORT).
 */
export function envFirst(...names: string[]): string {
  return names.find((name) => envString(name) !== undefined) ?? names[names.length - 1];
}

/** A whole number of at least `min`. */
export function envInteger(name: string, fallback: number, min: number): number {
  const raw = envString(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigurationError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

/** How long answers may be cached when CACHE_MAX_AGE does not say. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 30;

/** Seconds answers may be cached (CACHE_MAX_AGE); 0 turns caching off. */
export function envCacheMaxAge(fallback = DEFAULT_CACHE_MAX_AGE_SECONDS): number {
  return envInteger('CACHE_MAX_AGE', fallback, 0);
}

/** A body size such as "100kb" or "1mb". */
export function envSize(name: string, fallback: string): string {
  const raw = envString(name, fallback);
  if (!/^\d+(b|kb|mb)$/i.test(raw)) throw new ConfigurationError(`${name} must be a size such as 100kb or 1mb, got "${raw}"`);
  return raw;
}

/** "host:port/database" of a PostgreSQL URL, never its user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? ` (database ${u.pathname.slice(1)})` : ''}`;
  } catch {
    return '(an unparsable database URL)';
  }
}
