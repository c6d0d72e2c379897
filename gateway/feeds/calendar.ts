/**
 * A cluster's or council's meetings as an iCalendar file (RFC 5545).
 *
 * Made with ical-generator (maintained; 10.2.0 is its newest release whose engines allow
 * Node 20) rather than by hand: it folds lines, escapes text and writes the VTIMEZONE, which
 * @touch4it/ical-timezones builds from the time-zone database. ical-generator formats a plain
 * Date in the process's own zone, so times are handed over as luxon DateTimes (a date library
 * it supports) in Europe/Copenhagen.
 *
 * - A meeting with a start time: DTSTART;TZID=Europe/Copenhagen, no DTEND (the documents give
 *   no end time, and none is invented).
 * - A meeting with only a day: an all-day event (DTSTART;VALUE=DATE).
 * - A meeting with no known day (e.g. "andet møde i 2024"): left out, a calendar cannot place
 *   it; the dashboard and GraphQL list it with its dateText.
 * - Cancelled meetings: STATUS:CANCELLED; held ones CONFIRMED; planned ones TENTATIVE.
 * - UID: the meeting's id (stable across edits), SEQUENCE: its record version, DTSTAMP: its
 *   updatedAt, so a client replaces an event that changed.
 * - DESCRIPTION: the agenda titles (or the planned agenda of an announced meeting), and a link
 *   to the meeting on /dashboard. The record's note (the transcriber's remarks) is left out.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import type { FeedMeeting, MeetingsOf } from './meetings-source';
import type { CalendarWindow } from './window';

export const TIME_ZONE = 'Europe/Copenhagen';

const STATUS: Record<FeedMeeting['status'], ICalEventStatus> = {
  HELD: ICalEventStatus.CONFIRMED,
  PLANNED: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

export interface CalendarInput {
  of: MeetingsOf;
  /** Only meetings of this body, when given. */
  bodyId?: string;
  window: CalendarWindow;
  /** The URL of a meeting on the dashboard. */
  meetingUrl: (meetingId: string) => string;
}

/** The meetings the calendar carries: dated, in the window, of the body if one is asked for. */
export function calendarMeetings({ of, bodyId, window }: Pick<CalendarInput, 'of' | 'bodyId' | 'window'>): FeedMeeting[] {
  return of.meetings.filter((m) => m.date !== null && m.date >= window.from && m.date <= window.to && (bodyId === undefined || m.body.id === bodyId));
}

export function meetingDescription(m: FeedMeeting, url: string): string {
  const lines: string[] = [];
  if (m.status === 'CANCELLED') lines.push('Aflyst.');
  if (!m.startsAt && m.dateText) lines.push(`Tidspunkt: ${m.dateText}`);
  if (m.agendaItems.length > 0) {
    lines.push('Dagsorden:');
    for (const item of m.agendaItems) lines.push(`${item.number}. ${item.title}`);
  } else if (m.plannedAgenda.length > 0) {
    // Announced meetings: the agenda the announcing document lists.
    lines.push('Planlagt dagsorden:');
    for (const title of m.plannedAgenda) lines.push(`- ${title}`);
  }
  lines.push(url);
  return lines.join('\n');
}

export function renderCalendar(input: CalendarInput): string {
  const { of, bodyId } = input;
  const name = bodyId ? `${of.name} · ${bodyId}` : of.name;
  const calendar = ical({
    name,
    description: `Møder i ${of.name} (${input.window.from} – ${input.window.to})`,
    prodId: { company: 'sundhedsklynger-federation-hub', product: 'calendar', language: 'DA' },
    method: ICalCalendarMethod.PUBLISH,
  });
  // No calendar-wide zone: only events name one, and the generator writes its VTIMEZONE once.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const m of calendarMeetings(input)) {
    const url = input.meetingUrl(m.id);
    const common = {
      id: m.id,
      sequence: m.version,
      stamp: new Date(m.updatedAt),
      created: new Date(m.createdAt),
      lastModified: new Date(m.updatedAt),
      summary: m.status === 'CANCELLED' ? `AFLYST: ${m.title}` : m.title,
      description: meetingDescription(m, url),
      location: m.place ?? undefined,
      url,
      status: STATUS[m.status],
    };
    if (m.startsAt) {
      calendar.createEvent({ ...common, start: DateTime.fromISO(m.startsAt).setZone(TIME_ZONE), timezone: TIME_ZONE });
    } else {
      calendar.createEvent({ ...common, start: DateTime.fromISO(m.date!, { zone: TIME_ZONE }), allDay: true });
    }
  }
  return calendar.toString();
}
