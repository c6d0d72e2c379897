/**
 * The columns a list read needs for the fields an operation selects (lookahead.ts), so a
 * year of agenda items asked for their number, title and decision reads those three columns,
 * not every text of every item. Reading and decoding columns nobody asked for, and building
 * and collecting the objects that hold them, was most of a regional subgraph's CPU under the
 * benchmark's timeline (docs/BENCHMARKS.md).
 *
 * A selected field is served by
 *   - the property of the same name, when the GraphQL type has no field resolver for it;
 *   - `source`: the document and section it is made of (records.ts withSource);
 *   - a field resolver: the properties its type's `needs` declares for it.
 * Anything else (a resolver whose needs are not declared, a field no property backs) reads
 * every column, as before: an undeclared need costs speed, never a wrong answer. Which fields
 * have resolvers comes from type-graphql's metadata, so a resolver added later is covered.
 */
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { getMetadataStorage, type ClassType } from 'type-graphql';
import { readFields } from '../model';
import { selectedField, selectedFieldNames } from './lookahead';

/** For the fields of a type that have a field resolver: the properties of the row the resolver reads. */
export type FieldNeeds = Readonly<Record<string, readonly string[]>>;

const resolvedFieldsOf = new WeakMap<ClassType, Set<string>>();

/** The fields of a GraphQL object type that a field resolver answers (read once the schema is built). */
function resolvedFields(type: ClassType): Set<string> {
  let fields = resolvedFieldsOf.get(type);
  if (!fields) {
    fields = new Set(getMetadataStorage().fieldResolvers.filter((r) => r.getObjectType?.() === type).map((r) => r.schemaName));
    resolvedFieldsOf.set(type, fields);
  }
  return fields;
}

export interface ColumnRequest<E extends object> {
  entity: EntityClass<E>;
  /** The GraphQL type the rows answer as (e.g. the contract's Meeting). */
  type: ClassType;
  /** The fields the operation selects on the rows (selectedFieldNames). */
  selected: ReadonlySet<string>;
  /** What the type's field resolvers read. */
  needs: FieldNeeds;
  /** Properties the loader itself uses (keys, grouping). */
  always: readonly string[];
}

/** The properties to select, sorted (so equal requests batch together); undefined: every column (readFields). */
export function readColumns<E extends object>(em: EntityManager, request: ColumnRequest<E>): string[] | undefined {
  const stored = new Set(readFields(em, request.entity));
  const resolved = resolvedFields(request.type);
  const columns = new Set(request.always);
  for (const field of request.selected) {
    if (field === '__typename') continue;
    const need = resolved.has(field) ? request.needs[field] : field === 'source' ? ['document', 'section'] : stored.has(field) ? [field] : undefined;
    if (need === undefined) return undefined;
    for (const property of need) columns.add(property);
  }
  return [...columns].sort();
}

/**
 * readColumns for a field resolver's info, remembered per occurrence of the field in a parsed
 * operation (`info.fieldNodes`, shared by every row of a list and kept with the cached document),
 * so a list of 200 meetings works out its agenda items' columns once.
 */
export function columnsFor<E extends object>(request: Omit<ColumnRequest<E>, 'selected'>) {
  const known = new WeakMap<readonly FieldNode[], string[] | undefined>();
  return (em: EntityManager, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): string[] | undefined => {
    if (known.has(info.fieldNodes)) return known.get(info.fieldNodes);
    const columns = readColumns(em, { ...request, selected: selectedFieldNames(info) });
    known.set(info.fieldNodes, columns);
    return columns;
  };
}

/**
 * The properties of a child list that can come inside its parent's rows, as JSON built by
 * PostgreSQL (e.g. a meeting's agenda items in the meetings' statement): when every field the
 * operation asks of the children is a stored property of the same name or `source`, and no
 * field resolver answers any of them. Undefined otherwise: the children are read by their own
 * loader. Sorted; remembered per occurrence of the parent field.
 */
export function embeddedColumnsFor<E extends object>(request: { entity: EntityClass<E>; type: ClassType; field: string }) {
  const known = new WeakMap<readonly FieldNode[], string[] | undefined>();
  return (em: EntityManager, parentInfo: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): string[] | undefined => {
    if (known.has(parentInfo.fieldNodes)) return known.get(parentInfo.fieldNodes);
    const child = selectedField(parentInfo, request.field);
    let columns: string[] | undefined;
    if (child) {
      const stored = new Set(readFields(em, request.entity));
      const resolved = resolvedFields(request.type);
      const selected = [...selectedFieldNames(child)].filter((f) => f !== '__typename');
      if (selected.every((f) => !resolved.has(f) && (f === 'source' || stored.has(f)))) columns = selected.sort();
    }
    known.set(parentInfo.fieldNodes, columns);
    return columns;
  };
}
