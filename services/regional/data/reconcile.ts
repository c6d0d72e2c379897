/**
 * Reconciles a fund table: every printed total, balance or formula cell must equal the
 * figure computed from the lines it is made of. The documents' tables do reconcile, so a
 * mismatch means a typo in the data file, and the loader refuses the whole data set.
 */
import type { FundTableData } from './format';

export interface ReconcileProblem {
  table: string;
  row: string;
  column: string;
  printed: number | null;
  computed: number;
}

type Table = Pick<FundTableData, 'id' | 'columns' | 'rows'>;

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

export function reconcileFundTable(table: Table): ReconcileProblem[] {
  const problems: ReconcileProblem[] = [];
  const columnKeys = new Set(table.columns.map((c) => c.key));
  for (const row of table.rows) {
    for (const key of Object.keys(row.cells)) {
      if (!columnKeys.has(key)) throw new Error(`fund table ${table.id}: row "${row.key}" has unknown column "${key}"`);
    }
  }

  // Column formulas, e.g. "I alt" = Jammerbugt + Aalborg + Region, checked on every row.
  for (const column of table.columns) {
    if (!column.formula) continue;
    for (const row of table.rows) {
      const printed = row.cells[column.key];
      if (printed === undefined) continue;
      const computed =
        sum(column.formula.plus.map((k) => row.cells[k])) - sum(column.formula.minus.map((k) => row.cells[k]));
      if (printed !== computed) problems.push({ table: table.id, row: row.label, column: column.label, printed, computed });
    }
  }

  // Row formulas, e.g. the total row = all LINE rows, balance = received − total.
  for (const row of table.rows) {
    if (!row.formula) continue;
    const plus = rowsByKey(table, row.formula.plus);
    const minus = rowsByKey(table, row.formula.minus);
    for (const column of table.columns) {
      const printed = row.cells[column.key];
      if (printed === undefined) continue;
      const computed = sum(plus.map((r) => r.cells[column.key])) - sum(minus.map((r) => r.cells[column.key]));
      if (printed !== computed) problems.push({ table: table.id, row: row.label, column: column.label, printed, computed });
    }
  }
  return problems;
}

export function describeProblem(p: ReconcileProblem): string {
  return `fund table "${p.table}", row "${p.row}", column "${p.column}": printed ${p.printed ?? 'blank'}, computed ${p.computed}`;
}
