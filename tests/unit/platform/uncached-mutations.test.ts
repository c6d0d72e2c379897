/** A service's answers to mutations say no-store, whatever the default max-age; its reads keep it. */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSchema } from 'graphql';
import { uncachedMutations } from '../../../platform/uncached-mutations';

const schema = buildSchema('type Query { value: Int } type Mutation { increment: Int }');
let server: ApolloServer;

beforeAll(async () => {
  server = new ApolloServer({
    schema,
    rootValue: { value: () => 1, increment: () => 2 },
    plugins: [ApolloServerPluginCacheControl({ defaultMaxAge: 30 }), uncachedMutations()],
  });
  await server.start();
});
afterAll(() => server?.stop());

const cacheControlOf = async (query: string) => (await server.executeOperation({ query })).http.headers.get('cache-control');

describe('uncachedMutations', () => {
  it('marks a mutation’s answer no-store and leaves a read’s max-age as it is', async () => {
    expect(await cacheControlOf('mutation { increment }')).toBe('no-store');
    expect(await cacheControlOf('mutation Named { increment }')).toBe('no-store');
    expect(await cacheControlOf('{ value }')).toBe('max-age=30, public');
  });
});
