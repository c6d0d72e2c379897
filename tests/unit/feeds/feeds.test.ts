/**
 * The pure parts of the gateway's feeds: CSV quoting, the calendar window, which meetings a
 * calendar carries and how (times in Europe/Copenhagen, all-day days, cancelled), and the
 * Atom entries' order and escaping.
 */
import ICAL from 'ical.js';
import { asHtml, atomEntries, ATOM_MAX_ENTRIES } from '../../../gateway/feeds/atom';
import { calendarMeetings, renderCalendar } from '../../../gateway/feeds/calendar';
import { csvField, toCsv } from '../../../gateway/feeds/csv';
import type { FeedMeeting, MeetingsOf } from '../../../gateway/feeds/meetings-source';
import { combinedCacheControl, feedCacheControl } from '../../../gateway/feeds/self-graphql';
import { calendarWindow, MAX_WINDOW_DAYS, WindowError } from '../../../gateway/feeds/window';

function meeting(id: string, fields: Partial<FeedMeeting> = {}): FeedMeeting {
  return {
    id,
    title: `Møde ${id}`,
    status: 'HELD',
    date: null,
    startsAt: null,
    dateText: null,
    place: null,
    plannedAgenda: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    body: { id: 'b', name: 'Forum' },
    agendaItems: [],
    ...fields,
  };
}

const of = (meetings: FeedMeeting[]): MeetingsOf => ({ id: 'nordjylland-midt', name: 'Sundhedsklynge Midt', kind: 'cluster', meetings, bodyIds: ['b', 'c'], cacheControl: undefined });
const url = (id: string) => `http://hub.test/dashboard#meeting-${id}`;

describe('CSV for Danish Excel', () => {
  it('quotes fields with the separator, quotes or line breaks, and doubles quotes', () => {
    expect(csvField('Lænde-ryg smerter')).toBe('Lænde-ryg smerter');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvField('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvField(-1022190)).toBe('-1022190');
    expect(csvField(null)).toBe('');
    // A text a spreadsheet would run as a formula opens as text; numbers stay numbers.
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('- Sagen blev taget til efterretning.')).toBe("'- Sagen blev taget til efterretning.");
    expect(csvField(-5)).toBe('-5');
  });

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(toCsv(['A', 'B'], [[1, null]])).toBe('\uFEFFA;B\r\n1;\r\n');
  });
});

describe('calendar window', () => {
  const now = Date.parse('2026-12-06T21:00:00Z');

  it('is one year back and two years ahead by default', () => {
    expect(calendarWindow({}, now)).toEqual({ from: '2025-12-06', to: '2028-12-05' });
  });

  it('takes from and to, and refuses bad dates, a reversed or a too long window', () => {
    expect(calendarWindow({ from: '2024-01-01', to: '2024-12-31' }, now)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(() => calendarWindow({ from: '2024-02-30' }, now)).toThrow(WindowError);
    expect(() => calendarWindow({ from: '2024-12-31', to: '2024-01-01' }, now)).toThrow('from must not be after to');
    expect(() => calendarWindow({ from: '2000-01-01', to: '2030-01-01' }, now)).toThrow(`at most ${MAX_WINDOW_DAYS} days`);
  });
});

describe('calendar', () => {
  const window = { from: '2024-01-01', to: '2025-12-31' };
  const timed = meeting('timed', { date: '2024-02-08', startsAt: '2024-02-08T14:00:00+01:00', agendaItems: [{ id: 'p1', number: '1', title: 'Deltagere', decision: null }] });
  const summer = meeting('summer', { date: '2025-05-19', startsAt: '2025-05-19T20:30:00+02:00' });
  const dayOnly = meeting('day-only', { date: '2024-03-14', status: 'PLANNED', plannedAgenda: ['Temabesøg'] });
  const cancelled = meeting('cancelled', { date: '2024-06-01', status: 'CANCELLED' });
  const undated = meeting('undated', { dateText: 'andet møde i 2024', status: 'PLANNED' });
  const outside = meeting('outside', { date: '2023-12-31' });
  const otherBody = meeting('other-body', { date: '2024-04-01', body: { id: 'c', name: 'Andet forum' } });

  it('carries dated meetings in the window, of the body asked for', () => {
    const all = [timed, summer, dayOnly, cancelled, undated, outside, otherBody];
    expect(calendarMeetings({ of: of(all), window }).map((m) => m.id)).toEqual(['timed', 'summer', 'day-only', 'cancelled', 'other-body']);
    expect(calendarMeetings({ of: of(all), window, bodyId: 'c' }).map((m) => m.id)).toEqual(['other-body']);
  });

  it('writes Copenhagen times (winter and summer), all-day days, statuses, agendas and links', () => {
    const text = renderCalendar({ of: of([timed, summer, dayOnly, cancelled, undated]), window, meetingUrl: url });
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = Object.fromEntries(calendar.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), v]));
    expect(Object.keys(events).sort()).toEqual(['cancelled', 'day-only', 'summer', 'timed']);
    const utc = (uid: string) => new ICAL.Event(events[uid]).startDate.convertToZone(ICAL.Timezone.utcTimezone).toString();
    expect(utc('timed')).toBe('2024-02-08T13:00:00Z');
    expect(utc('summer')).toBe('2025-05-19T18:30:00Z');
    const day = new ICAL.Event(events['day-only']).startDate;
    expect([day.isDate, day.toString()]).toEqual([true, '2024-03-14']);
    expect(events.cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events['day-only'].getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(new ICAL.Event(events.timed).description).toBe(`Dagsorden:\n1. Deltagere\n${url('timed')}`);
    expect(new ICAL.Event(events['day-only']).description).toBe(`Planlagt dagsorden:\n- Temabesøg\n${url('day-only')}`);
  });
});

describe('Atom entries', () => {
  it('puts the newest change first, adds one entry per decision, and stops at the maximum', () => {
    const older = meeting('older', { updatedAt: '2026-01-01T00:00:00.000Z', agendaItems: [{ id: 'older-1', number: '1', title: 'Punkt', decision: 'Godkendt.' }] });
    const newer = meeting('newer', { updatedAt: '2026-02-01T00:00:00.000Z' });
    expect(atomEntries(of([older, newer]), url).map((e) => e.id)).toEqual([
      'urn:sundhedsklynger-hub:meeting:newer',
      'urn:sundhedsklynger-hub:decision:older-1',
      'urn:sundhedsklynger-hub:meeting:older',
    ]);
    const many = Array.from({ length: ATOM_MAX_ENTRIES + 5 }, (_, i) => meeting(`m${i}`));
    expect(atomEntries(of(many), url)).toHaveLength(ATOM_MAX_ENTRIES);
  });

  it('escapes printed text as HTML, paragraphs kept', () => {
    expect(asHtml('A <b> & C\n\nNy linje\nog en til')).toBe('<p>A &lt;b&gt; &amp; C</p><p>Ny linje<br>og en til</p>');
  });
});

describe('cache headers of a feed', () => {
  it('are public only when every GraphQL answer it is made of is, for the shortest max-age', () => {
    expect(combinedCacheControl(['max-age=30, public', 'public, max-age=12'])).toBe('max-age=12, public');
    expect(combinedCacheControl(['max-age=30, public', undefined])).toBeUndefined();
    expect(combinedCacheControl(['max-age=30, private'])).toBeUndefined();
    expect(feedCacheControl(undefined)).toBe('no-store');
    expect(feedCacheControl('max-age=30, public')).toBe('max-age=30, public');
  });
});
