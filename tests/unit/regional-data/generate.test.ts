/**
 * The synthetic document: data in the data files' format that passes the data files' rules
 * (format, text, references within the cluster, fund tables that reconcile), deterministic
 * from its seed, every id the region's.
 */
import { GENERATED_DOCUMENT, syntheticDataFile, type GenerateOptions } from '../../../services/regional/data/generate';
import { Id } from '../../../services/regional/data/format';
import { addFile, checkDataSet, emptyDataSet, parseDataFile, type ExistingRecord, type Where } from '../../../services/regional/data/read-data-set';

const clusters = ['nordjylland-midt', 'nordjylland-syd'];
const size: Omit<GenerateOptions, 'progress'> = {
  meetingsPerCluster: 200,
  itemsPerMeeting: 3,
  peoplePerCluster: 6,
  attendeesPerMeeting: 4,
  initiativesPerCluster: 5,
  fundTablesPerCluster: 2,
  linesPerFundTable: 3,
  seed: 7,
};
const file = syntheticDataFile(clusters, size);

describe('the synthetic document', () => {
  it('is valid in the data files’ format and text rules, as generated', () => {
    const parsed = parseDataFile(JSON.parse(JSON.stringify(file)), 'generated');
    expect(parsed).toEqual({ ok: true, data: file });
    expect(file.document).toBe(GENERATED_DOCUMENT);
  });

  it('references only its own records and the existing clusters, and its fund tables reconcile', () => {
    const set = emptyDataSet('nordjylland');
    const where: Where = new WeakMap();
    addFile(set, 'generated', file, where);
    const existing: ExistingRecord[] = clusters.map((id) => ({ kind: 'cluster', id, clusterId: null, name: null, place: 'document 000-clusters.json' }));
    expect(checkDataSet(set, where, existing)).toEqual([]);
    // Without the clusters, every record naming one is refused: the check is not vacuous.
    expect(checkDataSet(set, where, []).length).toBeGreaterThan(0);
  });

  it('gives every record, agenda item and attendance a section, and every id the region’s prefix', () => {
    const records = [...file.bodies, ...file.people, ...file.memberships, ...file.meetings, ...file.initiatives, ...file.fundTables];
    const ids = [...records.map((r) => r.id), ...file.meetings.flatMap((m) => m.agendaItems.map((i) => i.id))];
    expect(ids.filter((id) => !id.startsWith('nordjylland-') || !Id.safeParse(id).success)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const parts = file.meetings.flatMap((m) => [...m.agendaItems, ...m.attendance]);
    expect([...records, ...parts].filter((r) => !r.section)).toEqual([]);
  });

  it('holds the asked numbers of records per cluster', () => {
    expect(file.meetings).toHaveLength(400);
    expect(file.people).toHaveLength(12);
    expect(file.memberships).toHaveLength(12);
    expect(file.initiatives).toHaveLength(10);
    expect(file.fundTables).toHaveLength(4);
    expect(file.meetings.every((m) => m.agendaItems.length === 3 && m.attendance.length === 4)).toBe(true);
  });

  it('holds each meeting at 14:00 Danish time, in winter and in summer', () => {
    const danish = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const local = (startsAt: string) => {
      const parts = Object.fromEntries(danish.formatToParts(new Date(startsAt)).map((p) => [p.type, p.value]));
      return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
    };
    expect(file.meetings.filter((m) => local(m.startsAt!) !== `${m.date} 14:00`).map((m) => m.startsAt)).toEqual([]);
    const offsets = new Set(file.meetings.map((m) => m.startsAt!.slice(-6)));
    expect(offsets).toEqual(new Set(['+01:00', '+02:00']));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(syntheticDataFile(clusters, size)).toEqual(file);
    expect(syntheticDataFile(clusters, { ...size, seed: 8 })).not.toEqual(file);
  });
});
