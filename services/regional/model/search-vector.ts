/**
 * The search vectors of the searched tables: generated columns (GENERATED ALWAYS AS … STORED)
 * under PostgreSQL's `danish` text-search configuration (snowball stemming:
 * "klyngemidlerne" and "klyngemidler" both become 'klyngemidl'), weighted so a word in a
 * title counts most (A), then summaries and proposals (B), then long texts (C). PGlite
 * carries the same snowball dictionaries, so the embedded database searches alike.
 *
 * The database keeps the column up to date on every insert and update, so a record written
 * through the API is searchable in the same transaction. Writers never set it (plain.ts
 * leaves generated columns out), and reads never select it (lazy).
 */
import { Property } from '@mikro-orm/core';

/** The text-search configuration of every vector and query: one place, so they always agree. */
export const SEARCH_CONFIGURATION = 'danish';

/**
 * One weighted part of a vector: a text column, or JSON whose string values are the text
 * (jsonb_to_tsvector: reading a JSON list as text would glue escapes such as \n to words).
 */
export type WeightedText = { text: string; weight: Weight } | { json: string; weight: Weight };
type Weight = 'A' | 'B' | 'C' | 'D';

/** The generated-column expression of a weighted vector (immutable functions only, as PostgreSQL requires). */
export function searchVectorExpression(parts: readonly WeightedText[]): string {
  const config = `'${SEARCH_CONFIGURATION}'::regconfig`;
  const vector = (part: WeightedText) =>
    'text' in part ? `to_tsvector(${config}, coalesce(${part.text}, ''::text))` : `jsonb_to_tsvector(${config}, coalesce(${part.json}, '[]'::jsonb), '["string"]'::jsonb)`;
  // Spelled with the casts PostgreSQL adds (''::text, 'A'::"char"), so the schema diff reads back what is written.
  return `(${parts.map((part) => `setweight(${vector(part)}, '${part.weight}'::"char")`).join(' || ')}) stored`;
}

/** The property decorator of a search vector column (a tsvector MikroORM has no type of its own for). */
export function SearchVector(parts: readonly WeightedText[]) {
  return Property({
    type: 'unknown',
    columnType: 'tsvector',
    generated: searchVectorExpression(parts),
    lazy: true,
    hidden: true,
    nullable: true,
  });
}
