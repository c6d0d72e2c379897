/**
 * Answers to mutations are never cacheable. Apollo's cache-control plugin gives every root
 * field the default max-age (CACHE_MAX_AGE), a mutation's too, and would mark a write's
 * answer `public, max-age=30` for the gateway's response cache and any cache on the way. As
 * soon as the operation is known to be a mutation its cache policy is cut to max-age 0, and
 * the answer goes out with `cache-control: no-store`; a gateway merging its subgraphs'
 * hints keeps the smallest, so it stays 0 there too.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { OperationTypeNode } from 'graphql';

export function uncachedMutations<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation === OperationTypeNode.MUTATION) overallCachePolicy.restrict({ maxAge: 0 });
        },
      };
    },
  };
}
