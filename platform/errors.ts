/**
 * What clients see of errors: the message and code of errors we raise on purpose (bad
 * input, not found, validation), and a generic message for everything else, so no SQL,
 * stack trace or internal address leaks into a response. The original goes to the log.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { clip, describeError } from './log-fields';

/** Codes of errors raised on purpose, whose messages are meant for the client. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  // Writes (platform/bearer-auth.ts): no valid bearer token, a token without the scope, a stale version.
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
]);

/**
 * A client's value that a scalar refuses (a Date that is no calendar date, kroner that are no
 * whole number): BAD_USER_INPUT, whether it came in a variable or as a literal.
 */
export class InputValueError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
    this.name = 'InputValueError';
  }
}

/**
 * A literal a scalar refuses (e.g. `meetings(from: "2024-02-31")`) fails graphql-js's
 * validation with the scalar's own error, which Apollo Server recodes GRAPHQL_VALIDATION_FAILED;
 * the scalar said BAD_USER_INPUT, as it does for the same value in a variable, and that is kept.
 * Known by its class: GraphQL Armor's limit rules also report their errors as BAD_USER_INPUT,
 * and those stay validation failures.
 */
function scalarInputCode(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || !(error instanceof GraphQLError)) return undefined;
  return error.originalError instanceof InputValueError ? 'BAD_USER_INPUT' : undefined;
}

export function maskError(log: (message: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = scalarInputCode(formatted, error) ?? formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    const original = unwrapResolverError(error);
    // The stack is the service's own; the message and path may quote the client: cut.
    log(`internal error at ${clip(formatted.path?.join('.') ?? '(no path)')}: ${describeError(original)}`);
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
