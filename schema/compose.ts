/**
 * Composition at build time (Apollo's advice for production, rather than
 * IntrospectAndCompose, with which one subgraph down blocks the gateway's start): each
 * subgraph's SDL is printed from its code, and @apollo/composition composes them into the
 * supergraph the gateway serves.
 */
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const SCHEMA_DIR = __dirname;

export interface SubgraphSdl {
  name: string;
  /** The URL written into the supergraph; the gateway can override it per subgraph at run time. */
  url: string;
  sdl: string;
}

export const SUBGRAPH_DEFAULT_URLS: Record<string, string> = {
  nordjylland: 'http://127.0.0.1:4001/graphql',
  syddanmark: 'http://127.0.0.1:4002/graphql',
  councils: 'http://127.0.0.1:4003/graphql',
};

export async function buildSubgraphSdls(): Promise<SubgraphSdl[]> {
  // Imported here, not at the top: printing schemas must not load server code for readers of this module.
  const { buildRegionalSchema } = await import('../services/regional/schema');
  const { nordjylland } = await import('../services/nordjylland/definition');
  const { syddanmark } = await import('../services/syddanmark/definition');
  const { buildCouncilsSchema } = await import('../services/councils/schema');
  return [
    { name: 'nordjylland', url: SUBGRAPH_DEFAULT_URLS.nordjylland, sdl: (await buildRegionalSchema(nordjylland)).sdl },
    { name: 'syddanmark', url: SUBGRAPH_DEFAULT_URLS.syddanmark, sdl: (await buildRegionalSchema(syddanmark)).sdl },
    { name: 'councils', url: SUBGRAPH_DEFAULT_URLS.councils, sdl: (await buildCouncilsSchema()).sdl },
  ];
}

export class CompositionError extends Error {}

export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new CompositionError(`composition failed:\n  - ${result.errors.map((e) => e.message).join('\n  - ')}`);
  }
  return result.supergraphSdl;
}

export const supergraphPath = join(SCHEMA_DIR, 'supergraph.graphql');
