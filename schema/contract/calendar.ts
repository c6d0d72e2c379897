/**
 * Calendar checks shared by the contract's Date scalar and the regional data files' format
 * (services/regional/data/format.ts), so both accept the same dates: real calendar days
 * (no 2024-02-31), real times of day (no hour 25, no minute 61) and a sane year range.
 * Pure, with no dependencies.
 *
 * Each check comes twice: `…Problem(value)` returns why a value is refused (a sentence for
 * an error message) or null when it is fine; `is…(value)` is the same check as a guard.
 */

/** The first and the last year a date may have: governance records of this era, with room for plans. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `YYYY-MM-DDTHH:MM` with optional `:SS`, then a numeric offset `±HH:MM` (the file format's date-times). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?([+-])(\d{2}):(\d{2})$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the Gregorian calendar; month 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `value` is not a calendar date `YYYY-MM-DD` from MIN_YEAR to MAX_YEAR, or null when it is one. */
export function calendarDateProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'dates are strings YYYY-MM-DD';
  const match = DATE.exec(value);
  if (!match) return 'dates are YYYY-MM-DD';
  const [year, month, day] = match.slice(1).map(Number);
  if (year < MIN_YEAR || year > MAX_YEAR) return `${value}: the year must be from ${MIN_YEAR} to ${MAX_YEAR}`;
  if (month < 1 || month > 12) return `${value} is not a calendar date: there is no month ${match[2]}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${value} is not a calendar date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  return null;
}

export function isCalendarDate(value: unknown): value is string {
  return calendarDateProblem(value) === null;
}

/**
 * Why `value` is not a date-time with its UTC offset, e.g. `2024-02-08T14:00:00+01:00`
 * (seconds optional, offset required, no `Z`), or null when it is one: the date is a
 * calendar date as above, the time a real time of day (00:00:00–23:59:59) and the offset
 * at most ±14:00 with minutes below 60.
 */
export function dateTimeWithOffsetProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'date-times are strings';
  const match = DATE_TIME.exec(value);
  if (!match) return 'date-times carry their offset, e.g. 2024-02-08T14:00:00+01:00';
  const [, date, hour, minute, second = '00', , offsetHours, offsetMinutes] = match;
  const dateProblem = calendarDateProblem(date);
  if (dateProblem) return dateProblem;
  if (Number(hour) > 23) return `${value}: hour ${hour} is not a time of day`;
  if (Number(minute) > 59) return `${value}: minute ${minute} is not a time of day`;
  if (Number(second) > 59) return `${value}: second ${second} is not a time of day`;
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59 || (Number(offsetHours) === 14 && Number(offsetMinutes) > 0)) {
    return `${value}: the offset must be from -14:00 to +14:00`;
  }
  return null;
}

export function isDateTimeWithOffset(value: unknown): value is string {
  return dateTimeWithOffsetProblem(value) === null;
}
