/**
 * Plain rows of the model: what a table stores, keyed by the entity's property names, with
 * a reference as the referenced row's id. The read path works on these instead of
 * hydrated entities (building tracked entities for data that is only read and serialised
 * cost more than the SQL itself), and the writers build them, so the entity metadata is the
 * one mapping between properties and columns.
 */
import { JsonType, Reference, ReferenceKind, Type, type EntityClass, type EntityMetadata, type Platform } from '@mikro-orm/core';

export type { Reference };
import type { EntityManager, QueryBuilder } from '@mikro-orm/knex';
import type { ConnectionType } from '@mikro-orm/core';

type IdOf<T> = T extends { id: infer I } ? I : never;
/** A property's stored value: a reference becomes the referenced id (distributes over `| null`). */
type Stored<V> = V extends Reference<infer T> ? IdOf<T> : V;
type DataKeys<E> = { [K in keyof E]-?: E[K] extends (...args: never[]) => unknown ? never : K }[keyof E];

/** A row of entity E as plain data keyed by property name. */
export type Plain<E> = { [K in DataKeys<E>]: Stored<E[K]> };

type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
/** A row to insert: every property, except that a nullable one may be left out (stored as null). */
export type Insert<E> = Omit<Plain<E>, NullableKeys<Plain<E>>> & Partial<Pick<Plain<E>, NullableKeys<Plain<E>>>>;

type Converter = (row: Record<string, unknown>) => void;
const converters = new WeakMap<EntityMetadata, Converter | null>();

/**
 * The conversions MikroORM's hydration would apply and its result mapping does not: custom
 * types with a conversion of their own (e.g. bigint to a JS number). JSON arrives parsed from
 * the driver and dates are mapped by the result mapper, so most entities need none.
 */
function converterOf(meta: EntityMetadata, platform: Platform): Converter | null {
  if (converters.has(meta)) return converters.get(meta)!;
  const props = meta.props.filter(
    (p) => p.customType && !(p.customType instanceof JsonType) && p.customType.convertToJSValue !== Type.prototype.convertToJSValue,
  );
  const converter: Converter | null =
    props.length === 0
      ? null
      : (row) => {
          for (const p of props) {
            const value = row[p.name];
            if (value !== null && value !== undefined) row[p.name] = p.customType!.convertToJSValue(value, platform);
          }
        };
  converters.set(meta, converter);
  return converter;
}

/**
 * Runs a select and returns its rows keyed by property name, without entity hydration:
 * `execute('all', true)` maps columns to properties through the metadata. Extra selected
 * values (subqueries) come through under their alias, typed by `Extra`.
 */
export function rowReader(em: EntityManager) {
  const platform = em.getPlatform();
  return async function readRows<E extends object, Extra extends object = object>(qb: QueryBuilder<E>): Promise<Array<Plain<E> & Extra>> {
    const rows = (await qb.execute('all', true)) as unknown as Array<Record<string, unknown>>;
    const convert = converterOf(qb.mainAlias.metadata!, platform);
    if (convert) for (const row of rows) convert(row);
    return rows as unknown as Array<Plain<E> & Extra>;
  };
}
export type ReadRows = ReturnType<typeof rowReader>;

const readFieldLists = new WeakMap<EntityMetadata, string[]>();

/**
 * The properties a read selects: every stored column except lazy ones (the search vectors,
 * search-vector.ts), which `alias.*` would fetch with every row although only the search
 * statement reads them. Prefixed with the query's alias when given.
 */
export function readFields<E extends object>(em: EntityManager, entity: EntityClass<E>, alias?: string): string[] {
  const meta = em.getMetadata().get<E>(entity.name);
  let fields = readFieldLists.get(meta);
  if (!fields) {
    fields = meta.props.filter((p) => !p.lazy && p.persist !== false && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE)).map((p) => p.name);
    readFieldLists.set(meta, fields);
  }
  return alias ? fields.map((f) => `${alias}.${f}`) : fields;
}

/**
 * Runs one statement with its values bound (sent beside the SQL as parameters), in the
 * entity manager's transaction. MikroORM's own statements inline every value into the SQL
 * text, escaping strings character by character: an import of thousands of records of
 * several kilobytes of JSON each (a meeting with its agenda) spent most of its time there
 * and in collecting the garbage it made. The statement goes through the ORM's knex, so the
 * statement hook (database/orm.ts) sees it, and its errors are the ORM's.
 */
export async function executeBound(em: EntityManager, sql: string, bindings: ReadonlyArray<string | number | boolean | Date | null>): Promise<void> {
  await selectBound(em, sql, bindings);
}

/**
 * executeBound returning the rows, keyed by the statement's column aliases: for reads MikroORM's
 * query builder cannot express (full-text search, paging by a composite key) and whose values
 * come from a client, so they are bound, never spliced into the SQL. Pass a list as one JSON
 * text (knex would spread an array binding into a list of placeholders).
 */
export async function selectBound<Row = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  bindings: ReadonlyArray<string | number | boolean | Date | null>,
  /** 'read' for the API's reads when the request may use a replica (graphql/loaders.ts). */
  connection: ConnectionType = 'write',
): Promise<Row[]> {
  const query = em.getConnection(connection).getKnex().raw(sql, bindings);
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  try {
    const result = (await query) as { rows?: Row[] };
    return result.rows ?? [];
  } catch (error) {
    throw em.getDriver().convertException(error as Error);
  }
}

/**
 * Inserts rows, `rowsPerStatement` at a time (executeBound), each statement carrying its rows
 * as one JSON parameter that PostgreSQL spreads into the columns (json_to_recordset, typed by
 * the metadata's column types). `json`, not `jsonb`: the parameter is only read once, and
 * building a jsonb of thousands of small objects cost more than the insert. The values go as
 * JSON: text, numbers, booleans, dates (as ISO strings) and JSON values, the types this model
 * stores; no custom type's conversion runs. With `merge`, a row whose primary key exists is
 * updated instead (every column).
 */
export async function insertRows<E extends object>(
  em: EntityManager,
  entity: EntityClass<E>,
  rows: readonly Insert<E>[],
  { rowsPerStatement = 1_000, merge = false }: { rowsPerStatement?: number; merge?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.getMetadata().get<E>(entity.name);
  const quote = (identifier: string) => em.getPlatform().quoteIdentifier(identifier);
  const columns = columnsOf(meta);
  const list = columns.map((c) => quote(c.column)).join(', ');
  const conflict = merge
    ? ` on conflict (${meta.primaryKeys.flatMap((pk) => meta.properties[pk].fieldNames).map(quote).join(', ')}) do update set ` +
      columns.map((c) => `${quote(c.column)} = excluded.${quote(c.column)}`).join(', ')
    : '';
  const sql =
    `insert into ${quote(meta.tableName)} (${list}) select ${list} ` +
    `from json_to_recordset(?::json) as r(${columns.map((c) => `${quote(c.column)} ${c.type}`).join(', ')})${conflict}`;
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement) as ReadonlyArray<Record<string, unknown>>;
    // Dates become ISO strings through JSON (Date.prototype.toJSON), which timestamptz reads.
    await executeBound(em, sql, [JSON.stringify(chunk.map((row) => Object.fromEntries(columns.map((c) => [c.column, row[c.property] ?? null]))))]);
  }
}

interface Column {
  property: string;
  column: string;
  type: string;
}
const columnLists = new WeakMap<EntityMetadata, Column[]>();

/** The columns an insert writes: stored scalars and single-column references; not a generated id, not a generated column (the database computes it). */
function columnsOf(meta: EntityMetadata): Column[] {
  let columns = columnLists.get(meta);
  if (!columns) {
    columns = meta.props
      .filter((p) => p.persist !== false && !p.autoincrement && !p.generated && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE))
      .map((p) => {
        if (p.fieldNames.length !== 1) throw new Error(`${meta.className}.${p.name}: insertRows takes single-column properties only`);
        return { property: p.name, column: p.fieldNames[0], type: p.columnTypes[0] };
      });
    columnLists.set(meta, columns);
  }
  return columns;
}
