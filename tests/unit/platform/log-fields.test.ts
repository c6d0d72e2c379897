/** Log lines of bounded size whatever a client sends (platform/log-fields.ts, platform/logger.ts). */
import { Writable } from 'node:stream';
import pino from 'pino';
import { MAX_CLIENT_STRING, boundLogFields, clip, describeError } from '../../../platform/log-fields';
import { loggerOptions } from '../../../platform/logger';
import { maskError } from '../../../platform/errors';
import { useRequestLogging } from '../../../platform/request-logging';

const HUGE = 'x'.repeat(100_000);

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ ...loggerOptions('test'), level: 'info' }, stream), lines };
}

describe('clip', () => {
  it('keeps short strings and cuts long ones, saying how long they were', () => {
    expect(clip('Dashboard')).toBe('Dashboard');
    expect(clip(HUGE)).toBe(`${'x'.repeat(MAX_CLIENT_STRING)}… (100000 characters)`);
    expect(clip('abcdef', 3)).toBe('abc… (6 characters)');
  });
});

describe('boundLogFields', () => {
  it('cuts strings at any depth and long arrays, and leaves numbers, booleans and errors alone', () => {
    const error = new Error('kept as it is');
    const bounded = boundLogFields({ a: HUGE, n: 3, ok: true, nested: { path: [HUGE, 1] }, list: Array.from({ length: 60 }, (_, i) => i), error }, 10) as Record<string, any>;
    expect(bounded.a).toBe('xxxxxxxxxx… (100000 characters)');
    expect(bounded.nested.path).toEqual(['xxxxxxxxxx… (100000 characters)', 1]);
    expect(bounded.list).toHaveLength(51);
    expect(bounded.list[50]).toBe('… (60 items)');
    expect([bounded.n, bounded.ok, bounded.error]).toEqual([3, true, error]);
  });
});

describe('describeError', () => {
  it('keeps the stack frames and cuts the message', () => {
    const described = describeError(new TypeError(`Unknown operation named "${HUGE}"`));
    expect(described.length).toBeLessThan(3_000);
    expect(described).toMatch(/^TypeError: Unknown operation named "x+… \(\d+ characters\)\n\s+at /);
  });
});

describe('every service’s logger', () => {
  it('writes no line longer than a few KB, whatever the fields and the message', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ operationName: HUGE, detail: { deep: [HUGE] } }, HUGE);
    logger.error(HUGE);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThan(10_000);
    expect(JSON.parse(lines[0]).operationName).toMatch(/… \(100000 characters\)$/);
  });

  it('logs a client’s 100 KB operationName cut to 200 characters in the request line', async () => {
    const { logger, lines } = capturedLogger();
    const plugin = useRequestLogging(logger);
    const hooks = await plugin.requestDidStart!({ contextValue: { requestId: 'r1' }, request: { operationName: HUGE } } as never);
    await hooks!.willSendResponse!({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }], operationName: null } as never);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ requestId: 'r1', errors: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(entry.operationName).toBe(clip(HUGE));
    expect(lines[0].length).toBeLessThan(1_000);
  });

  it('logs an internal error with its stack but its message cut, and a client error not at all', () => {
    const logged: string[] = [];
    const mask = maskError((m) => logged.push(m));
    mask({ message: 'x', path: ['a'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error(`value ${HUGE}`));
    mask({ message: `Cannot query field "${HUGE}"`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, new Error(HUGE));
    expect(logged).toHaveLength(1);
    expect(logged[0].length).toBeLessThan(3_000);
    expect(logged[0]).toMatch(/^internal error at a: Error: value x+… \(100006 characters\)\n\s+at /);
  });
});
