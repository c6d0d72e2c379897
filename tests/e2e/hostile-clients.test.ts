/**
 * Clients that cost a service without sending anything heavy, against real processes in
 * production mode on 127.0.0.1: headers sent one line at a time (slowloris), connections
 * opened and left idle, a 100 KB operationName and huge invalid queries in the logs, and the
 * gateway's readiness asked again and again. The regional subgraphs are not started: their
 * URLs point at a closed port, which the gateway's readiness must name.
 */
import { connect, type Socket } from 'node:net';
import { startServiceProcess, type ServiceProcess } from '../../tools/hub';
import { startDelayProxy, type DelayProxy } from '../support/delay-proxy';
import { waitFor } from '../support/wait-for';

const HEADERS_TIMEOUT_MS = 1_000;
const serverEnv = { NODE_ENV: 'production', LOG_LEVEL: 'info', HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: '3000' };
// This suite talks to the councils subgraph straight, as a client would reach an exposed port
// that has no credential (its refusal of unsigned calls is tested elsewhere).
const unauthenticated = { SUBGRAPH_SECRET: undefined, ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true' };

let councils: ServiceProcess;
let gateway: ServiceProcess;
let councilsProxy: DelayProxy;
const logs: Record<'gateway' | 'councils', string[]> = { gateway: [], councils: [] };

beforeAll(async () => {
  councils = await startServiceProcess({ name: 'councils', env: { ...serverEnv, ...unauthenticated, COUNCILS_PORT: '0' }, log: (l) => logs.councils.push(l) });
  councilsProxy = await startDelayProxy(councils.url);
  gateway = await startServiceProcess({
    name: 'gateway',
    env: {
      ...serverEnv,
      SUBGRAPH_SECRET: undefined,
      GATEWAY_PORT: '0',
      CACHE_MAX_AGE: '0',
      // Long enough that every readiness call of the test after the first is answered from the cache.
      READINESS_CACHE_MS: '60000',
      NORDJYLLAND_URL: 'http://127.0.0.1:1/graphql',
      SYDDANMARK_URL: 'http://127.0.0.1:1/graphql',
      COUNCILS_URL: councilsProxy.url,
    },
    log: (l) => logs.gateway.push(l),
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([gateway, councils].filter(Boolean).map((s) => s.stop()));
  await councilsProxy?.close();
}, 60_000);

const services = () => ({ gateway, councils });
const portOf = (service: ServiceProcess) => Number(new URL(service.url).port);

async function graphql(service: ServiceProcess, body: unknown, requestId?: string) {
  const res = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string } }> } };
}

/** A socket that has connected, with what it received and when it closed. */
function openSocket(port: number) {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  const state = { socket, received: '', closedAt: undefined as number | undefined, connected: false };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (state.received += chunk));
  socket.on('connect', () => (state.connected = true));
  socket.on('error', () => {});
  socket.on('close', () => (state.closedAt = Date.now()));
  return state;
}

describe.each(['gateway', 'councils'] as const)('the %s, against a slowloris client', (name) => {
  it('cuts off headers that do not arrive within HEADERS_TIMEOUT_MS, and keeps serving meanwhile', async () => {
    const service = services()[name];
    const slow = openSocket(portOf(service));
    await waitFor(() => slow.connected, { description: 'the slow client’s connection' });
    const started = Date.now();
    slow.socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    // One header line every 200 ms, never the blank line that ends them: at most 50 (10 s).
    let sent = 0;
    const dribble = setInterval(() => {
      if (slow.closedAt !== undefined || sent >= 50) return clearInterval(dribble);
      slow.socket.write(`x-slow-${sent++}: 1\r\n`);
    }, 200);
    try {
      // Meanwhile, other clients are served.
      const during = await graphql(service, { query: '{ regions { code } }' });
      expect(during.status).toBe(200);
      expect(slow.closedAt).toBeUndefined();

      await waitFor(() => slow.closedAt, { timeoutMs: 8_000, description: 'the server closing the slow connection' });
      const heldMs = slow.closedAt! - started;
      // Bounded: the headers timeout plus Node's check interval (at most a second), with room for a busy machine.
      expect(heldMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(heldMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2_500);
      expect(slow.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(sent).toBeLessThan(50);
    } finally {
      clearInterval(dribble);
      slow.socket.destroy();
    }
    const after = await graphql(service, { query: '{ regions { code } }' });
    expect(after.json.data.regions).toHaveLength(2);
  }, 30_000);
});

describe('the connection cap', () => {
  /** Three idle connections fill the cap; the fourth is closed by the server without a byte. */
  async function refusedPastTheCap(capped: ServiceProcess, sockets: Array<ReturnType<typeof openSocket>>) {
    for (let i = 0; i < 3; i++) sockets.push(openSocket(portOf(capped)));
    await waitFor(() => sockets.every((s) => s.connected), { description: 'three idle connections' });
    const refused = openSocket(portOf(capped));
    sockets.push(refused);
    await waitFor(() => refused.closedAt, { timeoutMs: 3_000, description: 'the fourth connection closed by the server' });
    expect(refused.received).toBe('');
    expect(sockets.slice(0, 3).every((s) => s.closedAt === undefined)).toBe(true);
  }

  it('refuses connections past MAX_CONNECTIONS at once, and serves again once they close', async () => {
    const capped = await startServiceProcess({ name: 'councils-capped', service: 'councils', env: { NODE_ENV: 'production', ...unauthenticated, COUNCILS_PORT: '0', MAX_CONNECTIONS: '3' } });
    const sockets: Array<ReturnType<typeof openSocket>> = [];
    try {
      await refusedPastTheCap(capped, sockets);
      for (const s of sockets) s.socket.destroy();
      const res = await waitFor(
        async () => {
          const r = await fetch(capped.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ regions { code } }"}' });
          return r.ok && ((await r.json()) as { data: { regions: unknown[] } });
        },
        { description: 'an answer once the idle connections are gone' },
      );
      expect(res.data.regions).toHaveLength(2);
    } finally {
      for (const s of sockets) s.socket.destroy();
      // Stopped whatever happened: a process left running would keep the test run from ending.
      await capped.stop();
    }
  }, 60_000);
});

describe('client mistakes in the logs', () => {
  const HUGE = 'x'.repeat(100_000);
  const mistakes: Array<[string, unknown, string]> = [
    ['validation', { query: '{ nope }', operationName: HUGE }, 'GRAPHQL_VALIDATION_FAILED'],
    ['parse', { query: '{ regions { code } ', operationName: HUGE }, 'GRAPHQL_PARSE_FAILED'],
    ['huge field name', { query: `{ ${'y'.repeat(95_000)} }` }, 'GRAPHQL_VALIDATION_FAILED'],
    ['huge unterminated string', { query: `{ region(code: "${'z'.repeat(95_000)} }` }, 'GRAPHQL_PARSE_FAILED'],
    ['bad variable', { query: 'query R($c: RegionCode!) { region(code: $c) { code } }', variables: { c: 'v'.repeat(95_000) } }, 'BAD_USER_INPUT'],
  ];

  it.each(['gateway', 'councils'] as const)('the %s logs each as one line with its code, no stack, and no line over 4 KB', async (name) => {
    const service = services()[name];
    const lines = logs[name];
    const from = lines.length;
    for (const [label, body, code] of mistakes) {
      const res = await graphql(service, body, `mistake-${name}-${label.replace(/ /g, '-')}`);
      expect(res.json.errors?.[0].extensions?.code).toBe(code);
    }
    // An operationName the document does not define: the client's mistake too.
    await graphql(service, { query: '{ regions { code } }', operationName: HUGE }, `mistake-${name}-unknown-operation`);

    // Each request has its one line: wait for the last, which comes over a pipe.
    await waitFor(() => lines.slice(from).some((l) => l.includes('mistake-' + name + '-unknown-operation')), { description: `the ${name}’s last request line` });
    const written = lines.slice(from);
    for (const line of written) {
      expect(Buffer.byteLength(line)).toBeLessThan(4_096);
      expect(line).not.toMatch(/\\n\s+at |\n\s+at |stack/);
    }
    for (const [label, , code] of mistakes) {
      const id = `mistake-${name}-${label.replace(/ /g, '-')}`;
      const own = written.map((l) => JSON.parse(l)).filter((entry) => entry.requestId === id);
      expect(own).toEqual([expect.objectContaining({ msg: 'graphql request', errors: [code] })]);
    }
    const named = written.map((l) => JSON.parse(l)).find((entry) => entry.requestId === `mistake-${name}-validation`);
    expect(named.operationName).toBe(`${'x'.repeat(200)}… (100000 characters)`);
  }, 30_000);
});

describe('the gateway’s readiness', () => {
  it('names the subgraphs that are not ready, and asks them once per READINESS_CACHE_MS', async () => {
    const before = councilsProxy.received;
    const answers = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(new URL('/health/ready', gateway.url));
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers.every((a) => a.status === 503)).toBe(true);
    expect(answers[0].body).toEqual({ status: 'unavailable', service: 'gateway', detail: 'subgraphs not ready: nordjylland, syddanmark' });
    // Twenty calls, one fan-out: the councils subgraph was asked once.
    expect(councilsProxy.received - before).toBe(1);
    const notReady = logs.gateway.filter((l) => l.includes('"msg":"not ready"'));
    expect(notReady).toHaveLength(1);
  });
});
