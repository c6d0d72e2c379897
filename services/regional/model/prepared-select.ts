/**
 * Selects of the API's hot reads without MikroORM's query building and result mapping: the
 * SQL text is made from the entity metadata (each column aliased to its property name, so a
 * row arrives keyed as Plain<E> does), its values are bound, and it runs as a named prepared
 * statement, so PostgreSQL parses and plans each text once per connection.
 *
 * Why: under the benchmark's dashboards a regional subgraph spent a fifth to a third of its
 * CPU building QueryBuilders (where-clause processing, knex compiling) and mapping results,
 * for statements of the same few shapes every request (docs/BENCHMARKS.md). The statements
 * still go through the ORM's knex (the statement hook of database/orm.ts sees them, a
 * transaction of the entity manager carries them, errors are the ORM's).
 */
import { JsonType, ReferenceKind, Type, type EntityClass, type EntityMetadata, type Platform } from '@mikro-orm/core';
import type { ConnectionType, EntityManager } from '@mikro-orm/knex';
import { readFields, type Plain } from './plain';

/** Rows as the entity read would give them, converted in place. */
type Finisher = (rows: Array<Record<string, unknown>>) => void;

interface Compiled {
  list: string;
  finish: Finisher | null;
}
const compiled = new WeakMap<EntityMetadata, Map<string, Compiled>>();

/**
 * What the driver gives and MikroORM's result mapping would change: timestamps (MikroORM has
 * node-postgres return them as text and makes Dates of them) and custom types with a
 * conversion of their own (e.g. bigint to a JS number). Text, numbers, dates kept as text and
 * JSON arrive as the entity read gives them.
 */
function finisherOf(meta: EntityMetadata, properties: readonly string[], platform: Platform): Finisher | null {
  const dates: string[] = [];
  const custom: Array<{ name: string; convert: (value: unknown) => unknown }> = [];
  for (const name of properties) {
    const p = meta.properties[name as never];
    if (p.runtimeType === 'Date' && !platform.isNumericProperty(p)) dates.push(name);
    else if (p.customType && !(p.customType instanceof JsonType) && p.customType.convertToJSValue !== Type.prototype.convertToJSValue) {
      custom.push({ name, convert: (value) => p.customType!.convertToJSValue(value, platform) });
    }
  }
  if (dates.length === 0 && custom.length === 0) return null;
  return (rows) => {
    for (const row of rows) {
      for (const name of dates) {
        const value = row[name];
        if (typeof value === 'string') row[name] = platform.parseDate(value);
      }
      for (const { name, convert } of custom) {
        const value = row[name];
        if (value !== null && value !== undefined) row[name] = convert(value);
      }
    }
  };
}

/**
 * The select list of an entity's properties under a table alias, each column named as its
 * property (`"t"."cluster_id" as "cluster"`), with the conversion its rows need; built once per
 * entity, alias and list. Properties: every stored one but the lazy (readFields) when absent.
 */
function compile<E extends object>(em: EntityManager, entity: EntityClass<E>, alias: string, properties?: readonly string[]): Compiled {
  const meta = em.getMetadata().get<E>(entity.name) as EntityMetadata;
  let byList = compiled.get(meta);
  if (!byList) compiled.set(meta, (byList = new Map()));
  const key = `${alias}|${properties ? properties.join(',') : '*'}`;
  let found = byList.get(key);
  if (!found) {
    const platform = em.getPlatform();
    const quote = (identifier: string) => platform.quoteIdentifier(identifier);
    const names = properties ?? readFields(em, entity);
    const list = names
      .map((name) => {
        const p = meta.properties[name as never];
        if (!p) throw new Error(`${meta.className} has no property "${name}"`);
        if (p.fieldNames?.length !== 1 || (p.kind !== ReferenceKind.SCALAR && p.kind !== ReferenceKind.MANY_TO_ONE)) {
          throw new Error(`${meta.className}.${name}: a prepared select reads single-column scalars and references only`);
        }
        return `${quote(alias)}.${quote(p.fieldNames[0])} as ${quote(name)}`;
      })
      .join(', ');
    found = { list, finish: finisherOf(meta, names, platform) };
    byList.set(key, found);
  }
  return found;
}

/** `"t"."cluster_id"`: a property's column under a table alias, for the where and order clauses of a prepared select. */
export function columnOf<E extends object>(em: EntityManager, entity: EntityClass<E>, alias: string, property: string): string {
  const meta = em.getMetadata().get<E>(entity.name) as EntityMetadata;
  // Asked for every statement of every request: quoted once per entity, alias and property.
  let known = columns.get(meta);
  if (!known) columns.set(meta, (known = new Map()));
  const key = `${alias}.${property}`;
  let column = known.get(key);
  if (column === undefined) {
    const p = meta.properties[property as never];
    if (!p) throw new Error(`${entity.name} has no property "${property}"`);
    const quote = (identifier: string) => em.getPlatform().quoteIdentifier(identifier);
    known.set(key, (column = `${quote(alias)}.${quote(p.fieldNames[0])}`));
  }
  return column;
}
const columns = new WeakMap<EntityMetadata, Map<string, string>>();

/** `"fund_table" as "t"`: an entity's table under an alias. */
export function tableOf<E extends object>(em: EntityManager, entity: EntityClass<E>, alias: string): string {
  const quote = (identifier: string) => em.getPlatform().quoteIdentifier(identifier);
  return `${quote(em.getMetadata().get<E>(entity.name).tableName)} as ${quote(alias)}`;
}

/**
 * A PostgreSQL array literal of texts, to bind as one value (`= any(?::text[])`): knex would
 * spread a JS array into a list of placeholders, making the statement's text depend on the
 * number of keys, and so one prepared statement per count.
 */
export function textArray(values: Iterable<string>): string {
  let literal = '{';
  for (const value of values) {
    if (literal.length > 1) literal += ',';
    literal += `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `${literal}}`;
}

/**
 * Named prepared statements: one name per distinct SQL text, for the first MAX_PREPARED texts
 * of the process (each stays prepared on every connection that ran it, for the connection's
 * life). The texts come from a few shapes and the lists of columns operations select, so
 * they are few; past the bound a text runs unnamed, parsed and planned each time as before.
 */
const MAX_PREPARED = 500;
const statementNames = new Map<string, string>();
let named = true;

/**
 * PREPARED_STATEMENTS=false: every text runs unnamed. Named statements live on a server
 * connection, so a pooler that hands a client a different connection per transaction
 * (PgBouncer in transaction mode) would find them missing there.
 */
export function usePreparedStatementNames(on: boolean): void {
  named = on;
}

function statementName(sql: string): string | undefined {
  if (!named) return undefined;
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) statementNames.set(sql, (name = `hub_read_${statementNames.size + 1}`));
  return name;
}

export interface PreparedSelect<E extends object> {
  entity: EntityClass<E>;
  /** The alias of the entity's table in `from` (the select list is made under it). */
  alias: string;
  /** The properties to read; absent: every stored one but the lazy (readFields). */
  properties?: readonly string[];
  /** Selected beside the properties, e.g. `(select …) as "agendaItems"`; already SQL. */
  extra?: string;
  /** `select distinct on (…)` this SQL expression: one row per value, the first in the statement's order. */
  distinctOn?: string;
  /** Everything after the select list: `from "meeting" as "m" where … order by …`, values as `?`. */
  rest: string;
  bindings: ReadonlyArray<string | number | boolean | null>;
}

/**
 * Runs a prepared select on the connection the request reads from, in the entity manager's
 * transaction when it has one, and returns its rows keyed by property name.
 */
export async function preparedSelect<E extends object, Extra extends object = object>(
  em: EntityManager,
  connection: ConnectionType,
  select: PreparedSelect<E>,
): Promise<Array<Plain<E> & Extra>> {
  const { list, finish } = compile(em, select.entity, select.alias, select.properties);
  const sql = `select ${select.distinctOn ? `distinct on (${select.distinctOn}) ` : ''}${list}${select.extra ? `, ${select.extra}` : ''} ${select.rest}`;
  const query = em.getConnection(connection).getKnex().raw(sql, select.bindings as never[]);
  const name = statementName(sql);
  if (name) query.options({ name });
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  let rows: Array<Record<string, unknown>>;
  try {
    rows = ((await query) as { rows: Array<Record<string, unknown>> }).rows;
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
  if (finish) finish(rows);
  return rows as Array<Plain<E> & Extra>;
}
