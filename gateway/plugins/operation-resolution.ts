/**
 * Operation-resolution errors as client errors: with a gateway, Apollo Server leaves the
 * choice of operation to @apollo/gateway's executor, which throws when it cannot make it (an
 * `operationName` the document does not define, several operations and no name), and Apollo
 * Server answers that with a 500. This plugin refuses such a request before execution, the
 * way Apollo Server does with a schema of its own: 400, OPERATION_RESOLUTION_FAILURE, and the
 * message graphql-js gives.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

const MAX_NAME_IN_MESSAGE = 100;

export function operationResolution<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
          const name = request.operationName;
          const message =
            typeof name === 'string' && name !== ''
              ? `Unknown operation named "${name.length > MAX_NAME_IN_MESSAGE ? `${name.slice(0, MAX_NAME_IN_MESSAGE)}…` : name}".`
              : operations.length === 0
                ? 'Must provide an operation.'
                : 'Must provide operation name if query contains multiple operations.';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
