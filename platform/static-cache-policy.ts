/**
 * The cache policy of a schema without cache hints, decided once per operation instead of
 * once per field.
 *
 * Apollo's cache-control plugin reads `@cacheControl` hints field by field: it registers a
 * `willResolveField` hook, so Apollo Server wraps every resolver of the schema and calls two
 * closures for every field of every answer (thousands for a year of agenda items; about 3 %
 * of a subgraph's CPU in the benchmark's profile). In a schema with no hint anywhere the
 * outcome is known before execution: every root field, and every field of a composite type,
 * gets the default max-age, so a query that resolves any field is `max-age=default, public`.
 * This plugin sets exactly that and the same Cache-Control header; a schema with hints keeps
 * Apollo's plugin (`cachePolicyPlugin`).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { isObjectType, isInterfaceType, OperationTypeNode, type GraphQLSchema } from 'graphql';

const HINT = 'cacheControl';

/** True when any type or field of the schema carries a `@cacheControl` hint. */
export function schemaHasCacheHints(schema: GraphQLSchema): boolean {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
    if (nodes.some((n) => n?.directives?.some((d) => d.name.value === HINT))) return true;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.astNode?.directives?.some((d) => d.name.value === HINT)) return true;
      }
    }
  }
  return false;
}

/** Every query that selects a field other than `__typename` gets `defaultMaxAge`, public; a mutation is left to uncachedMutations. */
export function staticCachePolicy<C extends BaseContext>(defaultMaxAge: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (!operation) return;
          // A root selection of `__typename` alone resolves no field: Apollo's plugin leaves such an answer uncacheable.
          const resolvesAField = operation.selectionSet.selections.some((s) => s.kind !== 'Field' || s.name.value !== '__typename');
          if (operation.operation !== OperationTypeNode.MUTATION && resolvesAField) overallCachePolicy.restrict({ maxAge: defaultMaxAge });
        },
        async willSendResponse({ response, overallCachePolicy }) {
          if (response.http.headers.has('cache-control')) return;
          const policy = overallCachePolicy.policyIfCacheable();
          const cacheable = policy !== null && response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set('cache-control', cacheable ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store');
        },
      };
    },
  };
}

/**
 * Apollo's cache-control plugin where the schema has hints (or is a gateway's, whose policy
 * comes from its subgraphs), staticCachePolicy otherwise, with Apollo's own switched off:
 * Apollo Server installs its plugin by default when none is given.
 */
export function cachePlugins<C extends BaseContext>(schema: GraphQLSchema | undefined, defaultMaxAge: number): ApolloServerPlugin<C>[] {
  if (schema && !schemaHasCacheHints(schema)) return [staticCachePolicy<C>(defaultMaxAge), ApolloServerPluginCacheControlDisabled()];
  return [ApolloServerPluginCacheControl({ defaultMaxAge })];
}
