import { buildFederatedSchema, type FederatedSchema } from '../../platform/federated-schema';
import { councilReferenceResolvers, councilResolvers } from './resolvers';
import { SourceDocumentFieldResolver } from '../../schema/contract';

export function buildCouncilsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({ resolvers: [...councilResolvers(), SourceDocumentFieldResolver] }, councilReferenceResolvers());
}
