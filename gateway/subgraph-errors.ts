/**
 * The ways a subgraph call can fail in transport, as classes, and the one place that turns
 * them into the GraphQLError the gateway's executor reports: a code and the subgraph's
 * name in the extensions, the failure itself as `originalError` (for the log only).
 *
 * @apollo/gateway pushes an error thrown by a data source's process() into the response's
 * errors as it is (executeQueryPlan.js, the `Fetch` node), and Apollo Server hands that
 * same object to formatError; so error-masking.ts can recognise these classes by following
 * `originalError`, without reading messages.
 */
import { GraphQLError } from 'graphql';

/** The subgraph did not answer (headers and body) within the gateway's SUBGRAPH_TIMEOUT_MS. */
export class SubgraphTimeoutError extends Error {
  constructor(readonly subgraph: string, readonly timeoutMs: number) {
    super(`subgraph ${subgraph} did not answer within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

/** The call failed in transport: refused, reset, a non-2xx status, a body that is not a GraphQL response. */
export class SubgraphUnavailableError extends Error {
  constructor(readonly subgraph: string, cause: unknown) {
    super(`subgraph ${subgraph} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SubgraphUnavailableError';
  }
}

/** The subgraph's answer passed the gateway's MAX_SUBGRAPH_RESPONSE_BYTES: the read was stopped there. */
export class SubgraphResponseTooLargeError extends SubgraphUnavailableError {
  constructor(subgraph: string, readonly maxBytes: number) {
    super(subgraph, `answer larger than ${maxBytes} bytes`);
    this.name = 'SubgraphResponseTooLargeError';
  }
}

/** What a data source throws when its call failed: TIMEOUT or DOWNSTREAM_SERVICE_ERROR, with the subgraph's name. */
export function subgraphFailure(subgraph: string, error: unknown): GraphQLError {
  const failure = error instanceof SubgraphTimeoutError || error instanceof SubgraphResponseTooLargeError ? error : new SubgraphUnavailableError(subgraph, error);
  const code = failure instanceof SubgraphTimeoutError ? 'TIMEOUT' : failure instanceof SubgraphResponseTooLargeError ? 'SUBGRAPH_RESPONSE_TOO_LARGE' : 'DOWNSTREAM_SERVICE_ERROR';
  return new GraphQLError(failure.message, { originalError: failure, extensions: { code, serviceName: subgraph } });
}

/** The error itself or the first error along its `originalError` / `cause` chain that is an instance of `type`. */
export function findCause<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
    if (current instanceof type) return current;
    current = current instanceof GraphQLError && current.originalError ? current.originalError : current.cause;
  }
  return undefined;
}

/**
 * The subgraph's circuit breaker is open (gateway/fetchers/circuit-breaker.ts): it failed
 * or timed out too many times in a row, so the call was not made at all. A kind of
 * SubgraphUnavailableError, so it reaches the client as DOWNSTREAM_SERVICE_ERROR with the
 * subgraph's name, like any other failed call.
 */
export class SubgraphCircuitOpenError extends SubgraphUnavailableError {
  constructor(subgraph: string, readonly retryAfterMs: number) {
    super(subgraph, `not called: its circuit is open after repeated failures (next probe within ${retryAfterMs} ms)`);
    this.name = 'SubgraphCircuitOpenError';
  }
}
