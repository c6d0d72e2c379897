/**
 * Fail fast while a subgraph stays down or hung: a circuit breaker per subgraph (cockatiel's,
 * with its consecutive-failure breaker). After `failureThreshold` failed calls in a row
 * (BREAKER_FAILURE_THRESHOLD) the circuit opens, and calls to that subgraph fail at once
 * with SubgraphCircuitOpenError (DOWNSTREAM_SERVICE_ERROR with the subgraph's name) instead
 * of each waiting for SUBGRAPH_TIMEOUT_MS. After `resetMs` (BREAKER_RESET_MS) the next call
 * goes through as a probe (half-open); calls that come while it runs still fail at once.
 * The probe answering closes the circuit; failing opens it again for another `resetMs`.
 *
 * A failure of the subgraph: the call threw (refused, reset, timed out) or the answer's
 * status is 5xx. Not one: any answer below 500, a GraphQL error in a 200 answer included
 * (the subgraph answered; the request was wrong or found nothing), an answer over
 * MAX_SUBGRAPH_RESPONSE_BYTES (the request asked for too much), and a call the caller itself
 * aborted. Each change of state is logged once, with the subgraph's name.
 */
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import type { Logger } from '../../platform/logger';
import { SubgraphCircuitOpenError, SubgraphResponseTooLargeError } from '../subgraph-errors';
import type { SubgraphFetcher } from './fetcher';

export const DEFAULT_BREAKER_FAILURE_THRESHOLD = 5;
export const DEFAULT_BREAKER_RESET_MS = 5_000;

export interface CircuitBreakerOptions {
  subgraph: string;
  /** Failed calls in a row that open the circuit. */
  failureThreshold: number;
  /** Milliseconds the circuit stays open before a probe call is let through. */
  resetMs: number;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** A thrown error that counts against the subgraph: anything but the caller's own abort and an answer too large for the request. */
export function isSubgraphFailure(error: Error): boolean {
  return error.name !== 'AbortError' && !(error instanceof SubgraphResponseTooLargeError);
}

/** An answer that counts against the subgraph: a 5xx status. */
export function isFailedAnswer(response: unknown): boolean {
  return response instanceof Response && response.status >= 500;
}

const describe = (failure: { error: Error } | { value: unknown } | undefined) =>
  failure === undefined ? undefined : 'error' in failure ? failure.error.message : `status ${(failure.value as Response).status}`;

export function withCircuitBreaker(fetcher: SubgraphFetcher, { subgraph, failureThreshold, resetMs, logger }: CircuitBreakerOptions): SubgraphFetcher {
  const breaker = circuitBreaker(handleWhen(isSubgraphFailure).orWhenResult(isFailedAnswer), {
    halfOpenAfter: resetMs,
    breaker: new ConsecutiveBreaker(failureThreshold),
  });
  breaker.onStateChange((state) => {
    if (state === CircuitState.Open) {
      logger?.warn({ subgraph, circuit: 'open', failureThreshold, resetMs, lastFailure: describe(breaker.lastFailure) }, `circuit of subgraph ${subgraph} open: its calls fail at once for ${resetMs} ms`);
    } else if (state === CircuitState.HalfOpen) {
      logger?.info({ subgraph, circuit: 'half-open' }, `circuit of subgraph ${subgraph} half-open: one probe call goes through`);
    } else if (state === CircuitState.Closed) {
      logger?.info({ subgraph, circuit: 'closed' }, `circuit of subgraph ${subgraph} closed: it answers again`);
    }
  });

  return async (url, init) => {
    // cockatiel makes calls that come during the probe wait for it; here they fail at once.
    if (breaker.state === CircuitState.HalfOpen) throw new SubgraphCircuitOpenError(subgraph, resetMs);
    try {
      return await breaker.execute(() => fetcher(url, init));
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new SubgraphCircuitOpenError(subgraph, resetMs);
      throw error;
    }
  };
}
