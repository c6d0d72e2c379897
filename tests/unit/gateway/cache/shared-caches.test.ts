/**
 * The shared caches' logic over a fake of Redis (a Map that can be made to fail): keys that
 * carry the data version, a write that moves it on, failing open when Redis fails, what
 * the metrics are told and the rate-limited log, and APQ that stores nothing of an authenticated request.
 * No network: ioredis's own timeout is what turns a slow Redis into a failure like these.
 */
import type { Request, Response } from 'express';
import { cacheFailureReporter, type CacheFailure } from '../../../../gateway/cache/cache-failures';
import type { CacheResult } from '../../../../platform/metrics/cache-metrics';
import { inAuthenticatedRequest, markAuthenticatedRequests } from '../../../../gateway/cache/authenticated-requests';
import { redisPersistedQueries } from '../../../../gateway/cache/persisted-queries';
import { decodeAnswer, encodeAnswer, redisResponseStore, responseKey } from '../../../../gateway/cache/redis-response-store';
import { cacheKey, responseCache } from '../../../../gateway/response-cache';
import { DATA_VERSION_KEY } from '../../../../platform/data-version';
import { FakeResponse, fakeRequest } from '../../platform/fake-http';

/** Redis's strings in a Map; `failing` makes every command reject as ioredis does when Redis is away. */
class FakeRedis {
  readonly data = new Map<string, Buffer>();
  readonly ttls = new Map<string, number>();
  failing: Error | undefined;
  private async run<T>(work: () => T): Promise<T> {
    await Promise.resolve();
    if (this.failing) throw this.failing;
    return work();
  }
  get = (key: string) => this.run(() => this.data.get(key)?.toString('utf8') ?? null);
  getBuffer = (key: string) => this.run(() => this.data.get(key) ?? null);
  set = (key: string, value: string | Buffer, mode: 'EX' | 'PX', ttl: number) =>
    this.run(() => {
      this.data.set(key, Buffer.from(value));
      this.ttls.set(key, mode === 'PX' ? ttl : ttl * 1000);
      return 'OK' as const;
    });
  incr = (key: string) => this.run(() => {
    const next = Number(this.data.get(key)?.toString() ?? '0') + 1;
    this.data.set(key, Buffer.from(String(next)));
    return next;
  });
  del = (key: string) => this.run(() => (this.data.delete(key) ? 1 : 0));
}

const QUERY = '{ cluster(id: "nordjylland-midt") { name } }';

/** Plays Apollo: a public 200 answer, numbered so each differs. */
function apollo() {
  let calls = 0;
  return {
    calls: () => calls,
    answer(res: FakeResponse) {
      calls++;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'max-age=30, public');
      res.end(JSON.stringify({ data: { cluster: { name: `answer ${calls}` } } }));
    },
  };
}

/** Lets the fake Redis's pending commands (the store of an answer) finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Runs the (asynchronous) middleware until it answers or passes the request on, and its commands are done. */
function ask(middleware: ReturnType<typeof responseCache>, body: unknown, downstream: (res: FakeResponse) => void, headers: Record<string, string> = {}) {
  return new Promise<{ res: FakeResponse; passedOn: boolean }>((resolve, reject) => {
    const res = new FakeResponse();
    let passedOn = false;
    const done = () => void settle().then(() => resolve({ res, passedOn }));
    const end = res.end.bind(res);
    res.end = ((chunk?: string | Buffer) => {
      end(chunk);
      done();
      return res;
    }) as typeof res.end;
    middleware(fakeRequest({ body, headers }), res as unknown as Response, (error?: unknown) => {
      if (error) reject(error);
      passedOn = true;
      downstream(res);
      if (!res.ended) done();
    });
  });
}

/** Counts what a cache tells its metrics (a CacheObserver). */
function observed() {
  const counts: Record<CacheResult, number> = { hit: 0, miss: 0, error: 0 };
  return { counts, observe: (result: CacheResult) => void counts[result]++ };
}

function setup() {
  const redis = new FakeRedis();
  const failures: unknown[] = [];
  const { counts, observe } = observed();
  const failed: CacheFailure = (_cache, error) => {
    observe('error');
    failures.push(error);
  };
  const middleware = responseCache({ maxAgeSeconds: 60, observe, store: redisResponseStore(redis, failed) });
  return { redis, failures, counts, middleware, upstream: apollo() };
}

describe('the response cache in Redis', () => {
  it('keeps an answer under the data version and the request’s key, for its max-age, and serves it from there', async () => {
    const { redis, counts, middleware, upstream } = setup();
    expect((await ask(middleware, { query: QUERY }, upstream.answer)).passedOn).toBe(true);
    const key = responseKey('0', cacheKey({ query: QUERY }));
    expect(key).toBe(`response:0:${cacheKey({ query: QUERY })}`);
    expect([...redis.data.keys()]).toEqual([key]);
    expect(redis.ttls.get(key)).toBe(30_000);

    const hit = await ask(middleware, { query: QUERY }, upstream.answer);
    expect(hit.passedOn).toBe(false);
    expect(hit.res.getHeader('age')).toBe('0');
    expect(JSON.parse(hit.res.text)).toEqual({ data: { cluster: { name: 'answer 1' } } });
    expect(upstream.calls()).toBe(1);
    expect(counts).toEqual({ hit: 1, miss: 1, error: 0 });
  });

  it('after clear() (a write) increments the version, so every replica misses the answers kept before', async () => {
    const { redis, middleware, upstream } = setup();
    await ask(middleware, { query: QUERY }, upstream.answer);
    await middleware.clear();
    expect(redis.data.get(DATA_VERSION_KEY)?.toString()).toBe('1');
    const after = await ask(middleware, { query: QUERY }, upstream.answer);
    expect(after.passedOn).toBe(true);
    expect(JSON.parse(after.res.text).data.cluster.name).toBe('answer 2');
    expect(redis.data.has(responseKey('1', cacheKey({ query: QUERY })))).toBe(true);
    // A second replica over the same Redis (a middleware of its own) finds the new answer.
    const replica = responseCache({ maxAgeSeconds: 60, store: redisResponseStore(redis, () => {}) });
    const elsewhere = await ask(replica, { query: QUERY }, upstream.answer);
    expect(elsewhere.passedOn).toBe(false);
    expect(JSON.parse(elsewhere.res.text).data.cluster.name).toBe('answer 2');
  });

  it('keeps an answer that was on its way during a write under the old version, where no request looks', async () => {
    const { redis, middleware, upstream } = setup();
    let answer = () => {};
    const slow = await ask(middleware, { query: QUERY }, (res) => (answer = () => upstream.answer(res)));
    expect(slow.passedOn).toBe(true);
    await middleware.clear();
    answer();
    await settle();
    expect(redis.data.has(responseKey('0', cacheKey({ query: QUERY })))).toBe(true);
    expect((await ask(middleware, { query: QUERY }, upstream.answer)).passedOn).toBe(true);
  });

  it('neither reads nor stores for a request with Authorization', async () => {
    const { redis, middleware, upstream } = setup();
    await ask(middleware, { query: QUERY }, upstream.answer, { authorization: 'Bearer a' });
    expect(redis.data.size).toBe(0);
    await ask(middleware, { query: QUERY }, upstream.answer);
    expect((await ask(middleware, { query: QUERY }, upstream.answer, { authorization: 'Bearer b' })).passedOn).toBe(true);
  });

  it('fails open: with Redis failing every request is passed on and answered, nothing is kept, each failure counted', async () => {
    const { redis, failures, counts, middleware, upstream } = setup();
    await ask(middleware, { query: QUERY }, upstream.answer);
    redis.failing = new Error('Command timed out');
    for (let i = 0; i < 3; i++) {
      const { passedOn, res } = await ask(middleware, { query: QUERY }, upstream.answer);
      expect(passedOn).toBe(true);
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.text).data.cluster.name).toBe(`answer ${i + 2}`);
    }
    // Each request failed at its first command (the version) and went on without the cache.
    expect(failures).toHaveLength(3);
    expect(counts).toEqual({ hit: 0, miss: 1, error: 3 });
    // A write while Redis fails still completes (its answer goes out), and is counted.
    await expect(middleware.clear()).resolves.toBeUndefined();
    expect(failures).toHaveLength(4);
  });

  it('fails open when only the lookup or only the store fails', async () => {
    const { redis, failures, middleware, upstream } = setup();
    const getBuffer = redis.getBuffer;
    redis.getBuffer = () => Promise.reject(new Error('Connection is closed.'));
    expect((await ask(middleware, { query: QUERY }, upstream.answer)).res.statusCode).toBe(200);
    redis.getBuffer = getBuffer;
    redis.set = () => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
    const answered = await ask(middleware, { query: `${QUERY} # 2` }, upstream.answer);
    expect(JSON.parse(answered.res.text).data).toBeDefined();
    expect(failures.map((e) => (e as Error).message)).toEqual(['Connection is closed.', "Stream isn't writeable and enableOfflineQueue options is false"]);
    expect(upstream.calls()).toBe(2);
  });
});

describe('an entry in Redis', () => {
  it('holds the answer’s bytes as they were, with its content type, time and max-age', () => {
    const answer = { body: Buffer.from('{"data":{"x":"æøå\\n"}}'), contentType: 'application/json; charset=utf-8', storedAt: 1_700_000_000_000, maxAgeSeconds: 30 };
    expect(decodeAnswer(encodeAnswer(answer))).toEqual(answer);
  });

  it('is a miss when it is not one this code wrote', () => {
    expect(decodeAnswer(Buffer.from('no newline'))).toBeUndefined();
    expect(decodeAnswer(Buffer.from('{"contentType":1}\n{}'))).toBeUndefined();
    expect(decodeAnswer(Buffer.from('not json\n{}'))).toBeUndefined();
  });
});

describe('the log of cache failures', () => {
  it('says at most once per interval how many have failed so far, and counts each as an error of its cache', () => {
    let clock = 0;
    const lines: Array<{ cache: string; cacheErrors: number }> = [];
    const response = observed();
    const persisted = observed();
    const report = cacheFailureReporter({ warn: ((entry: { cache: string; cacheErrors: number }) => lines.push(entry)) as never }, { intervalMs: 1_000, now: () => clock, observe: { response: response.observe, persistedQueries: persisted.observe } });
    for (let i = 0; i < 4; i++) report('persistedQueries', new Error('down'));
    report('response', new Error('down'));
    expect(persisted.counts.error).toBe(4);
    expect(response.counts.error).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ cache: 'persistedQueries', cacheErrors: 1 })]);
    clock += 1_000;
    report('response', new Error('down'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ cache: 'response', cacheErrors: 6 });
  });
});

describe('automatic persisted queries in Redis', () => {
  it('stores a registration with a TTL, finds it, and counts hits and misses', async () => {
    const redis = new FakeRedis();
    const { counts, observe } = observed();
    const store = redisPersistedQueries(redis, () => {}, { ttlSeconds: 3_600, authenticated: () => false, observe });
    expect(await store.get('apq:abc')).toBeUndefined();
    await store.set('apq:abc', QUERY);
    expect(redis.ttls.get('apq:abc')).toBe(3_600_000);
    expect(await store.get('apq:abc')).toBe(QUERY);
    await store.set('apq:def', QUERY, { ttl: 10 });
    expect(redis.ttls.get('apq:def')).toBe(10_000);
    expect(await store.delete('apq:abc')).toBe(true);
    expect(counts).toEqual({ hit: 1, miss: 1, error: 0 });
  });

  it('stores nothing registered by a request with Authorization', async () => {
    const redis = new FakeRedis();
    const store = redisPersistedQueries(redis, () => {}, { authenticated: () => true });
    await store.set('apq:abc', QUERY);
    expect(redis.data.size).toBe(0);
  });

  it('fails open: a lookup is a miss, a registration is dropped, each counted', async () => {
    const redis = new FakeRedis();
    redis.failing = new Error('Command timed out');
    const failures: string[] = [];
    const store = redisPersistedQueries(redis, (cache) => failures.push(cache), { authenticated: () => false });
    expect(await store.get('apq:abc')).toBeUndefined();
    await expect(store.set('apq:abc', QUERY)).resolves.toBeUndefined();
    expect(await store.delete('apq:abc')).toBe(false);
    expect(failures).toEqual(['persistedQueries', 'persistedQueries', 'persistedQueries']);
  });
});

describe('which request is authenticated', () => {
  it('is known to the work a request starts, and to no other', async () => {
    const seen: boolean[] = [];
    const later = (req: Request) =>
      new Promise<void>((resolve) =>
        markAuthenticatedRequests(req, {} as Response, () => {
          // As Apollo's work does: after a turn of the event loop.
          setImmediate(() => {
            seen.push(inAuthenticatedRequest());
            resolve();
          });
        }),
      );
    await Promise.all([later(fakeRequest({ headers: { authorization: 'Bearer x' } })), later(fakeRequest())]);
    expect(seen.sort()).toEqual([false, true]);
    expect(inAuthenticatedRequest()).toBe(false);
  });
});
