import { reconcileFundTable } from '../../../services/regional/data/reconcile';

const table = () => ({
  id: 'test-table',
  columns: [
    { key: 'a', label: 'A', formula: null },
    { key: 'b', label: 'B', formula: null },
    { key: 'total', label: 'I alt', formula: { plus: ['a', 'b'], minus: [] } },
  ],
  rows: [
    { key: 'x', label: 'Line x', kind: 'LINE' as const, initiativeId: null, formula: null, cells: { a: 100, b: 50, total: 150 } },
    { key: 'y', label: 'Line y', kind: 'LINE' as const, initiativeId: null, formula: null, cells: { a: 10, b: null, total: 10 } },
    { key: 'sum', label: 'I alt', kind: 'TOTAL' as const, initiativeId: null, formula: { plus: ['LINES'], minus: [] }, cells: { a: 110, b: 50, total: 160 } },
    { key: 'got', label: 'Modtaget', kind: 'RECEIVED' as const, initiativeId: null, formula: null, cells: { a: 200, b: 40, total: 240 } },
    { key: 'bal', label: 'Balance', kind: 'BALANCE' as const, initiativeId: null, formula: { plus: ['got'], minus: ['sum'] }, cells: { a: 90, b: -10, total: 80 } },
  ],
});

describe('reconcileFundTable', () => {
  it('accepts a table whose printed totals and balances equal the computed ones (a blank cell is not a figure)', () => {
    expect(reconcileFundTable(table())).toEqual([]);
  });

  it('names the table, row and column of a printed total that does not add up', () => {
    const t = table();
    t.rows[0].cells.a = 101; // a typo in a line: the row total and the column total both disagree
    const problems = reconcileFundTable(t);
    expect(problems).toEqual(
      expect.arrayContaining([
        { table: 'test-table', row: 'Line x', column: 'I alt', printed: 150, computed: 151 },
        { table: 'test-table', row: 'I alt', column: 'A', printed: 110, computed: 111 },
      ]),
    );
  });

  it('checks a balance row against received minus total', () => {
    const t = table();
    t.rows[4].cells.b = 10;
    expect(reconcileFundTable(t)).toContainEqual({ table: 'test-table', row: 'Balance', column: 'B', printed: 10, computed: -10 });
  });

  it('refuses a formula that names a row that does not exist', () => {
    const t = table();
    t.rows[4].formula = { plus: ['nope'], minus: [] };
    expect(() => reconcileFundTable(t)).toThrow(/unknown row "nope"/);
  });
});
