/**
 * staticCachePolicy gives the Cache-Control header Apollo's cache-control plugin gives, on a
 * schema without hints, without the plugin's per-field hooks; a schema with hints keeps Apollo's.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSchema } from 'graphql';
import { cachePlugins, schemaHasCacheHints } from '../../../platform/static-cache-policy';
import { uncachedMutations } from '../../../platform/uncached-mutations';

const sdl = `
  type Query { value: Int, item: Item, items: [Item!]!, broken: Int, fieldHooks: Boolean }
  type Item { id: ID!, name: String, children: [Item!]! }
  type Mutation { increment: Int }`;
const schema = buildSchema(sdl);
const item = (id: string): unknown => ({ id, name: `n${id}`, children: () => [item(`${id}.1`)] });
const rootValue = {
  value: () => 1,
  item: () => item('1'),
  items: () => [item('1'), item('2')],
  broken: () => {
    throw new Error('no');
  },
  increment: () => 2,
  // Apollo's cache-control plugin gives every resolver's info a cacheControl from its per-field hook.
  fieldHooks: (_args: unknown, _context: unknown, info: { cacheControl?: unknown }) => info.cacheControl !== undefined,
};

async function serverWith(...plugins: ApolloServerPlugin[]) {
  const server = new ApolloServer({ schema, rootValue, plugins: [...plugins, uncachedMutations()] });
  await server.start();
  return server;
}

let apollos: ApolloServer;
let statics: ApolloServer;
beforeAll(async () => {
  apollos = await serverWith(ApolloServerPluginCacheControl({ defaultMaxAge: 30 }));
  statics = await serverWith(...cachePlugins(schema, 30));
});
afterAll(async () => {
  await apollos?.stop();
  await statics?.stop();
});

const headerOf = async (server: ApolloServer, query: string) => (await server.executeOperation({ query })).http.headers.get('cache-control');

describe('staticCachePolicy', () => {
  it.each([
    ['a scalar root field', '{ value }', 'max-age=30, public'],
    ['nested objects and lists', '{ item { id name children { id children { name } } } items { id } }', 'max-age=30, public'],
    ['aliases and a fragment', '{ a: item { ...F } b: value } fragment F on Item { id }', 'max-age=30, public'],
    ['__typename beside a field', '{ __typename value }', 'max-age=30, public'],
    ['__typename alone', '{ __typename }', 'no-store'],
    ['an answer with an error', '{ value broken }', 'no-store'],
    ['a mutation', 'mutation { increment }', 'no-store'],
  ])('answers %s as Apollo’s plugin does (%s)', async (_what, query, expected) => {
    const theirs = await headerOf(apollos, query);
    expect(theirs).toBe(expected);
    expect(await headerOf(statics, query)).toBe(theirs);
  });

  it('runs no hook per field', async () => {
    const hooked = async (server: ApolloServer) => {
      const { body } = await server.executeOperation({ query: '{ fieldHooks }' });
      return body.kind === 'single' ? body.singleResult.data?.fieldHooks : undefined;
    };
    expect(await hooked(apollos)).toBe(true);
    expect(await hooked(statics)).toBe(false);
  });

  it('is chosen only for a schema without @cacheControl hints', () => {
    const hinted = buildSchema(`
      enum CacheControlScope { PUBLIC PRIVATE }
      directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
      type Query { value: Int @cacheControl(maxAge: 5) }`);
    const typeHinted = buildSchema(`
      directive @cacheControl(maxAge: Int) on OBJECT | FIELD_DEFINITION
      type Query { item: Item } type Item @cacheControl(maxAge: 5) { id: ID }`);
    expect(schemaHasCacheHints(schema)).toBe(false);
    expect(schemaHasCacheHints(hinted)).toBe(true);
    expect(schemaHasCacheHints(typeHinted)).toBe(true);
    // Apollo's plugin carries its own id; without hints ours comes with Apollo's switched off (Apollo installs it by default otherwise).
    const ids = (plugins: ApolloServerPlugin[]) => plugins.map((p) => (p as { __internal_plugin_id__?: string }).__internal_plugin_id__ ?? 'static');
    expect(ids(cachePlugins(hinted, 30))).toEqual(['CacheControl']);
    expect(ids(cachePlugins(undefined, 30))).toEqual(['CacheControl']);
    expect(ids(cachePlugins(schema, 30))).toEqual(['static', 'CacheControl']);
    expect((cachePlugins(schema, 30)[1] as { __is_disabled_plugin__?: boolean }).__is_disabled_plugin__).toBe(true);
  });
});
