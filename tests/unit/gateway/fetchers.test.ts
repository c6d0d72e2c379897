/** The gateway's subgraph fetch policy, over a fake fetch: no processes, no network. */
import { subgraphFetcher, withDeduplication, withTimeout, type SubgraphFetcher } from '../../../gateway/fetchers';
import { SubgraphTimeoutError } from '../../../gateway/subgraph-errors';

const URL_A = 'http://nordjylland.internal:4101/graphql';
const QUERY = 'query Clusters__nordjylland__0 { clusters { id } }';

/** A fake subgraph: counts calls, answers when told (or at once), echoes the body it got. */
function fakeSubgraph() {
  const calls: Array<{ url: string; init?: RequestInit; answer: (status?: number) => void; fail: (e: Error) => void }> = [];
  let answerAtOnce = false;
  const fetch: SubgraphFetcher = (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const answer = (status = 200) =>
        resolve(new Response(JSON.stringify({ data: { call: calls.length, body: init?.body } }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'max-age=30, public' } }));
      calls.push({ url, init, answer, fail: reject });
      if (answerAtOnce) answer();
    });
  return {
    fetch,
    calls,
    answerAtOnce: () => (answerAtOnce = true),
  };
}

const post = (query: string, variables: unknown = {}, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ query, variables }),
});

const flush = () => new Promise((r) => setImmediate(r));

describe('deduplication', () => {
  it('makes two concurrent identical calls once, and gives each caller its own Response', async () => {
    const subgraph = fakeSubgraph();
    const fetch = withDeduplication(subgraph.fetch);
    const first = fetch(URL_A, post(QUERY));
    const second = fetch(URL_A, post(QUERY));
    await flush();
    expect(subgraph.calls).toHaveLength(1);
    subgraph.calls[0].answer();
    const [a, b] = await Promise.all([first, second]);
    expect(a).not.toBe(b);
    expect(a.headers.get('cache-control')).toBe('max-age=30, public');
    expect(b.status).toBe(200);
    // Each body can be read, and changing one caller's answer does not change the other's.
    const bodyA = (await a.json()) as { data: Record<string, unknown> };
    bodyA.data.call = 'changed';
    expect(await b.json()).toEqual({ data: { call: 1, body: post(QUERY).body } });
  });

  it('makes the call again once the shared one has finished', async () => {
    const subgraph = fakeSubgraph();
    subgraph.answerAtOnce();
    const fetch = withDeduplication(subgraph.fetch);
    await fetch(URL_A, post(QUERY));
    await fetch(URL_A, post(QUERY));
    expect(subgraph.calls).toHaveLength(2);
  });

  it.each([
    ['different variables', post(QUERY, { region: 'NORDJYLLAND' }), post(QUERY, { region: 'SYDDANMARK' }), URL_A],
    ['different queries', post(QUERY), post('{ regions { code } }'), URL_A],
    ['different subgraphs', post(QUERY), post(QUERY), 'http://syddanmark.internal:4102/graphql'],
  ])('makes calls with %s separately', async (_name, one, other, otherUrl) => {
    const subgraph = fakeSubgraph();
    subgraph.answerAtOnce();
    const fetch = withDeduplication(subgraph.fetch);
    await Promise.all([fetch(URL_A, one), fetch(otherUrl, other)]);
    expect(subgraph.calls).toHaveLength(2);
  });

  it.each([
    ['mutations', post('mutation Publish__nordjylland__0 { publish { id } }')],
    ['mutations after a comment', post('# publish\nmutation { publish { id } }')],
    ['subscriptions', post('subscription { changed { id } }')],
    ['calls with an Authorization header', post(QUERY, {}, { Authorization: 'Bearer token' })],
    ['calls with an Authorization header in a Headers object', { ...post(QUERY), headers: new Headers({ authorization: 'Bearer token' }) }],
    ['GET requests', { method: 'GET' }],
    ['bodies that are not JSON', { method: 'POST', body: 'query { a }' }],
  ])('never shares %s', async (_name, init) => {
    const subgraph = fakeSubgraph();
    subgraph.answerAtOnce();
    const fetch = withDeduplication(subgraph.fetch);
    await Promise.all([fetch(URL_A, init), fetch(URL_A, init)]);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('shares anonymous and named queries, also after whitespace and comments', async () => {
    for (const query of ['{ regions { code } }', '  \n# dashboard\nquery Q { regions { code } }']) {
      const subgraph = fakeSubgraph();
      subgraph.answerAtOnce();
      const fetch = withDeduplication(subgraph.fetch);
      await Promise.all([fetch(URL_A, post(query)), fetch(URL_A, post(query))]);
      expect(subgraph.calls).toHaveLength(1);
    }
  });

  it('passes a failure to every caller waiting for it, and does not keep it', async () => {
    const subgraph = fakeSubgraph();
    const fetch = withDeduplication(subgraph.fetch);
    const waiting = [fetch(URL_A, post(QUERY)), fetch(URL_A, post(QUERY)), fetch(URL_A, post(QUERY))];
    await flush();
    expect(subgraph.calls).toHaveLength(1);
    const refused = new TypeError('fetch failed');
    subgraph.calls[0].fail(refused);
    for (const result of await Promise.allSettled(waiting)) expect(result).toEqual({ status: 'rejected', reason: refused });

    const retry = fetch(URL_A, post(QUERY));
    await flush();
    expect(subgraph.calls).toHaveLength(2);
    subgraph.calls[1].answer();
    expect((await retry).status).toBe(200);
  });

  it('hands a non-2xx answer to every caller as it is', async () => {
    const subgraph = fakeSubgraph();
    const fetch = withDeduplication(subgraph.fetch);
    const waiting = [fetch(URL_A, post(QUERY)), fetch(URL_A, post(QUERY))];
    await flush();
    subgraph.calls[0].answer(503);
    expect((await Promise.all(waiting)).map((r) => r.status)).toEqual([503, 503]);
  });
});

describe('timeouts', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('throws SubgraphTimeoutError and aborts the call when the subgraph does not answer in time', async () => {
    const subgraph = fakeSubgraph();
    const fetch = withTimeout(subgraph.fetch, { subgraph: 'syddanmark', timeoutMs: 2_000 });
    const call = fetch(URL_A, post(QUERY));
    const outcome = call.catch((e: unknown) => e);
    await flush();
    jest.advanceTimersByTime(1_999);
    await flush();
    expect(subgraph.calls[0].init?.signal?.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(SubgraphTimeoutError);
    expect(error).toMatchObject({ subgraph: 'syddanmark', timeoutMs: 2_000 });
    expect(subgraph.calls[0].init?.signal?.aborted).toBe(true);
    expect(subgraph.calls[0].init?.signal?.reason).toBe(error);
  });

  it('passes an answer within the time through, and leaves no timer behind', async () => {
    const subgraph = fakeSubgraph();
    subgraph.answerAtOnce();
    const fetch = withTimeout(subgraph.fetch, { subgraph: 'nordjylland', timeoutMs: 2_000 });
    const res = await fetch(URL_A, post(QUERY));
    expect(res.status).toBe(200);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('passes other failures through unchanged', async () => {
    const refused = new TypeError('fetch failed');
    const fetch = withTimeout(() => Promise.reject(refused), { subgraph: 'nordjylland', timeoutMs: 2_000 });
    await expect(fetch(URL_A, post(QUERY))).rejects.toBe(refused);
  });

  it('times out a body that does not arrive in time', async () => {
    const stalled: SubgraphFetcher = async () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"da')) }), { status: 200 });
    const fetch = withTimeout(stalled, { subgraph: 'nordjylland', timeoutMs: 500 });
    const outcome = fetch(URL_A, post(QUERY)).catch((e: unknown) => e);
    await flush();
    jest.advanceTimersByTime(500);
    expect(await outcome).toBeInstanceOf(SubgraphTimeoutError);
  });
});

describe('the composed policy', () => {
  it('shares one deadline between the callers of a shared call', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const subgraph = fakeSubgraph();
      const fetch = subgraphFetcher({ subgraph: 'syddanmark', timeoutMs: 1_000, deduplicate: true, fetch: subgraph.fetch });
      const outcomes = [fetch(URL_A, post(QUERY)), fetch(URL_A, post(QUERY))].map((p) => p.catch((e: unknown) => e));
      await flush();
      expect(subgraph.calls).toHaveLength(1);
      jest.advanceTimersByTime(1_000);
      for (const e of await Promise.all(outcomes)) expect(e).toBeInstanceOf(SubgraphTimeoutError);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not deduplicate when told not to (DEDUPLICATE_SUBGRAPH_REQUESTS=false)', async () => {
    const subgraph = fakeSubgraph();
    subgraph.answerAtOnce();
    const fetch = subgraphFetcher({ subgraph: 'nordjylland', timeoutMs: 1_000, deduplicate: false, fetch: subgraph.fetch });
    await Promise.all([fetch(URL_A, post(QUERY)), fetch(URL_A, post(QUERY))]);
    expect(subgraph.calls).toHaveLength(2);
  });
});
