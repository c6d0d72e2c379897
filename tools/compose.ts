/**
 * Composition at build time (Apollo's advice for production, rather than
 * IntrospectAndCompose, with which one subgraph down blocks the gateway's start): each
 * subgraph's SDL is printed from its code, and @apollo/composition composes them into the
 * supergraph the gateway serves. A build tool: nothing that runs in production imports it.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { allSubgraphs, defaultSubgraphUrl } from '../schema/contract/registry';

export interface SubgraphSdl {
  name: string;
  /** The URL written into the supergraph; the gateway can override it per subgraph at run time. */
  url: string;
  sdl: string;
}

/** Every subgraph of the registry, printed from its code: the regions' first, then the councils'. */
export async function buildSubgraphSdls(): Promise<SubgraphSdl[]> {
  // Imported here, not at the top: printing schemas must not load server code for readers of this module.
  // The regional schemas are built before the councils' (type-graphql keeps one global type
  // registry, and the councils subgraph declares its own view of the same cluster types).
  const { buildRegionalSchema } = await import('../services/regional/schema');
  const { regionalSubgraph } = await import('../services/regional/definition');
  const { buildCouncilsSchema } = await import('../services/councils/schema');
  const out: SubgraphSdl[] = [];
  for (const subgraph of allSubgraphs()) {
    const { sdl } = subgraph.region ? await buildRegionalSchema(regionalSubgraph(subgraph.region.code)) : await buildCouncilsSchema();
    out.push({ name: subgraph.name, url: defaultSubgraphUrl(subgraph.defaultPort), sdl });
  }
  return out;
}

export class CompositionError extends Error {}

export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new CompositionError(`composition failed:\n  - ${result.errors.map((e) => e.message).join('\n  - ')}`);
  }
  return result.supergraphSdl;
}
