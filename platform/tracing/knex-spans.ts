/**
 * A `db.query` span for every SQL statement a knex instance sends (MikroORM's reads, writes,
 * raw statements and migrations all go through knex), as a child of whatever span is active
 * where the statement was issued (the subgraph's request). Started on knex's `query` event
 * and ended on `query-response` or `query-error`, matched by the statement's uid.
 *
 * The span tells what kind of statement ran, never what it carried: its summary is the
 * statement's first word and the first table it names (`select meeting`), both read from
 * the SQL text, whose values are bound parameters ($1 …) and never part of it; the bound
 * values themselves are not looked at.
 */
import { SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { HUB_TRACER, tracingEnabled } from './tracing';

/** What knex hands its `query`, `query-response` and `query-error` listeners. */
interface QueryEvent {
  sql?: string;
  __knexQueryUid?: string;
}

/** The part of a knex instance used here: its events. */
export interface QueryEventSource {
  on(event: 'query', listener: (query: QueryEvent) => void): unknown;
  on(event: 'query-response', listener: (response: unknown, query: QueryEvent) => void): unknown;
  on(event: 'query-error', listener: (error: { code?: unknown }, query: QueryEvent) => void): unknown;
}

/** Statements open at once past which the oldest span is ended: a bound, should an end event ever be missed. */
const MAX_OPEN_SPANS = 1_000;

/** `select meeting`: the statement's first word and the first table it reads or writes, lower case. */
export function statementSummary(sql: string): string {
  const operation = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? 'unknown';
  const table = /\b(?:from|into|update|join)\s+"?([a-z_][\w$]*)"?/i.exec(sql)?.[1]?.toLowerCase();
  return table ? `${operation} ${table}` : operation;
}

/**
 * Installs the span hooks on a knex instance when tracing is on (or a tracer is given, as
 * tests do); returns whether it did.
 */
export function traceQueries(knex: QueryEventSource, tracer?: Tracer): boolean {
  if (!tracer && !tracingEnabled()) return false;
  tracer ??= trace.getTracer(HUB_TRACER);
  const open = new Map<string, Span>();
  const finish = (query: QueryEvent, error?: { code?: unknown }) => {
    const span = query.__knexQueryUid === undefined ? undefined : open.get(query.__knexQueryUid);
    if (!span) return;
    open.delete(query.__knexQueryUid!);
    // The driver's code (e.g. 40001), not its message, which may quote a value.
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: typeof error.code === 'string' ? error.code : 'error' });
    span.end();
  };
  knex.on('query', (query) => {
    // Once per statement, even should knex tell it twice (a transaction's client and its parent's).
    if (query.__knexQueryUid === undefined || open.has(query.__knexQueryUid)) return;
    const summary = statementSummary(query.sql ?? '');
    const span = tracer.startSpan('db.query', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.operation.name': summary.split(' ')[0], 'db.query.summary': summary },
    });
    if (open.size >= MAX_OPEN_SPANS) {
      const [oldest] = open.keys();
      open.get(oldest)?.end();
      open.delete(oldest);
    }
    open.set(query.__knexQueryUid, span);
  });
  knex.on('query-response', (_response, query) => finish(query));
  knex.on('query-error', (error, query) => finish(query, error ?? {}));
  return true;
}
