/** The gateway's response cache as middleware, with an injected clock: no server, no network. */
import { ENTRY_OVERHEAD_BYTES, cacheKey, canonicalJson, responseCache, type ResponseCacheOptions } from '../../../gateway/response-cache';
import { FakeResponse, fakeRequest, run } from '../platform/fake-http';

const QUERY = '{ cluster(id: "nordjylland-midt") { name } }';

/** Plays Apollo: a 200, public for 30 s unless told otherwise, numbered so each answer differs. */
function apollo(answer: { status?: number; cacheControl?: string | null; body?: unknown; chunked?: boolean } = {}) {
  let calls = 0;
  const downstream = (res: FakeResponse) => {
    calls++;
    res.statusCode = answer.status ?? 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (answer.cacheControl !== null) res.setHeader('cache-control', answer.cacheControl ?? 'max-age=30, public');
    const text = JSON.stringify(answer.body ?? { data: { cluster: { name: `answer ${calls}` } } });
    if (answer.chunked) {
      res.write(text.slice(0, 5));
      res.end(text.slice(5));
    } else res.end(text);
  };
  return { downstream, calls: () => calls };
}

function setup(options: Partial<ResponseCacheOptions> = {}) {
  let clock = 1_000_000;
  const logged: unknown[] = [];
  const middleware = responseCache({ maxAgeSeconds: 60, now: () => clock, logger: { info: ((entry: unknown) => logged.push(entry)) as never }, ...options });
  return {
    ask(body: unknown, upstream: ReturnType<typeof apollo>, options: { headers?: Record<string, string>; requestId?: string } = {}) {
      const res = new FakeResponse();
      if (options.requestId) res.locals.requestId = options.requestId;
      return run(middleware, fakeRequest({ body, headers: options.headers }), upstream.downstream, res);
    },
    advance: (ms: number) => (clock += ms),
    logged,
  };
}

describe('the response cache', () => {
  it('serves a repeated read from the cache with Age and the remaining max-age, and logs the hit with its request id', () => {
    const cache = setup();
    const upstream = apollo();
    const first = cache.ask({ query: QUERY }, upstream, { requestId: 'dashboard-req-1' });
    expect(first.passedOn).toBe(true);
    expect(cache.logged).toEqual([]);
    cache.advance(12_500);
    const hit = cache.ask({ query: QUERY }, upstream, { requestId: 'dashboard-req-2' });
    expect(hit.passedOn).toBe(false);
    expect(upstream.calls()).toBe(1);
    expect(hit.res.text).toBe(first.res.text);
    expect(hit.res.statusCode).toBe(200);
    expect(hit.res.getHeader('age')).toBe('12');
    expect(hit.res.getHeader('cache-control')).toBe('max-age=18, public');
    expect(hit.res.getHeader('content-type')).toBe('application/json; charset=utf-8');
    expect(cache.logged).toEqual([{ requestId: 'dashboard-req-2', operationName: null, cache: 'hit', durationMs: expect.any(Number) }]);
  });

  it('keeps an answer written in several chunks whole', () => {
    const cache = setup();
    const upstream = apollo({ chunked: true });
    const first = cache.ask({ query: QUERY }, upstream);
    expect(cache.ask({ query: QUERY }, upstream).res.text).toBe(first.res.text);
    expect(upstream.calls()).toBe(1);
  });

  it('lets an answer expire by the clock: its own max-age, capped by maxAgeSeconds', () => {
    const cache = setup({ maxAgeSeconds: 10 });
    const upstream = apollo({ cacheControl: 'max-age=30, public' });
    cache.ask({ query: QUERY }, upstream);
    cache.advance(9_999);
    expect(cache.ask({ query: QUERY }, upstream).passedOn).toBe(false);
    cache.advance(1);
    const expired = cache.ask({ query: QUERY }, upstream);
    expect(expired.passedOn).toBe(true);
    expect(expired.res.getHeader('age')).toBeUndefined();
    expect(upstream.calls()).toBe(2);

    const short = setup({ maxAgeSeconds: 60 });
    const brief = apollo({ cacheControl: 'max-age=2, public' });
    short.ask({ query: QUERY }, brief);
    short.advance(2_000);
    expect(short.ask({ query: QUERY }, brief).passedOn).toBe(true);
  });

  it('finds an answer whatever the key order of the JSON body', () => {
    const cache = setup();
    const upstream = apollo();
    cache.ask({ query: 'query($id: ID!, $to: Date) { cluster(id: $id) { name } }', variables: { id: 'nordjylland-syd', to: '2025-01-01' }, operationName: null }, upstream);
    const reordered = cache.ask({ operationName: null, variables: { to: '2025-01-01', id: 'nordjylland-syd' }, query: 'query($id: ID!, $to: Date) { cluster(id: $id) { name } }' }, upstream);
    expect(reordered.passedOn).toBe(false);
    expect(cacheKey({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(cacheKey({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
    expect(cacheKey({ query: QUERY })).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keeps answers to different variables apart', () => {
    const cache = setup();
    const upstream = apollo();
    const q = 'query($id: ID!) { cluster(id: $id) { name } }';
    const syd = cache.ask({ query: q, variables: { id: 'nordjylland-syd' } }, upstream);
    const vest = cache.ask({ query: q, variables: { id: 'nordjylland-vest' } }, upstream);
    expect(vest.passedOn).toBe(true);
    expect(vest.res.text).not.toBe(syd.res.text);
    expect(cache.ask({ query: q, variables: { id: 'nordjylland-syd' } }, upstream).res.text).toBe(syd.res.text);
    expect(cache.ask({ query: q, variables: { id: 'nordjylland-vest' } }, upstream).res.text).toBe(vest.res.text);
    expect(upstream.calls()).toBe(2);
  });

  it.each([
    ['an answer without Cache-Control (Apollo sends none when there are errors)', { cacheControl: null, body: { errors: [{ message: 'x' }] } }],
    ['a private answer', { cacheControl: 'max-age=30, private' }],
    ['an answer with max-age=0', { cacheControl: 'max-age=0, public' }],
    ['a public answer without max-age', { cacheControl: 'public' }],
    ['a no-store answer', { cacheControl: 'no-store' }],
    ['a non-200 answer, even if marked public', { status: 400, cacheControl: 'max-age=30, public' }],
    ['a 500', { status: 500 }],
  ])('never keeps %s', (_name, answer) => {
    const cache = setup();
    const upstream = apollo(answer);
    cache.ask({ query: QUERY }, upstream);
    const again = cache.ask({ query: QUERY }, upstream);
    expect(again.passedOn).toBe(true);
    expect(upstream.calls()).toBe(2);
  });

  it('neither serves nor stores requests with an Authorization header', () => {
    const cache = setup();
    const upstream = apollo();
    cache.ask({ query: QUERY }, upstream, { headers: { authorization: 'Bearer a' } });
    expect(cache.ask({ query: QUERY }, upstream).passedOn).toBe(true);
    expect(cache.ask({ query: QUERY }, upstream, { headers: { authorization: 'Bearer b' } }).passedOn).toBe(true);
    expect(upstream.calls()).toBe(3);
  });

  it('passes on what it does not cache: GET, no body, or caching off', () => {
    const upstream = apollo();
    const on = responseCache({ maxAgeSeconds: 60 });
    run(on, fakeRequest({ method: 'GET', body: { query: QUERY } }), upstream.downstream);
    expect(run(on, fakeRequest({ method: 'GET', body: { query: QUERY } }), upstream.downstream).passedOn).toBe(true);
    expect(run(on, fakeRequest({ body: undefined }), upstream.downstream).passedOn).toBe(true);
    const off = responseCache({ maxAgeSeconds: 0 });
    run(off, fakeRequest({ body: { query: QUERY } }), upstream.downstream);
    expect(run(off, fakeRequest({ body: { query: QUERY } }), upstream.downstream).passedOn).toBe(true);
  });

  it('is bounded: the least recently used answers go first once maxBytes is reached', () => {
    // Each answer is 40 bytes; with its key, content type and overhead as the cache counts: room for three.
    const entryBytes = 43 + 40 + 'application/json; charset=utf-8'.length + ENTRY_OVERHEAD_BYTES;
    const cache = setup({ maxBytes: 3 * entryBytes + entryBytes / 2 });
    const upstream = apollo();
    const ask = (n: number) => cache.ask({ query: QUERY, variables: { n } }, upstream);
    ask(1);
    ask(2);
    ask(3);
    expect(ask(1).passedOn).toBe(false); // 1 is now the most recently used
    ask(4); // evicts 2
    expect(ask(1).passedOn).toBe(false);
    expect(ask(3).passedOn).toBe(false);
    expect(ask(2).passedOn).toBe(true);
  });

  it('counts each entry’s key and answer, so distinct large request bodies cannot grow it past maxBytes', () => {
    const maxBytes = 64 * 1024;
    const middleware = responseCache({ maxAgeSeconds: 60, maxBytes });
    const upstream = apollo();
    const comment = `# ${'x'.repeat(95_000)}\n`;
    run(middleware, fakeRequest({ body: { query: `${comment}${QUERY}`, variables: { n: 0 } } }), upstream.downstream);
    const one = middleware.held();
    expect(one.entries).toBe(1);
    // Keyed by a hash: the 95 KB body does not count, the key and the answer do.
    expect(one.bytes).toBe(43 + JSON.stringify({ data: { cluster: { name: 'answer 1' } } }).length + 'application/json; charset=utf-8'.length + ENTRY_OVERHEAD_BYTES);
    for (let n = 1; n < 1_000; n++) run(middleware, fakeRequest({ body: { query: `${comment}${QUERY}`, variables: { n } } }), upstream.downstream);
    expect(middleware.held().bytes).toBeLessThanOrEqual(maxBytes);
    expect(middleware.held().entries).toBe(Math.floor(maxBytes / one.bytes));
  });

  it('drops entries when their time is up, even if nobody asks for them again', () => {
    jest.useFakeTimers();
    try {
      let clock = 5_000_000;
      const middleware = responseCache({ maxAgeSeconds: 10, now: () => clock });
      const upstream = apollo({ cacheControl: 'max-age=2, public' });
      run(middleware, fakeRequest({ body: { query: QUERY } }), upstream.downstream);
      run(middleware, fakeRequest({ body: { query: QUERY, variables: { other: true } } }), apollo({ cacheControl: 'max-age=30, public' }).downstream);
      expect(middleware.held().entries).toBe(2);
      clock += 2_100;
      jest.advanceTimersByTime(2_100);
      // The 2-second answer is gone, the other (capped at 10 s) stays until its own time.
      expect(middleware.held().entries).toBe(1);
      clock += 8_000;
      jest.advanceTimersByTime(8_000);
      expect(middleware.held()).toEqual({ entries: 0, bytes: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('is emptied by clear() (after a write), and keeps no answer that was on its way while it was emptied', () => {
    const middleware = responseCache({ maxAgeSeconds: 60 });
    const upstream = apollo();
    const ask = (variables: unknown, downstream = upstream.downstream) => run(middleware, fakeRequest({ body: { query: QUERY, variables } }), downstream);
    ask({ n: 0 });
    expect(middleware.held().entries).toBe(1);
    middleware.clear();
    expect(middleware.held()).toEqual({ entries: 0, bytes: 0 });
    expect(ask({ n: 0 }).passedOn).toBe(true);
    expect(ask({ n: 0 }).passedOn).toBe(false);

    // A read sent to the subgraphs before a write, answered after it: passed on, not kept.
    let answer = () => {};
    const slow = ask({ n: 1 }, (res) => (answer = () => upstream.downstream(res)));
    middleware.clear();
    answer();
    expect(JSON.parse(slow.res.text)).toEqual({ data: { cluster: { name: 'answer 3' } } });
    expect(middleware.held().entries).toBe(0);
    expect(ask({ n: 1 }).passedOn).toBe(true);
    expect(ask({ n: 1 }).passedOn).toBe(false);
  });

  it('answers a body nested too deeply to key with 400 BAD_REQUEST, not an exception', () => {
    const middleware = responseCache({ maxAgeSeconds: 60 });
    let nested: unknown = 1;
    for (let i = 0; i < 200_000; i++) nested = [nested];
    const upstream = apollo();
    const { res, passedOn } = run(middleware, fakeRequest({ body: { query: QUERY, variables: { nested } } }), upstream.downstream);
    expect(passedOn).toBe(false);
    expect(res.statusCode).toBe(400);
    expect(res.getHeader('content-type')).toContain('application/json');
    expect(JSON.parse(res.text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
    expect(upstream.calls()).toBe(0);
  });
});
