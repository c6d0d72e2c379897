/**
 * A mutation through the gateway's own parts, in process, over a fake subgraph fetch: the
 * supergraph is composed here from a small subgraph with a mutation, and the gateway is
 * @apollo/gateway with the hub's data source, fetch policy, error mask and cache plugins.
 * The client's token goes on; refusals keep their codes; a write empties the response cache
 * and is itself never cacheable; a mutation is never shared with another caller nor retried.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { GraphQLFormattedError } from 'graphql';
import { SubgraphDataSource, type GatewayContext } from '../../../gateway/datasources/subgraph-data-source';
import { maskGatewayError } from '../../../gateway/error-masking';
import { subgraphFetcher } from '../../../gateway/fetchers';
import { mutationCache } from '../../../gateway/plugins/mutation-cache';
import type { Logger } from '../../../platform/logger';
import { uncachedMutations } from '../../../platform/uncached-mutations';
import { composeSupergraph } from '../../../tools/compose';

const SUBGRAPH_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { counter: Counter }
  type Mutation { increment(by: Int!): Counter }
  type Counter @key(fields: "id") { id: ID! value: Int! version: Int! }
`;

interface Call {
  body: { query: string; variables?: Record<string, unknown> };
  headers: Record<string, string>;
}

const calls: Call[] = [];
/** What the fake subgraph does with a call; each test says. */
let subgraph: (call: Call) => Promise<Response>;
const cleared = { count: 0 };
let server: ApolloServer<GatewayContext>;

const answer = (body: unknown, cacheControl = 'max-age=30, public') =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', 'cache-control': cacheControl } }));

beforeAll(async () => {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph([{ name: 'testland', url: 'http://testland.internal/graphql', sdl: SUBGRAPH_SDL }]),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: url!,
        fetcher: subgraphFetcher({
          subgraph: name,
          timeoutMs: 100,
          deduplicate: true,
          breaker: { failureThreshold: 1_000 },
          fetch: (_url, init) => {
            const call = { body: JSON.parse(init!.body as string), headers: init!.headers as Record<string, string> };
            calls.push(call);
            return subgraph(call);
          },
        }),
      }),
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskGatewayError({ error: () => {}, warn: () => {} } as unknown as Logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: 30 }), uncachedMutations(), mutationCache({ clear: () => void cleared.count++ })],
  });
  await server.start();
});
afterAll(() => server?.stop());
beforeEach(() => {
  calls.length = 0;
  cleared.count = 0;
});

async function send(query: string, authorization?: string) {
  const res = await server.executeOperation({ query }, { contextValue: { requestId: 'write-1', ...(authorization ? { authorization } : {}) } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return { ...res.body.singleResult, cacheControl: res.http.headers.get('cache-control') };
}

const INCREMENT = 'mutation Increment { increment(by: 1) { id value version } }';

describe('a mutation through the gateway', () => {
  it('carries the client’s token to the subgraph; its write empties the response cache, and its answer is not cacheable', async () => {
    subgraph = () => answer({ data: { increment: { id: 'c1', value: 1, version: 2 } } });
    const res = await send(INCREMENT, 'Bearer eyJ.write.sig');
    expect(res.data).toEqual({ increment: { id: 'c1', value: 1, version: 2 } });
    expect(res.errors).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0].body.query).toMatch(/^mutation/);
    expect(calls[0].headers.authorization).toBe('Bearer eyJ.write.sig');
    expect(calls[0].headers['x-request-id']).toBe('write-1');
    expect(cleared.count).toBe(1);
    // The subgraph said public (as one without uncachedMutations would): the gateway says otherwise.
    expect(res.cacheControl).toBe('no-store');
  });

  it('leaves the cache alone for reads, which stay cacheable', async () => {
    subgraph = () => answer({ data: { counter: { id: 'c1', value: 1 } } });
    const res = await send('{ counter { id value } }');
    expect(res.data).toEqual({ counter: { id: 'c1', value: 1 } });
    expect(res.cacheControl).toBe('max-age=30, public');
    expect(cleared.count).toBe(0);
  });

  it.each([
    ['UNAUTHENTICATED', 'A valid bearer token is required.'],
    ['FORBIDDEN', 'The token does not allow this operation.'],
    ['CONFLICT', 'The counter was changed since version 1: read it again.'],
  ])('passes a refusal coded %s on to the client as the subgraph worded it, with the subgraph’s name, and writes nothing to the cache', async (code, message) => {
    subgraph = () => answer({ data: { increment: null }, errors: [{ message, path: ['increment'], extensions: { code } }] }, 'no-store');
    const res = await send(INCREMENT, 'Bearer eyJ.some.sig');
    expect(res.data).toEqual({ increment: null });
    expect(res.errors).toEqual<GraphQLFormattedError[]>([{ message, path: ['increment'], extensions: { code, serviceName: 'testland' } }]);
    expect(cleared.count).toBe(0);
  });

  it('empties the cache after a write that succeeded in part, and not for `mutation { __typename }`', async () => {
    subgraph = () =>
      answer({ data: { a: { id: 'c1', value: 2, version: 3 }, b: null }, errors: [{ message: 'The counter was changed since version 2: read it again.', path: ['b'], extensions: { code: 'CONFLICT' } }] });
    const partial = await send('mutation { a: increment(by: 1) { id value version } b: increment(by: 1) { id value version } }', 'Bearer t');
    expect(partial.data).toEqual({ a: { id: 'c1', value: 2, version: 3 }, b: null });
    expect(cleared.count).toBe(1);

    cleared.count = 0;
    subgraph = () => answer({ data: { __typename: 'Mutation' } });
    const nothing = await send('mutation { __typename ...T } fragment T on Mutation { t: __typename }');
    expect(nothing.data).toEqual({ __typename: 'Mutation', t: 'Mutation' });
    expect(cleared.count).toBe(0);
  });

  it('is never shared with an identical concurrent mutation, with or without a token', async () => {
    let n = 0;
    subgraph = () => new Promise((resolve) => setTimeout(() => resolve(answer({ data: { increment: { id: 'c1', value: ++n, version: n } } })), 10));
    const results = await Promise.all([send(INCREMENT), send(INCREMENT), send(INCREMENT, 'Bearer t'), send(INCREMENT, 'Bearer t')]);
    expect(calls).toHaveLength(4);
    expect(new Set(results.map((r) => (r.data as { increment: { value: number } }).increment.value))).toEqual(new Set([1, 2, 3, 4]));
  });

  it.each([
    ['a refused connection', () => Promise.reject(new TypeError('fetch failed')), 'DOWNSTREAM_SERVICE_ERROR'],
    ['a 503', () => Promise.resolve(new Response('busy', { status: 503 })), 'DOWNSTREAM_SERVICE_ERROR'],
    ['a subgraph that does not answer in time', () => new Promise<Response>(() => {}), 'TIMEOUT'],
  ])('is sent once, never retried, after %s', async (_name, failure, code) => {
    subgraph = failure;
    const res = await send(INCREMENT, 'Bearer t');
    expect(res.errors?.map((e) => e.extensions)).toEqual([{ code, serviceName: 'testland' }]);
    // Nothing more arrives later either.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toHaveLength(1);
    expect(cleared.count).toBe(0);
  });
});
