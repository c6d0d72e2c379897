/**
 * The gateway's calendar, Atom and CSV feeds on real processes (a hub of the suite's own: the
 * write case changes the data). The .ics is parsed back with Mozilla's ical.js, the Atom feed
 * as XML text, the CSV by its documented dialect (BOM, ";", CRLF, RFC 4180 quotes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { signDevToken } from '../../platform/dev-token';
import { regionalSubgraph } from '../../services/regional/definition';
import { startTestHub, type TestHub } from '../support/hub';

const nordjylland = regionalSubgraph('nordjylland');
const MIDT = JSON.parse(readFileSync(join(nordjylland.dataDirectory, 'seed-001-direktoerforum-midt-2024-02-08.json'), 'utf8'));
const SEED_MEETING = MIDT.meetings[0];
/** The seed's meeting with no known day ("møde 2" of Politisk Niveau in 2024). */
const UNDATED = MIDT.meetings.find((m: { date: string | null }) => m.date === null);
/** A window holding the seed's meetings and the ones written below, whatever today's date. */
const WINDOW = 'from=2024-01-01&to=2027-12-31';

let hub: TestHub;
let origin: string;

beforeAll(async () => {
  hub = await startTestHub('feeds');
  origin = new URL(hub.gatewayUrl).origin;
}, 180_000);

afterAll(async () => {
  await hub?.close();
}, 60_000);

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin}${path}`, { headers });
  // Decoded keeping a byte-order mark (Response.text() would drop it): the CSV's is checked.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text };
}

interface ParsedEvent {
  uid: string;
  summary: string;
  status: string;
  description: string;
  isDate: boolean;
  /** DTSTART in UTC (date-times) or the day (all-day events). */
  start: string;
  tzid: string | null;
}

function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // The VTIMEZONE the feed carries is what turns TZID=Europe/Copenhagen into an offset.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    return {
      uid: event.uid,
      summary: event.summary,
      status: String(vevent.getFirstPropertyValue('status')),
      description: event.description,
      isDate: start.isDate,
      start: start.isDate ? start.toString() : start.convertToZone(ICAL.Timezone.utcTimezone).toString(),
      tzid: start.isDate ? null : start.zone.tzid,
    };
  });
}

const writeToken = () => signDevToken({ dir: hub.dataDir, region: 'nordjylland', subject: 'sekretariat@rn.example', ttlSeconds: 600 });

async function saveMeeting(meeting: object): Promise<void> {
  const res = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await writeToken()}` },
    body: JSON.stringify({
      query: 'mutation Save($m: JSON!, $d: String) { nordjyllandSaveMeeting(meeting: $m, document: $d) { id version } }',
      variables: { m: meeting, d: 'Dagsorden, Direktørforum december 2026' },
    }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  expect(body.errors).toBeUndefined();
}

/** A meeting of Sundhedsklynge Midt's Direktørforum that the data files do not have. */
function newMeeting(id: string, fields: Record<string, unknown>) {
  return {
    ...SEED_MEETING,
    id,
    note: null,
    attendance: SEED_MEETING.attendance.slice(0, 1),
    agendaItems: [{ ...SEED_MEETING.agendaItems[1], id: `${id}-punkt-1`, title: 'Punkt skrevet gennem API’et', decision: 'Godkendt via API.' }],
    ...fields,
  };
}

describe('calendar feed /calendar/<id>.ics', () => {
  it('gives the 8 February 2024 14:00 meeting in Europe/Copenhagen time, 13:00 UTC, with its agenda and a link back', async () => {
    const res = await get(`/calendar/nordjylland-midt.ics?${WINDOW}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/public/);
    const events = parseCalendar(res.text);
    const meeting = events.find((e) => e.uid === SEED_MEETING.id)!;
    expect(meeting).toMatchObject({ isDate: false, tzid: 'Europe/Copenhagen', start: '2024-02-08T13:00:00Z', status: 'CONFIRMED', summary: SEED_MEETING.title });
    for (const item of SEED_MEETING.agendaItems) expect(meeting.description).toContain(`${item.number}. ${item.title}`);
    const link = `${origin}/dashboard#meeting-${SEED_MEETING.id}`;
    expect(meeting.description).toContain(link);
    // The link leads somewhere real: the dashboard page.
    expect((await get('/dashboard')).status).toBe(200);
  });

  it('gives a meeting with only a day as an all-day event, and leaves out a meeting with no known day', async () => {
    const events = parseCalendar((await get(`/calendar/nordjylland-midt.ics?${WINDOW}`)).text);
    const dayOnly = MIDT.meetings.find((m: { date: string | null; startsAt: string | null }) => m.date && !m.startsAt);
    expect(events.find((e) => e.uid === dayOnly.id)).toMatchObject({ isDate: true, start: dayOnly.date, tzid: null });
    expect(UNDATED).toBeDefined();
    expect(events.map((e) => e.uid)).not.toContain(UNDATED.id);
  });

  it('gives a council the meetings of its predecessor clusters, and one body alone on request', async () => {
    const council = parseCalendar((await get(`/calendar/limfjorden.ics?${WINDOW}`)).text).map((e) => e.uid);
    expect(council).toContain(SEED_MEETING.id);
    const body = parseCalendar((await get(`/calendar/nordjylland-midt/${SEED_MEETING.bodyId}.ics?${WINDOW}`)).text);
    expect(body.length).toBeGreaterThan(0);
    expect(body.map((e) => e.uid)).toContain(SEED_MEETING.id);
    const otherBody = MIDT.meetings.find((m: { bodyId: string; date: string | null }) => m.bodyId !== SEED_MEETING.bodyId && m.date);
    expect(body.map((e) => e.uid)).not.toContain(otherBody.id);
    const viaQuery = parseCalendar((await get(`/calendar/nordjylland-midt.ics?${WINDOW}&body=${SEED_MEETING.bodyId}`)).text);
    expect(viaQuery.map((e) => e.uid)).toEqual(body.map((e) => e.uid));
    expect((await get(`/calendar/nordjylland-midt/nordjylland-syd-politisk.ics`)).status).toBe(404);
    expect((await get(`/calendar/nordjylland-midt.ics?body=ingen`)).status).toBe(404);
  });

  it('answers an unknown id with 404 and a bad window with 400, each one line', async () => {
    const unknown = await get('/calendar/nordjylland-atlantis.ics');
    expect(unknown.status).toBe(404);
    expect(unknown.text.trim().split('\n')).toHaveLength(1);
    expect(unknown.text).toContain('nordjylland-atlantis');
    const bad = await get('/calendar/nordjylland-midt.ics?from=2024-02-30');
    expect(bad.status).toBe(400);
    expect(bad.text.trim().split('\n')).toHaveLength(1);
    const wide = await get('/calendar/nordjylland-midt.ics?from=2000-01-01&to=2030-01-01');
    expect(wide.status).toBe(400);
    expect(wide.text).toMatch(/at most \d+ days/);
  });

  it('answers the same public calendar whatever Authorization header comes with the request', async () => {
    const plain = await get(`/calendar/nordjylland-midt.ics?${WINDOW}`);
    const withToken = await get(`/calendar/nordjylland-midt.ics?${WINDOW}`, { authorization: `Bearer ${await writeToken()}` });
    // Public either way (the max-age counts down while the answer is cached).
    expect(plain.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(withToken.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(parseCalendar(withToken.text)).toEqual(parseCalendar(plain.text));
  });
});

describe('Atom feed /feeds/<id>.atom', () => {
  it('lists the meetings and the decisions of a cluster, linking back to the dashboard', async () => {
    const res = await get('/feeds/nordjylland-midt.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(res.text).toContain(`<id>urn:sundhedsklynger-hub:meeting:${SEED_MEETING.id}</id>`);
    const decided = SEED_MEETING.agendaItems.find((i: { decision: string | null }) => i.decision);
    expect(res.text).toContain(`<id>urn:sundhedsklynger-hub:decision:${decided.id}</id>`);
    expect(res.text).toContain(`href="${origin}/dashboard#meeting-${SEED_MEETING.id}"`);
    expect((await get('/feeds/nowhere.atom')).status).toBe(404);
  });

  it("gives a council the meetings of its predecessor clusters, each once (a joint meeting too)", async () => {
    const atom = (await get('/feeds/limfjorden.atom')).text;
    const ids = [...atom.matchAll(/<id>urn:sundhedsklynger-hub:meeting:([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toContain(SEED_MEETING.id);
    expect(ids).toContain('nordjylland-syd-politisk-2025-05-19');
    expect(ids.filter((id) => id === 'nordjylland-syd-faellesmoede-limfjorden-2025-05-19')).toHaveLength(1);
  });
});

describe('meetings written through the write API', () => {
  const PLANNED = newMeeting('nordjylland-midt-direktoerforum-2026-12-10', {
    title: 'Direktørforum Sundhedsklynge Midt d. 10-12-2026',
    status: 'PLANNED',
    date: '2026-12-10',
    startsAt: '2026-12-10T14:00:00+01:00',
  });
  const CANCELLED = newMeeting('nordjylland-midt-direktoerforum-2027-01-14', {
    title: 'Direktørforum Sundhedsklynge Midt d. 14-01-2027',
    status: 'CANCELLED',
    date: '2027-01-14',
    startsAt: null,
    agendaItems: [],
  });

  it('appear in the calendar and the Atom feed at once, though both were read (and cached) before the write', async () => {
    const calendarBefore = await get(`/calendar/nordjylland-midt.ics?${WINDOW}`);
    const atomBefore = await get('/feeds/nordjylland-midt.atom');
    expect(parseCalendar(calendarBefore.text).map((e) => e.uid)).not.toContain(PLANNED.id);
    expect(atomBefore.text).not.toContain(PLANNED.id);

    await saveMeeting(PLANNED);
    await saveMeeting(CANCELLED);

    const events = parseCalendar((await get(`/calendar/nordjylland-midt.ics?${WINDOW}`)).text);
    expect(events.find((e) => e.uid === PLANNED.id)).toMatchObject({ start: '2026-12-10T13:00:00Z', status: 'TENTATIVE' });
    expect(events.find((e) => e.uid === CANCELLED.id)).toMatchObject({ isDate: true, start: '2027-01-14', status: 'CANCELLED' });

    const atom = (await get('/feeds/nordjylland-midt.atom')).text;
    expect(atom).toContain(`<id>urn:sundhedsklynger-hub:meeting:${PLANNED.id}</id>`);
    expect(atom).toContain(`<id>urn:sundhedsklynger-hub:decision:${PLANNED.id}-punkt-1</id>`);
    // Newest change first: the last write leads the feed.
    expect(atom.indexOf(CANCELLED.id)).toBeLessThan(atom.indexOf(SEED_MEETING.id));
  });
});

describe('CSV exports', () => {
  /** The file as Danish Excel reads it: BOM, then CRLF lines of ";"-separated fields (RFC 4180 quotes). */
  function parseCsv(text: string): string[][] {
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    const body = text.slice(1);
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (quoted) {
        if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
        else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ';') row.push(field), (field = '');
      else if (ch === '\r' && body[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
      else field += ch;
    }
    expect(field).toBe('');
    return rows;
  }

  it('gives the 001 fund table as printed: one line per printed row, whole kroner as integers', async () => {
    const table = MIDT.fundTables[0];
    const res = await get(`/export/fund-tables/${table.id}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['Række', ...table.columns.map((c: { label: string }) => c.label)]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(table.rows.map((r: { label: string }) => r.label));
    const column = (label: string) => rows[0].indexOf(label);
    const line = (label: string) => rows.find((r) => r[0] === label)!;
    // Printed "1.588.000" (Jammerbugt, I alt ultimo 2023) and the balance "-1.022.190".
    expect(line('I alt ultimo 2023')[column('Jammerbugt Kommune')]).toBe('1588000');
    expect(line('Balance')[column('Jammerbugt Kommune')]).toBe('-1022190');
    // A cell the table leaves blank stays blank.
    expect(line('6. Lænde-ryg smerter')[column('Region Nordjylland')]).toBe('');
  });

  it("gives a meeting's agenda, one line per item, with the decision as printed", async () => {
    const res = await get(`/export/meetings/${SEED_MEETING.id}/agenda.csv`);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['Punkt', 'Titel', 'Varighed (minutter)', 'Resumé', 'Indstilling', 'Beslutning']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual(
      SEED_MEETING.agendaItems.map((i: { number: string; title: string; decision: string | null }) => [i.number, i.title, i.decision ?? '']),
    );
  });

  it('answers unknown ids with 404', async () => {
    expect((await get('/export/fund-tables/nordjylland-midt-intet.csv')).status).toBe(404);
    expect((await get('/export/meetings/nordjylland-midt-intet/agenda.csv')).status).toBe(404);
    expect((await get('/export/meetings/atlantis-moede/agenda.csv')).status).toBe(404);
  });
});
