/**
 * Structured JSON logs (pino), one object per line on stderr, each with the service's name.
 * LOG_LEVEL sets the level (default info; "silent" for none). No line grows with what a
 * client sends: string fields are cut to MAX_LOGGED_STRING characters and the message to
 * MAX_LOGGED_MESSAGE (platform/log-fields.ts).
 */
import pino, { type Logger, type LoggerOptions } from 'pino';
import { MAX_LOGGED_MESSAGE, boundLogFields, clip } from './log-fields';

export type { Logger };

/** The options of every service's logger (exported for tests, which write to a stream of their own). */
export function loggerOptions(service: string): LoggerOptions {
  return {
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    formatters: { log: (object) => boundLogFields(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const bounded = args.map((arg) => (typeof arg === 'string' ? clip(arg, MAX_LOGGED_MESSAGE) : arg));
        return method.apply(this, bounded as Parameters<typeof method>);
      },
    },
  };
}

export function createLogger(service: string): Logger {
  return pino(loggerOptions(service), pino.destination(2));
}
