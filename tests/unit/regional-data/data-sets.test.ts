/**
 * The checked-in data sets: valid, reconciled, and holding what the documents hold.
 * Counts were taken by hand from the source documents in ../shared/seeds.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSetError, readDataSet } from '../../../services/regional/data/read-data-set';
import { regionalSubgraph } from '../../../services/regional/definition';

const nordjylland = regionalSubgraph('nordjylland');
const syddanmark = regionalSubgraph('syddanmark');

const nord = readDataSet(nordjylland.dataDirectory, 'nordjylland');
const syd = readDataSet(syddanmark.dataDirectory, 'syddanmark');
const byDocument = (set: typeof nord, document: string) => ({
  meetings: set.meetings.filter((m) => m.document === document),
  held: set.meetings.filter((m) => m.document === document && m.status === 'HELD'),
});

describe('the regional data sets', () => {
  it('names every record’s source document and section', () => {
    for (const set of [nord, syd]) {
      for (const m of set.meetings) {
        expect(m.document).toBeTruthy();
        expect(m.section).toBeTruthy();
        for (const item of m.agendaItems) expect(item.section).toBeTruthy();
      }
    }
  });

  it('holds Direktørforum Midt of 8 February 2024 (001) with its 10 items and 11 participants', () => {
    const { held } = byDocument(nord, '001_f3d27487db9cbfb0.txt');
    expect(held).toHaveLength(1);
    expect(held[0].startsAt).toBe('2024-02-08T14:00:00+01:00');
    expect(held[0].agendaItems).toHaveLength(10);
    expect(held[0].attendance).toHaveLength(11);
    expect(held[0].attendance.filter((a) => a.isChair)).toHaveLength(1);
  });

  it('holds Politisk Sundhedsklynge Syd of 19 May 2025 (002) with 7 items, 22 listed and one apology', () => {
    const { held } = byDocument(nord, '002_862ff6785b306e7d.txt');
    expect(held).toHaveLength(1);
    expect(held[0].agendaItems).toHaveLength(7);
    expect(held[0].agendaItems.map((i) => i.durationMinutes)).toEqual([null, 5, 5, 25, 15, 5, 5]);
    expect(held[0].attendance).toHaveLength(22);
    expect(held[0].attendance.filter((a) => a.status === 'SENT_APOLOGIES').map((a) => a.personId)).toEqual(['nordjylland-person-per-bach-laursen']);
  });

  it('holds Sundhedsklynge Sydvestjylland of 5 December 2023 (004) with 11 items, 11 listed, 3 apologies and case 22/43402', () => {
    const { held } = byDocument(syd, '004_ddf16a629fcdefaa.txt');
    const meeting = held.find((m) => m.date === '2023-12-05')!;
    expect(meeting.caseNumber).toBe('22/43402');
    expect(meeting.agendaItems).toHaveLength(11);
    expect(meeting.attendance).toHaveLength(11);
    expect(meeting.attendance.filter((a) => a.status === 'SENT_APOLOGIES')).toHaveLength(3);
    for (const item of meeting.agendaItems) expect(item.absentPersonIds).toHaveLength(3);
  });

  it('holds the action plan of Sundhedsklynge Syd (000): 4 initiatives, 3 parts, decisions of 6 March 2023', () => {
    const plan = nord.initiatives.filter((i) => i.document === '000_6059671c5b4e88b7.txt');
    expect(plan.filter((i) => i.kind === 'ACTION_PLAN_INITIATIVE')).toHaveLength(4);
    expect(plan.filter((i) => i.kind === 'SUB_INITIATIVE')).toHaveLength(3);
    const virtual = plan.find((i) => i.title === 'Virtuel borgerundervisning')!;
    expect(virtual.costs.map((c) => [c.year, c.amount])).toEqual([[2023, 580000], [2024, 1160000]]);
    expect(virtual.successorRecommendation).toMatchObject({ councilId: 'limfjorden', outcome: 'CONTINUE' });
    const unknownCost = plan.filter((i) => i.costs.some((c) => c.text === 'Endnu ukendt'));
    for (const i of unknownCost) expect(i.costs.every((c) => c.amount === null)).toBe(true);
  });

  it('holds Midt’s initiatives 1 to 13 with 1a, 1b, 10a and 10b', () => {
    const numbers = nord.initiatives.filter((i) => i.clusterId === 'nordjylland-midt').map((i) => i.number);
    expect(numbers).toEqual(expect.arrayContaining(['1', '1a', '1b', '2', '3', '4', '5', '6', '7', '8', '9', '10', '10a', '10b', '11', '12', '13']));
  });

  it('reproduces the Midt fund table to the krone, with the blank cell kept blank', () => {
    const table = nord.fundTables.find((t) => t.clusterId === 'nordjylland-midt')!;
    const row = (label: string) => table.rows.find((r) => r.label.startsWith(label))!;
    expect(row('I alt ultimo 2023').cells).toMatchObject({ jammerbugt: 1588000, aalborg: 2682000, region: 2750000, total: 7020000 });
    expect(row('Klyngemidler 2022+2023').cells).toMatchObject({ jammerbugt: 565810, aalborg: 2892000, region: 3624293, total: 7082103 });
    expect(row('Balance').cells).toMatchObject({ jammerbugt: -1022190, aalborg: 210000, region: 874293, total: 62103 });
    expect(row('6.').cells.region).toBeNull();
    expect(table.rows.filter((r) => r.kind === 'LINE')).toHaveLength(16);
  });

  it('reproduces the Syd 2025 fund table (received, spent, committed, uncommitted per organisation)', () => {
    const table = nord.fundTables.find((t) => t.clusterId === 'nordjylland-syd')!;
    expect(table.rows.map((r) => [r.label, r.cells.received, r.cells.spent, r.cells.committed, r.cells.uncommitted])).toEqual([
      ['Region Nordjylland', 1518999, 36638, 50000, 1432361],
      ['Rebild Kommune', 530000, 340000, 190000, 0],
      ['Vesthimmerlands Kommune', 540000, 408209, 131791, 0],
      ['Mariagerfjord Kommune', 570000, 380000, 190000, 0],
    ]);
  });

  it('reproduces the Sydvestjylland funds and the budget of Den akutte patient', () => {
    const amounts = syd.fundTables.flatMap((t) => t.rows.map((r) => r.cells.amount));
    expect(amounts).toEqual(expect.arrayContaining([6547550, 1874400, 1944443, 2728707, 1354693, 589750]));
  });

  it('refuses a data set whose printed totals do not reconcile, naming table and row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-data-'));
    cpSync(nordjylland.dataDirectory, dir, { recursive: true });
    const file = join(dir, 'seed-001-direktoerforum-midt-2024-02-08.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const line = data.fundTables[0].rows.find((r: { label: string }) => r.label.startsWith('5.'));
    line.cells.aalborg = 850001;
    writeFileSync(file, JSON.stringify(data));
    expect(() => readDataSet(dir, 'nordjylland')).toThrow(DataSetError);
    expect(() => readDataSet(dir, 'nordjylland')).toThrow(/nordjylland-midt-klyngemidler-2023.*row "5\. Claudicatio Intermittens"/);
  });

  const copyWith = (edit: (data: any) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-data-'));
    cpSync(syddanmark.dataDirectory, dir, { recursive: true });
    const file = join(dir, 'seed-004-sydvestjylland-2023-12-05.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    edit(data);
    writeFileSync(file, JSON.stringify(data));
    return dir;
  };

  it('refuses amounts that are not whole kroner, naming file and path', () => {
    const dir = copyWith((data) => (data.fundTables[0].rows[0].cells.amount = 6547550.5));
    expect(() => readDataSet(dir, 'syddanmark')).toThrow(/seed-004-sydvestjylland-2023-12-05\.json: fundTables\.0\.rows\.0\.cells\.amount: amounts are whole kroner/);
  });

  it('refuses a reference to a record that does not exist', () => {
    const dir = copyWith((data) => (data.meetings[0].bodyId = 'syddanmark-no-such-body'));
    expect(() => readDataSet(dir, 'syddanmark')).toThrow(/unknown body "syddanmark-no-such-body"/);
  });
});
