import { buildFederatedSchema, type FederatedSchema } from '../../platform/federated-schema';
import { createClusterResolver } from './graphql/cluster-resolver';
import { valueResolvers } from './graphql/value-resolvers';
import { recordResolvers } from './graphql/record-resolvers';
import { createWriteResolvers } from './graphql/write-resolvers';
import { SearchHitResolver } from './graphql/search-hit-resolver';
import { SourceDocumentFieldResolver } from '../../schema/contract';
import type { RegionalSubgraphDefinition } from './definition';

export function buildRegionalSchema(definition: RegionalSubgraphDefinition): Promise<FederatedSchema> {
  const { ClusterResolver, referenceResolvers } = createClusterResolver(definition.ClusterType, definition.entry);
  return buildFederatedSchema({ resolvers: [ClusterResolver, ...valueResolvers, ...recordResolvers, ...createWriteResolvers(definition.entry), SearchHitResolver, SourceDocumentFieldResolver] }, referenceResolvers);
}
