/**
 * The Apollo Server plugin that counts every GraphQL operation a service answers: requests
 * by operation name and type, errors by operation name and code, and the latency histogram.
 * The name is the one the operation resolved to (didResolveOperation), so a request that
 * fails to parse or validate counts under ANONYMOUS_LABEL with type "unknown".
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ANONYMOUS_LABEL, type ServiceMetrics } from './registry';

export function useMetrics<C extends object>(metrics: ServiceMetrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operationName = ANONYMOUS_LABEL;
      let operationType = 'unknown';
      const codes: string[] = [];
      return {
        async didResolveOperation({ operationName: name, operation }) {
          if (name) operationName = metrics.operationLabel(name);
          if (operation) operationType = operation.operation;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) codes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        },
        async willSendResponse() {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const labels = { operation_name: operationName, operation_type: operationType };
          metrics.requests.inc(labels);
          metrics.requestDuration.observe(labels, seconds);
          for (const code of codes) metrics.errors.inc({ operation_name: operationName, code: metrics.codeLabel(code) });
        },
      };
    },
  };
}
