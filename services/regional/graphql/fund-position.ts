/** Reads a cluster's fund position (received, spent, committed, uncommitted) out of a fund table. */
import type { FundRefValue, FundRowValue } from '../data/format';
import type { FundTableRecord } from './records';

function figure(rows: FundRowValue[], ref: FundRefValue | null): number | null {
  if (!ref) return null;
  if (ref.row) return rows.find((r) => r.key === ref.row)?.cells[ref.column] ?? null;
  const picked = ref.rows ? rows.filter((r) => ref.rows!.includes(r.key)) : rows.filter((r) => r.kind === 'LINE');
  const cells = picked.map((r) => r.cells[ref.column]).filter((v): v is number => v !== null && v !== undefined);
  // A sum of nothing but blank cells is not 0: the table did not report the figure.
  return cells.length === 0 ? null : cells.reduce((a, b) => a + b, 0);
}

export function fundPositionOf(table: FundTableRecord) {
  const refs = table.position;
  if (!refs) return null;
  return {
    reportedOn: table.reportedOn,
    received: figure(table.rows, refs.received),
    spent: figure(table.rows, refs.spent),
    committed: figure(table.rows, refs.committed),
    uncommitted: figure(table.rows, refs.uncommitted),
    note: refs.note,
    fundTableId: table.id,
    source: table.source,
  };
}

/** The position of the most recently reported table that states one. */
export function latestFundPosition(tables: FundTableRecord[]) {
  const withPosition = tables.filter((t) => t.position);
  if (withPosition.length === 0) return null;
  const latest = withPosition.reduce((a, b) => (b.reportedOn > a.reportedOn ? b : a));
  return fundPositionOf(latest);
}
