/** The SQL spans of platform/tracing/knex-spans.ts, over a fake knex (an event emitter) and an in-memory exporter. */
import { EventEmitter } from 'node:events';
import { SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { statementSummary, traceQueries, type QueryEventSource } from '../../../platform/tracing/knex-spans';

describe('statementSummary', () => {
  it.each([
    ['select "m0".* from "meeting" as "m0" where "m0"."cluster_id" = $1', 'select meeting'],
    ['insert into "record" ("id", "data") values ($1, $2)', 'insert record'],
    ['update "record" set "version" = $1 where "id" = $2', 'update record'],
    ['delete from "agenda_item" where "id" in ($1)', 'delete agenda_item'],
    ['  begin', 'begin'],
    ['select pg_advisory_xact_lock(7242001)', 'select'],
  ])('%s → %s', (sql, summary) => {
    expect(statementSummary(sql)).toBe(summary);
  });

  it('never carries a literal of the statement', () => {
    expect(statementSummary("select * from person where name = 'Jens Hansen'")).toBe('select person');
  });
});

describe('traceQueries', () => {
  function setup() {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const knex = new EventEmitter();
    expect(traceQueries(knex as unknown as QueryEventSource, provider.getTracer('test'))).toBe(true);
    return { exporter, knex };
  }

  it('ends one db.query span per statement when its answer comes, with what ran and not its values', () => {
    const { exporter, knex } = setup();
    const query = { sql: 'select "c".* from "cluster" as "c" where "c"."id" = $1', bindings: ['nordjylland-midt'], __knexQueryUid: 'q1' };
    knex.emit('query', query);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    knex.emit('query-response', [], query);
    const [span] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(span.name).toBe('db.query');
    expect(span.attributes).toEqual({ 'db.system.name': 'postgresql', 'db.operation.name': 'select', 'db.query.summary': 'select cluster' });
    expect(JSON.stringify(span.attributes)).not.toContain('nordjylland-midt');
  });

  it('marks a failed statement with the driver code only', () => {
    const { exporter, knex } = setup();
    const query = { sql: 'insert into "record" values ($1)', __knexQueryUid: 'q2' };
    knex.emit('query', query);
    knex.emit('query-error', Object.assign(new Error('duplicate key value (id)=(secret)'), { code: '23505' }), query);
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: '23505' });
  });

  it('keeps one span for a statement told twice (a transaction and its parent client)', () => {
    const { exporter, knex } = setup();
    const query = { sql: 'select 1', __knexQueryUid: 'q3' };
    knex.emit('query', query);
    knex.emit('query', query);
    knex.emit('query-response', [], query);
    knex.emit('query-response', [], query);
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });

  it('installs nothing when tracing is off and no tracer is given', () => {
    const knex = new EventEmitter();
    expect(traceQueries(knex as unknown as QueryEventSource)).toBe(false);
    expect(knex.listenerCount('query')).toBe(0);
  });
});
