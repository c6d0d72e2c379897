/**
 * Plain rows of the model: what a table stores, keyed by the entity's property names, with
 * a reference as the referenced row's id. The read path works on these instead of
 * hydrated entities (building tracked entities for data that is only read and serialised
 * cost more than the SQL itself), and the writers build them, so the entity metadata is the
 * one mapping between properties and columns.
 */
import { JsonType, Reference, Type, type EntityClass, type EntityMetadata, type Platform } from '@mikro-orm/core';

export type { Reference };
import type { EntityManager, QueryBuilder } from '@mikro-orm/knex';

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

/**
 * Inserts rows in statements of at most `rowsPerStatement` rows (one statement per row set,
 * far below PostgreSQL's 65 535 bind parameters), calling `onStatement` with each set's size.
 */
export async function insertInStatements<E extends object>(
  em: EntityManager,
  entity: EntityClass<E>,
  rows: readonly Insert<E>[],
  rowsPerStatement: number,
  onStatement: (rows: number) => void = () => {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    await em.insertMany(entity, chunk as never);
    onStatement(chunk.length);
  }
}
