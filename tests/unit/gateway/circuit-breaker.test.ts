/**
 * The circuit breaker of a subgraph's calls (gateway/fetchers/circuit-breaker.ts), over a
 * fake fetch and fake timers: no processes, no network, no waiting.
 */
import { GraphQLError } from 'graphql';
import { gatewayConfigFromEnv } from '../../../gateway/config';
import { maskGatewayError } from '../../../gateway/error-masking';
import { DEFAULT_BREAKER_FAILURE_THRESHOLD, DEFAULT_BREAKER_RESET_MS, subgraphFetcher, withCircuitBreaker, type SubgraphFetcher } from '../../../gateway/fetchers';
import { SubgraphCircuitOpenError, SubgraphResponseTooLargeError, SubgraphTimeoutError, SubgraphUnavailableError, subgraphFailure } from '../../../gateway/subgraph-errors';
import type { Logger } from '../../../platform/logger';
import { isolateEnv } from '../../support/isolated-env';

const URL_A = 'http://nordjylland.internal:4101/graphql';
const init = (query = '{ clusters { id } }'): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
const flush = () => new Promise((r) => setImmediate(r));

type Outcome = 'ok' | 'graphql-error' | 'refused' | 'status-500' | 'status-400' | 'hang' | 'abort';

/** A fake subgraph whose next answers are scripted; counts the calls that reach it. */
function fakeSubgraph() {
  const script: Outcome[] = [];
  let otherwise: Outcome = 'ok';
  const pending: Array<{ answer: () => void }> = [];
  let calls = 0;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: SubgraphFetcher = (_url, requestInit) => {
    calls++;
    const outcome = script.shift() ?? otherwise;
    switch (outcome) {
      case 'ok':
        return Promise.resolve(json({ data: { clusters: [] } }));
      case 'graphql-error':
        return Promise.resolve(json({ errors: [{ message: 'no such cluster', extensions: { code: 'BAD_USER_INPUT' } }] }));
      case 'status-500':
        return Promise.resolve(json({ errors: [{ message: 'boom' }] }, 500));
      case 'status-400':
        return Promise.resolve(json({ errors: [{ message: 'bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400));
      case 'refused':
        return Promise.reject(new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED ${URL_A}`) }));
      case 'abort':
        return Promise.reject(new DOMException('This operation was aborted', 'AbortError'));
      case 'hang':
        return new Promise<Response>((resolve, reject) => {
          pending.push({ answer: () => resolve(json({ data: { clusters: [] } })) });
          requestInit?.signal?.addEventListener('abort', () => reject(requestInit.signal!.reason));
        });
    }
  };
  return {
    fetch,
    get calls() {
      return calls;
    },
    pending,
    next: (...outcomes: Outcome[]) => script.push(...outcomes),
    otherwise: (outcome: Outcome) => (otherwise = outcome),
  };
}

function fakeLogger() {
  const lines: Array<{ level: string; entry: Record<string, unknown>; msg: string }> = [];
  const at = (level: string) => (entry: Record<string, unknown>, msg: string) => lines.push({ level, entry, msg });
  return { logger: { info: at('info'), warn: at('warn') } as unknown as Logger, lines, states: () => lines.map((l) => l.entry.circuit) };
}

const settle = (p: Promise<Response>) => p.then((r) => r.status, (e: unknown) => e);

beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('a subgraph’s circuit breaker', () => {
  function setup(failureThreshold = 3, resetMs = 5_000) {
    const subgraph = fakeSubgraph();
    const log = fakeLogger();
    const fetch = withCircuitBreaker(subgraph.fetch, { subgraph: 'nordjylland', failureThreshold, resetMs, logger: log.logger });
    return { subgraph, log, fetch };
  }

  it('opens after the threshold of failures in a row, then fails calls at once without making them', async () => {
    const { subgraph, log, fetch } = setup(3);
    subgraph.otherwise('refused');
    for (let i = 0; i < 3; i++) expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(TypeError);
    expect(subgraph.calls).toBe(3);

    const rejected = await settle(fetch(URL_A, init()));
    expect(rejected).toBeInstanceOf(SubgraphCircuitOpenError);
    expect(rejected).toBeInstanceOf(SubgraphUnavailableError);
    expect(rejected).toMatchObject({ subgraph: 'nordjylland', retryAfterMs: 5_000 });
    for (let i = 0; i < 10; i++) await settle(fetch(URL_A, init()));
    expect(subgraph.calls).toBe(3);
    // Logged once, with the subgraph's name and the last failure.
    expect(log.lines).toEqual([
      { level: 'warn', entry: expect.objectContaining({ subgraph: 'nordjylland', circuit: 'open', failureThreshold: 3, resetMs: 5_000, lastFailure: 'fetch failed' }), msg: expect.stringContaining('nordjylland') },
    ]);
  });

  it('counts failures in a row only: an answer in between starts the count again', async () => {
    const { subgraph, log, fetch } = setup(3);
    subgraph.next('refused', 'refused', 'ok', 'refused', 'refused', 'ok');
    for (let i = 0; i < 6; i++) await settle(fetch(URL_A, init()));
    expect(await settle(fetch(URL_A, init()))).toBe(200);
    expect(subgraph.calls).toBe(7);
    expect(log.lines).toEqual([]);
  });

  it('does not count a GraphQL error in a 200 answer, nor a 4xx answer, against the subgraph', async () => {
    const { subgraph, log, fetch } = setup(2);
    subgraph.next('graphql-error', 'graphql-error', 'status-400', 'status-400', 'graphql-error');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await settle(fetch(URL_A, init())));
    expect(statuses).toEqual([200, 200, 400, 400, 200]);
    expect(subgraph.calls).toBe(5);
    expect(log.states()).toEqual([]);
  });

  it('counts a 5xx answer against the subgraph, and hands it on as it is', async () => {
    const { subgraph, fetch } = setup(2);
    subgraph.otherwise('status-500');
    const first = await fetch(URL_A, init());
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ errors: [{ message: 'boom' }] });
    await settle(fetch(URL_A, init()));
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphCircuitOpenError);
  });

  it('does not count a call its caller aborted', async () => {
    const { subgraph, fetch } = setup(2);
    subgraph.next('abort', 'abort', 'abort');
    for (let i = 0; i < 3; i++) expect(await settle(fetch(URL_A, init()))).toMatchObject({ name: 'AbortError' });
    expect(await settle(fetch(URL_A, init()))).toBe(200);
  });

  it('does not count an answer over MAX_SUBGRAPH_RESPONSE_BYTES: the request asked for too much', async () => {
    const oversized: SubgraphFetcher = async () => new Response(JSON.stringify({ data: { text: 'x'.repeat(2_000) } }), { status: 200 });
    const fetch = subgraphFetcher({ subgraph: 'nordjylland', timeoutMs: 1_000, deduplicate: false, maxResponseBytes: 1_024, fetch: oversized, breaker: { failureThreshold: 2 } });
    for (let i = 0; i < 4; i++) expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphResponseTooLargeError);
  });

  it('half-opens after the reset time: one probe goes through while others fail at once, and an answer closes it', async () => {
    const { subgraph, log, fetch } = setup(2, 5_000);
    subgraph.next('refused', 'refused');
    await settle(fetch(URL_A, init()));
    await settle(fetch(URL_A, init()));
    jest.advanceTimersByTime(4_999);
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphCircuitOpenError);
    expect(subgraph.calls).toBe(2);

    jest.advanceTimersByTime(1);
    subgraph.next('hang');
    const probe = settle(fetch(URL_A, init()));
    await flush();
    expect(subgraph.calls).toBe(3);
    // While the probe runs, other calls neither wait for it nor reach the subgraph.
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphCircuitOpenError);
    expect(subgraph.calls).toBe(3);

    subgraph.pending[0].answer();
    expect(await probe).toBe(200);
    expect(await settle(fetch(URL_A, init()))).toBe(200);
    expect(await settle(fetch(URL_A, init()))).toBe(200);
    expect(subgraph.calls).toBe(5);
    expect(log.states()).toEqual(['open', 'half-open', 'closed']);
    expect(log.lines.map((l) => l.entry.subgraph)).toEqual(['nordjylland', 'nordjylland', 'nordjylland']);
  });

  it('opens again for another reset time when the probe fails', async () => {
    const { subgraph, log, fetch } = setup(2, 1_000);
    subgraph.otherwise('refused');
    await settle(fetch(URL_A, init()));
    await settle(fetch(URL_A, init()));
    jest.advanceTimersByTime(1_000);
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(TypeError);
    expect(subgraph.calls).toBe(3);
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphCircuitOpenError);
    expect(subgraph.calls).toBe(3);
    expect(log.states()).toEqual(['open', 'half-open', 'open']);

    subgraph.otherwise('ok');
    jest.advanceTimersByTime(1_000);
    expect(await settle(fetch(URL_A, init()))).toBe(200);
    expect(log.states()).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});

describe('the breaker in the composed policy', () => {
  it('counts timeouts: a hung subgraph costs the timeout a few times, then calls fail at once', async () => {
    const subgraph = fakeSubgraph();
    subgraph.otherwise('hang');
    const log = fakeLogger();
    const fetch = subgraphFetcher({ subgraph: 'syddanmark', timeoutMs: 2_000, deduplicate: true, fetch: subgraph.fetch, breaker: { failureThreshold: 2, resetMs: 10_000, logger: log.logger } });
    for (let i = 0; i < 2; i++) {
      const outcome = settle(fetch(URL_A, init()));
      await flush();
      jest.advanceTimersByTime(2_000);
      expect(await outcome).toBeInstanceOf(SubgraphTimeoutError);
    }
    expect(log.states()).toEqual(['open']);
    // No timer, no waiting: the answer comes without the clock moving.
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphCircuitOpenError);
    expect(jest.getTimerCount()).toBe(0);
    expect(subgraph.calls).toBe(2);
  });

  it('counts a call shared by deduplication once', async () => {
    const subgraph = fakeSubgraph();
    subgraph.otherwise('hang');
    const fetch = subgraphFetcher({ subgraph: 'syddanmark', timeoutMs: 1_000, deduplicate: true, fetch: subgraph.fetch, breaker: { failureThreshold: 2 } });
    const shared = [fetch(URL_A, init()), fetch(URL_A, init()), fetch(URL_A, init())].map(settle);
    await flush();
    jest.advanceTimersByTime(1_000);
    for (const outcome of await Promise.all(shared)) expect(outcome).toBeInstanceOf(SubgraphTimeoutError);
    expect(subgraph.calls).toBe(1);
    // One failure so far, under the threshold of two: the next call is still made.
    const next = settle(fetch(URL_A, init()));
    await flush();
    expect(subgraph.calls).toBe(2);
    jest.advanceTimersByTime(1_000);
    await next;
  });

  it('is on by default, with five failures in a row', async () => {
    const subgraph = fakeSubgraph();
    subgraph.otherwise('refused');
    const fetch = subgraphFetcher({ subgraph: 'nordjylland', timeoutMs: 1_000, deduplicate: false, fetch: subgraph.fetch });
    for (let i = 0; i < 5; i++) expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(TypeError);
    expect(await settle(fetch(URL_A, init()))).toBeInstanceOf(SubgraphCircuitOpenError);
  });
});

describe('what a client sees while a circuit is open', () => {
  it('DOWNSTREAM_SERVICE_ERROR naming the subgraph, with no log line of its own', () => {
    const logged: unknown[] = [];
    const logger = { error: (entry: unknown) => logged.push(entry) } as unknown as Logger;
    const error: GraphQLError = subgraphFailure('nordjylland', new SubgraphCircuitOpenError('nordjylland', 5_000));
    const formatted = maskGatewayError(logger)({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions } }, error);
    expect(formatted).toEqual({ message: 'Subgraph nordjylland could not be reached or failed.', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'nordjylland' } });
    expect(logged).toEqual([]);
  });
});

describe('BREAKER_FAILURE_THRESHOLD and BREAKER_RESET_MS', () => {
  const NAMES = ['BREAKER_FAILURE_THRESHOLD', 'BREAKER_RESET_MS'];
  isolateEnv(NAMES);

  it('default to five failures in a row and five seconds open, and are read from the environment', () => {
    expect(gatewayConfigFromEnv()).toMatchObject({ breakerFailureThreshold: DEFAULT_BREAKER_FAILURE_THRESHOLD, breakerResetMs: DEFAULT_BREAKER_RESET_MS });
    expect([DEFAULT_BREAKER_FAILURE_THRESHOLD, DEFAULT_BREAKER_RESET_MS]).toEqual([5, 5_000]);
    process.env.BREAKER_FAILURE_THRESHOLD = '3';
    process.env.BREAKER_RESET_MS = '1500';
    expect(gatewayConfigFromEnv()).toMatchObject({ breakerFailureThreshold: 3, breakerResetMs: 1_500 });
  });

  it.each([
    ['BREAKER_FAILURE_THRESHOLD', '0'],
    ['BREAKER_RESET_MS', 'soon'],
  ])('rejects %s=%s naming it', (name, value) => {
    process.env[name] = value;
    expect(() => gatewayConfigFromEnv()).toThrow(new RegExp(`^configuration error: ${name} .*"${value}"`));
  });
});
