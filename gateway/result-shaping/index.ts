/**
 * Which result shaping @apollo/gateway runs: its own `computeResponse`, or the same algorithm
 * with the operation's questions answered once (./shape-response.ts).
 *
 * executeQueryPlan.js calls it through its module's exports object at every request
 * (`(0, resultShaping_1.computeResponse)(…)`), a plain writable property, so setting that
 * property is enough, before or after the gateway is built. The file is internal to the
 * package (dist/resultShaping.js, no `exports` map to forbid it), which is why package.json
 * pins @apollo/gateway exactly and tests/unit/gateway/result-shaping.test.ts checks, on a real
 * gateway, that the replacement is the one that runs.
 */
import { computeResponse as compiledComputeResponse } from './shape-response';

type ComputeResponse = typeof compiledComputeResponse;

const resultShaping = require('@apollo/gateway/dist/resultShaping') as { computeResponse: ComputeResponse };

/** @apollo/gateway's own result shaping, as loaded. */
export const apolloComputeResponse: ComputeResponse = resultShaping.computeResponse;

export { compiledComputeResponse };

/** COMPILED_RESULT_SHAPING: true puts ./shape-response.ts in place of Apollo's, false puts Apollo's back (for the whole process). */
export function useCompiledResultShaping(compiled: boolean): void {
  resultShaping.computeResponse = compiled ? compiledComputeResponse : apolloComputeResponse;
}

/** Which one the gateway now calls. */
export function activeResultShaping(): 'compiled' | 'apollo' {
  return resultShaping.computeResponse === compiledComputeResponse ? 'compiled' : 'apollo';
}
