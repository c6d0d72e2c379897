import { buildFederatedSchema, type FederatedSchema } from '../shared/federated-schema';
import { councilReferenceResolvers, councilResolvers } from './resolvers';

export function buildCouncilsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({ resolvers: [...councilResolvers] }, councilReferenceResolvers);
}
