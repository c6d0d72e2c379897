/** The scores of an import as text: a table for `npm run minutes:score`, one line for a test's log. */
import type { FactScore } from './score';

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

/** One row per kind of fact: expected, found, matched, precision, recall, columns aligned. */
export function scoreTable(scores: FactScore[]): string {
  const header = ['fact', 'expected', 'found', 'matched', 'precision', 'recall'];
  const rows = scores.map((s) => [s.kind, String(s.expected), String(s.found), String(s.matched), percent(s.precision), percent(s.recall)]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  // The kind left-aligned, the figures right-aligned.
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Every kind in one line: `kind P/R` as percentages, e.g. `decision text 100/95.0`. */
export function scoreLine(scores: FactScore[]): string {
  const short = (ratio: number) => (ratio === 1 ? '100' : (ratio * 100).toFixed(1));
  return scores.map((s) => `${s.kind} ${short(s.precision)}/${short(s.recall)} (${s.matched}/${s.found}/${s.expected})`).join('; ');
}
