/**
 * Writes and the gateway's response cache (gateway/response-cache.ts): a mutation that wrote
 * something empties the whole cache before its answer is sent, so the client's next read, of
 * any region, comes from the subgraphs and shows the write. With the cache in Redis this
 * moves the shared data version on, for every replica, within REDIS_TIMEOUT_MS at most.
 *
 * "Wrote something": at least one of the mutation's root fields, other than `__typename`,
 * answered with a value. A refused mutation (UNAUTHENTICATED, FORBIDDEN, CONFLICT …) answers
 * null there, so clients without a token cannot empty the cache for everyone, nor can
 * `mutation { __typename }`. A mutation with several root fields can succeed in part: its
 * answer has errors and data, and empties the cache too, since something was written.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, OperationTypeNode, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { ResponseCacheMiddleware } from '../response-cache';

/** The response keys of the root fields a selection set asks for, through its fragments; __typename left out. */
export function rootFieldKeys(selectionSet: SelectionSetNode, document: DocumentNode | undefined, seen = new Set<string>()): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.push(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      keys.push(...rootFieldKeys(selection.selectionSet, document, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document?.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) keys.push(...rootFieldKeys(fragment.selectionSet, document, seen));
    }
  }
  return keys;
}

export function mutationCache<C extends BaseContext>(cache: Pick<ResponseCacheMiddleware, 'clear'>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, document, response }) {
          if (operation?.operation !== OperationTypeNode.MUTATION || response.body.kind !== 'single') return;
          const data = response.body.singleResult.data;
          if (data && rootFieldKeys(operation.selectionSet, document).some((key) => data[key] !== null && data[key] !== undefined)) await cache.clear();
        },
      };
    },
  };
}
