/**
 * The calendar checks shared by the data files' format and the contract's Date scalar
 * (schema/contract/calendar.ts).
 */
import {
  MAX_YEAR,
  MIN_YEAR,
  calendarDateProblem,
  dateTimeWithOffsetProblem,
  daysInMonth,
  isCalendarDate,
  isDateTimeWithOffset,
} from '../../../schema/contract/calendar';

describe('calendar dates', () => {
  it.each(['2024-02-08', '2024-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '2023-04-30'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
    expect(calendarDateProblem(d)).toBeNull();
  });

  it.each([
    ['2024-02-31', '2024-02-31 is not a calendar date: February 2024 has 29 days'],
    ['2023-02-29', '2023-02-29 is not a calendar date: February 2023 has 28 days'],
    ['1900-02-29', '1900-02-29 is not a calendar date: February 1900 has 28 days'],
    ['2024-04-31', '2024-04-31 is not a calendar date: April 2024 has 30 days'],
    ['2024-13-01', '2024-13-01 is not a calendar date: there is no month 13'],
    ['2024-00-10', '2024-00-10 is not a calendar date: there is no month 00'],
    ['2024-01-00', '2024-01-00 is not a calendar date: January 2024 has 31 days'],
    ['0000-01-01', '0000-01-01: the year must be from 1900 to 2199'],
    ['1899-12-31', '1899-12-31: the year must be from 1900 to 2199'],
    ['2200-01-01', '2200-01-01: the year must be from 1900 to 2199'],
    ['2024-2-8', 'dates are YYYY-MM-DD'],
    ['2024-02-08T00:00:00Z', 'dates are YYYY-MM-DD'],
    ['', 'dates are YYYY-MM-DD'],
  ])('refuses %s', (d, problem) => {
    expect(isCalendarDate(d)).toBe(false);
    expect(calendarDateProblem(d)).toBe(problem);
  });

  it('refuses what is not a string', () => {
    expect(isCalendarDate(20240208)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
  });

  it('knows the month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m))).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect([MIN_YEAR, MAX_YEAR]).toEqual([1900, 2199]);
  });
});

describe('date-times with offset', () => {
  it.each(['2024-02-08T14:00:00+01:00', '2025-05-19T20:30+02:00', '2024-02-29T23:59:59-14:00', '2024-02-08T00:00:00+14:00', '2024-02-08T00:00:00+05:45'])(
    'accepts %s',
    (d) => {
      expect(isDateTimeWithOffset(d)).toBe(true);
    },
  );

  it.each([
    ['2024-02-08T25:00:00+01:00', '2024-02-08T25:00:00+01:00: hour 25 is not a time of day'],
    ['2024-02-08T24:00:00+01:00', '2024-02-08T24:00:00+01:00: hour 24 is not a time of day'],
    ['2024-02-08T14:61:00+01:00', '2024-02-08T14:61:00+01:00: minute 61 is not a time of day'],
    ['2024-02-08T14:00:60+01:00', '2024-02-08T14:00:60+01:00: second 60 is not a time of day'],
    ['2024-02-08T14:00:00+15:00', '2024-02-08T14:00:00+15:00: the offset must be from -14:00 to +14:00'],
    ['2024-02-08T14:00:00+01:60', '2024-02-08T14:00:00+01:60: the offset must be from -14:00 to +14:00'],
    ['2024-02-31T14:00:00+01:00', '2024-02-31 is not a calendar date: February 2024 has 29 days'],
    ['0000-02-08T14:00:00+01:00', '0000-02-08: the year must be from 1900 to 2199'],
    ['2024-02-08T14:00:00Z', 'date-times carry their offset, e.g. 2024-02-08T14:00:00+01:00'],
    ['2024-02-08T14:00:00', 'date-times carry their offset, e.g. 2024-02-08T14:00:00+01:00'],
  ])('refuses %s', (d, problem) => {
    expect(isDateTimeWithOffset(d)).toBe(false);
    expect(dateTimeWithOffsetProblem(d)).toBe(problem);
  });
});
