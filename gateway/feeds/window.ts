/**
 * The bounded window of a calendar feed: which days' meetings it carries.
 *
 * Default: from one year before today to two years after (a subscription shows what is coming
 * and the recent past, and the feed stays small however many years a region loads). A client
 * may ask for another window with `?from=YYYY-MM-DD&to=YYYY-MM-DD` (either or both), at most
 * MAX_WINDOW_DAYS long; a malformed date, from after to, or a longer window is refused with a
 * one-line 400.
 */

export const DEFAULT_DAYS_BACK = 365;
export const DEFAULT_DAYS_AHEAD = 2 * 365;
/** Five years and a bit: room for a cluster's whole life (2023-2027) in one request. */
export const MAX_WINDOW_DAYS = 5 * 366;

export interface CalendarWindow {
  from: string;
  to: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDay(text: string, name: string): number {
  const ms = DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || isoDay(ms) !== text) throw new WindowError(`${name} must be a date YYYY-MM-DD, got "${text.slice(0, 40)}"`);
  return ms;
}

export class WindowError extends Error {}

/** The window asked for, or the default around `now`; throws WindowError with a one-line reason. */
export function calendarWindow(query: { from?: unknown; to?: unknown }, now: number): CalendarWindow {
  const fromText = typeof query.from === 'string' && query.from !== '' ? query.from : undefined;
  const toText = typeof query.to === 'string' && query.to !== '' ? query.to : undefined;
  const today = Date.parse(`${isoDay(now)}T00:00:00Z`);
  const from = fromText ? parseDay(fromText, 'from') : toText ? parseDay(toText, 'to') - (DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD) * DAY_MS : today - DEFAULT_DAYS_BACK * DAY_MS;
  const to = toText ? parseDay(toText, 'to') : fromText ? from + (DEFAULT_DAYS_BACK + DEFAULT_DAYS_AHEAD) * DAY_MS : today + DEFAULT_DAYS_AHEAD * DAY_MS;
  if (from > to) throw new WindowError('from must not be after to');
  if ((to - from) / DAY_MS > MAX_WINDOW_DAYS) throw new WindowError(`the window may span at most ${MAX_WINDOW_DAYS} days`);
  return { from: isoDay(from), to: isoDay(to) };
}
