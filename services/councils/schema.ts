import { buildFederatedSchema, type FederatedSchema } from '../../platform/federated-schema';
import { councilReferenceResolvers, councilResolvers } from './resolvers';

export function buildCouncilsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({ resolvers: [...councilResolvers()] }, councilReferenceResolvers());
}
