/**
 * The CSV exports: a fund table as printed, and a meeting's agenda, read from the gateway's
 * own GraphQL endpoint (self-graphql.ts).
 */
import type { Request } from 'express';
import { regionDefinition, regionOfId } from '../../schema/contract/registry';
import { toCsv, type CsvValue } from './csv';
import { selfGraphql } from './self-graphql';

export interface CsvExport {
  filename: string;
  body: string;
  cacheControl: string | undefined;
}

interface FundTable {
  id: string;
  title: string;
  reportedOn: string;
  columns: Array<{ key: string; label: string }>;
  rows: Array<{ key: string; label: string; kind: string; cells: Array<{ column: string; amount: number | null }> }>;
}

// Fund tables have no root field of their own; a cluster lists a handful (schema/list-sizes.ts).
const FUND_TABLES = `query FundTablesForExport {
  clusters { fundTables { id title reportedOn columns { key label } rows { key label kind cells { column amount } } } }
}`;

/**
 * One line per printed row: its label, then one cell per printed column in the printed order,
 * whole kroner as an integer; a cell the table leaves blank stays empty.
 */
export function fundTableCsv(table: FundTable): string {
  const header = ['Række', ...table.columns.map((c) => c.label)];
  const rows: CsvValue[][] = table.rows.map((row) => {
    const amounts = new Map(row.cells.map((c) => [c.column, c.amount]));
    return [row.label, ...table.columns.map((c) => amounts.get(c.key) ?? null)];
  });
  return toCsv(header, rows);
}

/** Null when no fund table has the id. */
export async function fundTableExport(req: Request, id: string): Promise<CsvExport | null> {
  const { data, cacheControl } = await selfGraphql<{ clusters: Array<{ fundTables: FundTable[] } | null> }>(req, FUND_TABLES, {});
  const table = data.clusters.flatMap((c) => c?.fundTables ?? []).find((t) => t.id === id);
  return table ? { filename: `${table.id}.csv`, body: fundTableCsv(table), cacheControl } : null;
}

interface AgendaMeeting {
  id: string;
  title: string;
  agendaItems: Array<{
    number: string;
    title: string;
    durationMinutes: number | null;
    summary: string | null;
    recommendationIntro: string | null;
    recommendations: Array<{ text: string }>;
    decision: string | null;
  }>;
}

export function agendaCsv(meeting: AgendaMeeting): string {
  const header = ['Punkt', 'Titel', 'Varighed (minutter)', 'Resumé', 'Indstilling', 'Beslutning'];
  const rows: CsvValue[][] = meeting.agendaItems.map((item) => [
    item.number,
    item.title,
    item.durationMinutes,
    item.summary,
    [item.recommendationIntro, ...item.recommendations.map((r) => r.text)].filter((t): t is string => !!t).join('\n') || null,
    item.decision,
  ]);
  return toCsv(header, rows);
}

/** Null when no meeting has the id (or its region is unknown). */
export async function agendaExport(req: Request, meetingId: string): Promise<CsvExport | null> {
  const code = regionOfId(meetingId);
  if (!code) return null;
  const region = regionDefinition(code);
  // The meeting's region answers `<slug>Meeting(id:)`; its name is the registry's, never the URL's text.
  const field = `${region.slug}Meeting`;
  const query = `query AgendaForExport($id: ID!) { meeting: ${field}(id: $id) {
    id title agendaItems { number title durationMinutes summary recommendationIntro recommendations { text } decision } } }`;
  const { data, cacheControl } = await selfGraphql<{ meeting: AgendaMeeting | null }>(req, query, { id: meetingId });
  return data.meeting ? { filename: `${data.meeting.id}-dagsorden.csv`, body: agendaCsv(data.meeting), cacheControl } : null;
}
