/**
 * Log lines of bounded size, whatever a client sends: what a client chose (an operation
 * name, a message quoting its query) is cut to MAX_CLIENT_STRING characters where it is
 * logged, and the logger cuts every string field to MAX_LOGGED_STRING and the message to
 * MAX_LOGGED_MESSAGE as a last bound (platform/logger.ts). A cut string says how long it was.
 */

/** Characters kept of a string a client chose, e.g. an operationName. */
export const MAX_CLIENT_STRING = 200;
/** Characters kept of any string field of a log line. */
export const MAX_LOGGED_STRING = 2_000;
/** Characters kept of a log line's message (an internal error's stack included). */
export const MAX_LOGGED_MESSAGE = 4_000;
/** Items kept of an array in a log line, and how deep objects are followed. */
const MAX_ITEMS = 50;
const MAX_DEPTH = 4;

export function clip(value: string, max = MAX_CLIENT_STRING): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** The object of a log line with every string in it cut to `max`, arrays to 50 items. */
export function boundLogFields(value: unknown, max = MAX_LOGGED_STRING, depth = 0): unknown {
  if (typeof value === 'string') return clip(value, max);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_ITEMS).map((item) => boundLogFields(item, max, depth + 1));
    return value.length > MAX_ITEMS ? [...kept, `… (${value.length} items)`] : kept;
  }
  // Errors and other class instances go to pino's own serializers as they are.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, boundLogFields(item, max, depth + 1)]));
}

/**
 * An error for the log: its name and message (cut: messages quote what the client sent)
 * and the frames of its stack, which are the service's own.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return clip(String(error));
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return `${error.name}: ${clip(error.message)}${frames ? `\n${frames}` : ''}`;
}
