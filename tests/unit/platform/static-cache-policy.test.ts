/**
 * staticCachePolicy gives the Cache-Control header Apollo's cache-control plugin gives, on a
 * schema without hints, without the plugin's per-field hooks; a schema with hints keeps Apollo's.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { buildSchema } from 'graphql';
import { cachePolicyPlugin, schemaHasCacheHints, staticCachePolicy } from '../../../platform/static-cache-policy';
import { uncachedMutations } from '../../../platform/uncached-mutations';

const sdl = `
  type Query { value: Int, item: Item, items: [Item!]!, broken: Int }
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
};

async function serverWith(plugin: ApolloServerPlugin) {
  const server = new ApolloServer({ schema, rootValue, plugins: [plugin, uncachedMutations()] });
  await server.start();
  return server;
}

let apollos: ApolloServer;
let statics: ApolloServer;
beforeAll(async () => {
  apollos = await serverWith(ApolloServerPluginCacheControl({ defaultMaxAge: 30 }));
  statics = await serverWith(staticCachePolicy(30));
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
    // Apollo's plugin carries its own name; ours has no willResolveField hook to install.
    expect(cachePolicyPlugin(hinted, 30)).toHaveProperty('__internal_plugin_id__', 'CacheControl');
    expect(cachePolicyPlugin(undefined, 30)).toHaveProperty('__internal_plugin_id__', 'CacheControl');
    expect(cachePolicyPlugin(schema, 30)).not.toHaveProperty('__internal_plugin_id__');
  });
});
