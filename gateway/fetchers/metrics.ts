/**
 * Counts the gateway's calls to each subgraph: calls by subgraph and HTTP status, their
 * latency (to the answer read to its end), and failures by subgraph and reason. It sits
 * inside the deduplication and outside the circuit breaker (index.ts): a call shared by
 * several requests is one call, and a call the open circuit refused is a failure of that
 * subgraph (`circuit_open`) that took no time on the network.
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, METRIC_PREFIX } from '../../platform/metrics/registry';
import { SubgraphCircuitOpenError, SubgraphResponseTooLargeError, SubgraphTimeoutError } from '../subgraph-errors';
import type { SubgraphFetcher } from './fetcher';

export interface SubgraphMetrics {
  calls: Counter<'subgraph' | 'status'>;
  failures: Counter<'subgraph' | 'reason'>;
  duration: Histogram<'subgraph'>;
}

/** The subgraph-call metrics, registered in the gateway's registry. */
export function createSubgraphMetrics(registry: Registry): SubgraphMetrics {
  return {
    calls: new Counter({
      name: `${METRIC_PREFIX}subgraph_requests_total`,
      help: 'Calls from the gateway to a subgraph, by subgraph and HTTP status ("none" when no answer came).',
      labelNames: ['subgraph', 'status'],
      registers: [registry],
    }),
    failures: new Counter({
      name: `${METRIC_PREFIX}subgraph_errors_total`,
      help: 'Failed subgraph calls, by subgraph and reason: timeout, circuit_open, too_large, unavailable (refused, reset), aborted, status_5xx.',
      labelNames: ['subgraph', 'reason'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: `${METRIC_PREFIX}subgraph_request_duration_seconds`,
      help: 'Seconds from a subgraph call to its answer read to the end, by subgraph.',
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  };
}

/** Why a call threw, as a label. */
export function failureReason(error: unknown): string {
  if (error instanceof SubgraphTimeoutError) return 'timeout';
  if (error instanceof SubgraphCircuitOpenError) return 'circuit_open';
  if (error instanceof SubgraphResponseTooLargeError) return 'too_large';
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  return 'unavailable';
}

export function withMetrics(fetcher: SubgraphFetcher, { subgraph, metrics }: { subgraph: string; metrics: SubgraphMetrics }): SubgraphFetcher {
  return async (url, init) => {
    const stop = metrics.duration.startTimer({ subgraph });
    try {
      const response = await fetcher(url, init);
      metrics.calls.inc({ subgraph, status: String(response.status) });
      if (response.status >= 500) metrics.failures.inc({ subgraph, reason: 'status_5xx' });
      return response;
    } catch (error) {
      metrics.calls.inc({ subgraph, status: 'none' });
      metrics.failures.inc({ subgraph, reason: failureReason(error) });
      throw error;
    } finally {
      stop();
    }
  };
}
