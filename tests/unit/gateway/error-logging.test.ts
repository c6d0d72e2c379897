/** What the gateway's error masking writes to the log: bounded, and no stack for a client's mistake. */
import { GraphQLError } from 'graphql';
import { maskGatewayError } from '../../../gateway/error-masking';
import { subgraphFailure } from '../../../gateway/subgraph-errors';
import type { Logger } from '../../../platform/logger';

const HUGE = 'x'.repeat(100_000);

function setup() {
  const logged: Array<{ level: string; entry: Record<string, unknown>; msg: string }> = [];
  const at = (level: string) => (entry: Record<string, unknown>, msg: string) => logged.push({ level, entry, msg });
  const mask = maskGatewayError({ error: at('error'), warn: at('warn') } as unknown as Logger);
  return { mask, logged };
}

describe('the gateway’s error log', () => {
  it('logs an operation the gateway cannot choose (INVALID_GRAPHQL) as one line, its message cut, no stack', () => {
    const { mask, logged } = setup();
    const error = new GraphQLError(`Unknown operation named "${HUGE}"`, { extensions: { code: 'INVALID_GRAPHQL' } });
    const formatted = mask({ message: error.message, extensions: { code: 'INVALID_GRAPHQL' } }, error);
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toEqual([{ level: 'warn', entry: { code: 'INVALID_GRAPHQL', detail: expect.stringMatching(/^Unknown operation named "x+… \(100026 characters\)$/) }, msg: 'client error' }]);
  });

  it('logs a subgraph failure with the innermost stack, every message cut', () => {
    const { mask, logged } = setup();
    const error = subgraphFailure('nordjylland', new TypeError(`fetch failed ${HUGE}`, { cause: new Error(`connect ECONNREFUSED ${HUGE}`) }));
    mask({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions } }, error);
    expect(logged).toHaveLength(1);
    const detail = String(logged[0].entry.detail);
    expect(detail.length).toBeLessThan(5_000);
    expect(detail).toContain('connect ECONNREFUSED');
    expect(detail).toMatch(/\n\s+at /);
  });
});
