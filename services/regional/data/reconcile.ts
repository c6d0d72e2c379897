/**
 * Reconciles a fund table: every printed total, balance or formula cell must equal the
 * figure computed from the lines it is made of. The documents' tables do reconcile, so a
 * mismatch means a typo in the data file, and the loader refuses the whole data set.
 */
import type { FundRowKind } from '../../../schema/contract';
import type { FundColumnValue, FundRowValue } from './format';

export interface ReconcileProblem {
  table: string;
  row: string;
  column: string;
  printed: number | null;
  computed: number;
}

/** One printed total, balance or formula cell and the figure computed from its lines. */
export interface FundCheck extends ReconcileProblem {
  rowKey: string;
  columnKey: string;
}

/**
 * What reconciling needs of a fund table: the stored shapes of the file format, with the
 * row kind as its enum's text, so the format's tables and the database rows both fit.
 */
type Table = {
  id: string;
  columns: FundColumnValue[];
  rows: Array<Omit<FundRowValue, 'kind'> & { kind: `${FundRowKind}` }>;
};

/** Sum of cells, where a blank (null) cell counts as nothing rather than as a figure. */
function sum(values: Array<number | null | undefined>): number {
  return values.reduce<number>((acc, v) => acc + (v ?? 0), 0);
}

function rowsByKey(table: Table, keys: string[]) {
  return keys.flatMap((key) => {
    if (key === 'LINES') return table.rows.filter((r) => r.kind === 'LINE');
    const row = table.rows.find((r) => r.key === key);
    if (!row) throw new Error(`fund table ${table.id}: formula names unknown row "${key}"`);
    return [row];
  });
}

/** Every formula cell of the table, printed against computed. */
export function checkFundTable(table: Table): FundCheck[] {
  const checks: FundCheck[] = [];
  const columnKeys = new Set(table.columns.map((c) => c.key));
  for (const row of table.rows) {
    for (const key of Object.keys(row.cells)) {
      if (!columnKeys.has(key)) throw new Error(`fund table ${table.id}: row "${row.key}" has unknown column "${key}"`);
    }
  }
  const check = (row: Table['rows'][number], column: Table['columns'][number], computed: number) => {
    const printed = row.cells[column.key];
    if (printed === undefined) return;
    checks.push({ table: table.id, row: row.label, column: column.label, rowKey: row.key, columnKey: column.key, printed, computed });
  };

  // Column formulas, e.g. "I alt" = Jammerbugt + Aalborg + Region, checked on every row.
  for (const column of table.columns) {
    if (!column.formula) continue;
    const { plus, minus } = column.formula;
    for (const row of table.rows) check(row, column, sum(plus.map((k) => row.cells[k])) - sum(minus.map((k) => row.cells[k])));
  }

  // Row formulas, e.g. the total row = all LINE rows, balance = received − total.
  for (const row of table.rows) {
    if (!row.formula) continue;
    const plus = rowsByKey(table, row.formula.plus);
    const minus = rowsByKey(table, row.formula.minus);
    for (const column of table.columns) {
      check(row, column, sum(plus.map((r) => r.cells[column.key])) - sum(minus.map((r) => r.cells[column.key])));
    }
  }
  return checks;
}

/** The checks that fail: a printed figure that is not what its lines add up to. */
export function reconcileFundTable(table: Table): ReconcileProblem[] {
  return checkFundTable(table)
    .filter((c) => c.printed !== c.computed)
    .map(({ table: t, row, column, printed, computed }) => ({ table: t, row, column, printed, computed }));
}

export function describeProblem(p: ReconcileProblem): string {
  return `fund table "${p.table}", row "${p.row}", column "${p.column}": printed ${p.printed ?? 'blank'}, computed ${p.computed}`;
}
