/**
 * A real @apollo/gateway (on Apollo Server, no HTTP) over two faked subgraphs, for tests of
 * what the gateway does with subgraph answers. `places` lists two places, `visits` gives each
 * its visits (Odense's one with a null where none may be, when asked for days). They answer
 * more than asked (both the field and its alias, skipped fields too): what the client sees is
 * the gateway's shaping.
 *
 * A test of gateway/plain-federation-exports.ts imports that module before this one, so the
 * gateway loaded here gets federation-internals as plain data.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { composeSupergraph } from '../../tools/compose';

const PLACES = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { places: [Place]! }
  type Place @key(fields: "id") { id: ID! name: String! }
`;
const VISITS = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Place @key(fields: "id") { id: ID! visits: [Visit!]! }
  type Visit { day: String! note: String count: Int }
`;

async function subgraphs(url: string, init?: RequestInit): Promise<Response> {
  const { query, variables } = JSON.parse(init!.body as string) as { query: string; variables?: { representations?: { id: string }[] } };
  const data = url.includes('places')
    ? { places: [{ __typename: 'Place', id: 'p1', name: 'Aalborg', n: 'Aalborg' }, { __typename: 'Place', id: 'p2', name: 'Odense', n: 'Odense' }] }
    : {
        _entities: variables!.representations!.map(({ id }) =>
          id === 'p1'
            ? { visits: [{ day: '2024-01-02', note: 'første', count: 3 }, { day: '2024-02-03', note: null, count: 0 }] }
            : { visits: query.includes('day') ? [{ day: null, note: 'uden dag', count: 1 }] : [] },
        ),
      };
  return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
}

export interface PlacesGateway {
  /** Runs an operation through the gateway; its single result. */
  send(query: string, variables?: Record<string, unknown>): Promise<FormattedExecutionResult>;
  stop(): Promise<void>;
}

export async function startPlacesGateway(): Promise<PlacesGateway> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph([
      { name: 'places', url: 'http://places.internal/graphql', sdl: PLACES },
      { name: 'visits', url: 'http://visits.internal/graphql', sdl: VISITS },
    ]),
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: subgraphs as never }),
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  return {
    async send(query, variables = {}) {
      const res = await server.executeOperation({ query, variables });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      return res.body.singleResult;
    },
    stop: () => server.stop(),
  };
}
