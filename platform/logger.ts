/**
 * Structured JSON logs (pino), one object per line on stderr, each with the service's name.
 * LOG_LEVEL sets the level (default info; "silent" for none).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(service: string): Logger {
  return pino({ name: service, level: process.env.LOG_LEVEL ?? 'info', base: { service } }, pino.destination(2));
}
