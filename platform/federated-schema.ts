/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers, the way type-graphql's
 * own apollo-federation-2 example does: print the schema with its directives, hand the SDL
 * and the resolver map (plus the __resolveReference resolvers) to @apollo/subgraph.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])\n';

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph's SDL as composition sees it: checked in under schema/. */
  sdl: string;
}

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: Record<string, { __resolveReference: (...args: never[]) => unknown }> = {},
): Promise<FederatedSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const sdl = FEDERATION_LINK + printSchemaWithDirectives(schema);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, resolver] of Object.entries(referenceResolvers)) resolvers[type] = { ...resolvers[type], ...resolver };
  return {
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> }),
    sdl,
  };
}
