/**
 * The importer on the three sets of minutes in ../shared/seeds, against the hand-made data
 * sets of the same documents (services/<region>/data/seed-00N-*.json): agenda item numbers
 * and titles, decisions, proposals, date, time and place as the hand transcription has them;
 * participants with role and organisation for at least 90 %; apologies and absences all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readDataSet } from '../../../services/regional/data/read-data-set';
import { regionalSubgraph } from '../../../services/regional/definition';
import { importMinutesText } from '../../../services/regional/minutes/import-minutes';

const SEEDS = join(__dirname, '../../../../shared/seeds');
const seed = (prefix: string) => readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
const normal = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const cases = [
  { prefix: '001_', region: 'nordjylland', cluster: 'nordjylland-midt', layout: 'grouped-participants' },
  { prefix: '002_', region: 'nordjylland', cluster: 'nordjylland-syd', layout: 'grouped-participants' },
  { prefix: '004_', region: 'syddanmark', cluster: 'syddanmark-sydvestjylland', layout: 'inline-participants' },
];

describe.each(cases)('minutes $prefix', ({ prefix, region, cluster, layout }) => {
  const file = seed(prefix);
  const result = importMinutesText(readFileSync(join(SEEDS, file), 'utf8'), { clusterId: cluster, document: file });
  const reference = readDataSet(regionalSubgraph(region).dataDirectory, region).meetings.find((m) => m.document === file && m.status === 'HELD' && m.agendaItems.length > 0)!;
  const meeting = result.dataSet.meetings[0];

  it('recognises the layout and cites the file', () => {
    expect(result.layout).toBe(layout);
    expect(result.dataSet.document).toBe(file);
    expect(meeting.status).toBe('HELD');
  });

  it('has the meeting id, date, time and place of the hand-made data set', () => {
    expect(reference).toBeDefined();
    expect({ id: meeting.id, date: meeting.date, startsAt: meeting.startsAt, place: meeting.place, caseNumber: meeting.caseNumber, title: meeting.title }).toEqual({
      id: reference.id,
      date: reference.date,
      startsAt: reference.startsAt,
      place: reference.place,
      caseNumber: reference.caseNumber,
      title: reference.title,
    });
  });

  it('has every agenda item with its number, title and duration', () => {
    expect(meeting.agendaItems.map((i) => [i.id, i.number, i.title, i.durationMinutes])).toEqual(reference.agendaItems.map((i) => [i.id, i.number, i.title, i.durationMinutes]));
  });

  it('has every decision as printed', () => {
    expect(meeting.agendaItems.map((i) => normal(i.decision))).toEqual(reference.agendaItems.map((i) => normal(i.decision)));
  });

  it('has every proposal of the recommendations, with its number, and the introducing sentence', () => {
    const proposals = (items: typeof meeting.agendaItems) => items.map((i) => [normal(i.recommendationIntro), i.recommendations.map((r) => [r.number, normal(r.text)])]);
    expect(proposals(meeting.agendaItems)).toEqual(proposals(reference.agendaItems));
  });

  it('has the attachments and the summaries', () => {
    expect(meeting.agendaItems.map((i) => i.attachments)).toEqual(reference.agendaItems.map((i) => i.attachments));
    expect(meeting.agendaItems.map((i) => normal(i.summary))).toEqual(reference.agendaItems.map((i) => normal(i.summary)));
  });

  it('has every apology and absence: attendance status per person and each item’s absentees', () => {
    const status = (a: typeof meeting.attendance) => Object.fromEntries(a.map((x) => [x.personId, x.status]));
    expect(status(meeting.attendance)).toEqual(status(reference.attendance));
    expect(meeting.agendaItems.map((i) => i.absentPersonIds)).toEqual(reference.agendaItems.map((i) => i.absentPersonIds));
  });

  it('has at least 90 % of the participants with role, organisation, party, group and chair as the hand-made set', () => {
    const key = (a: (typeof meeting.attendance)[number]) => JSON.stringify([a.personId, a.role, a.organisation, a.party, a.group, a.isChair]);
    const expected = new Set(reference.attendance.map(key));
    const matched = meeting.attendance.filter((a) => expected.has(key(a))).length;
    expect(matched / expected.size).toBeGreaterThanOrEqual(0.9);
    expect(meeting.attendance.filter((a) => a.isChair).map((a) => a.personId)).toEqual(reference.attendance.filter((a) => a.isChair).map((a) => a.personId));
  });

  it('uses the region’s body id and the people’s ids of the hand-made files', () => {
    expect(result.dataSet.bodies.map((b) => b.id)).toEqual([reference.bodyId]);
    const names = new Map(readDataSet(regionalSubgraph(region).dataDirectory, region).people.map((p) => [p.id, p.name]));
    for (const person of result.dataSet.people) if (names.has(person.id)) expect(person.name).toBe(names.get(person.id));
  });

  it('reports every line it could not place with its line number, and places all but a few', () => {
    const lines = readFileSync(join(SEEDS, file), 'utf8').split('\n');
    for (const u of result.unplaced) expect(lines[u.line - 1]).toContain(u.text);
    expect(result.unplaced.length).toBeLessThanOrEqual(2);
  });
});
