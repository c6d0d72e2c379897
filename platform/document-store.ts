/**
 * Apollo Server's cache of parsed and validated operations, bounded by what it really holds.
 *
 * Apollo's default store counts an operation as the JSON of its syntax tree, but each parsed
 * document keeps its whole source text (`loc.source.body`), comments and all: distinct
 * operations padded with a ~95 KB comment each counted a few hundred bytes and kept 95 KB,
 * and 3 000 of them took the gateway from 225 MB to 630 MB of RSS. This store counts the
 * source text and the tree, so DOCUMENT_STORE_BYTES is what it may hold.
 */
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** What the parsed-operation cache may hold, source text and syntax trees counted. */
export const DOCUMENT_STORE_BYTES = 30 * 1024 * 1024;

/** The size an operation counts: its source text and its tree (as JSON, like Apollo's estimate). */
export function documentSize(document: DocumentNode): number {
  return (document.loc?.source.body.length ?? 0) + JSON.stringify(document).length;
}

/** A KeyValueCache for ApolloServer's `documentStore` option. */
export function boundedDocumentStore(maxBytes = DOCUMENT_STORE_BYTES) {
  const cache = new LRUCache<string, DocumentNode>({ maxSize: maxBytes, sizeCalculation: (document) => Math.max(1, documentSize(document)) });
  return {
    get: async (key: string) => cache.get(key),
    set: async (key: string, value: DocumentNode) => {
      cache.set(key, value);
    },
    delete: async (key: string) => cache.delete(key),
    /** Entries and counted bytes, for tests. */
    held: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  };
}
