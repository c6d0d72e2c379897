/** Readiness answers cached and shared (platform/readiness.ts), with a fake clock and a fake check. */
import { DEFAULT_READINESS_CACHE_MS, NotReadyError, cachedReadiness, envReadinessCacheMs, type Readiness } from '../../../platform/readiness';

function fakeCheck() {
  let calls = 0;
  let failure: Error | undefined;
  let release: (() => void) | undefined;
  let hold = false;
  const check = async () => {
    calls++;
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    if (failure) throw failure;
  };
  return {
    check,
    get calls() {
      return calls;
    },
    fail: (error: Error | undefined) => (failure = error),
    hold: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
  };
}

describe('cached readiness', () => {
  it('runs the check at most once per cache time', async () => {
    let clock = 0;
    const fake = fakeCheck();
    const ready = cachedReadiness(fake.check, { cacheMs: 1_000, now: () => clock });
    for (let i = 0; i < 10; i++) expect(await ready()).toEqual({ ready: true });
    expect(fake.calls).toBe(1);
    clock = 999;
    await ready();
    expect(fake.calls).toBe(1);
    clock = 1_000;
    await ready();
    expect(fake.calls).toBe(2);
  });

  it('shares one running check between the callers that come while it runs', async () => {
    const fake = fakeCheck();
    fake.hold();
    const ready = cachedReadiness(fake.check, { cacheMs: 0 });
    const waiting = Promise.all([ready(), ready(), ready()]);
    fake.release();
    expect(await waiting).toEqual([{ ready: true }, { ready: true }, { ready: true }]);
    expect(fake.calls).toBe(1);
    // A cache time of 0: every call after that checks again.
    await ready();
    expect(fake.calls).toBe(2);
  });

  it('says what is not ready with a NotReadyError, and nothing internal otherwise', async () => {
    let clock = 0;
    const fake = fakeCheck();
    const ready = cachedReadiness(fake.check, { cacheMs: 1_000, now: () => clock });
    fake.fail(new NotReadyError('subgraphs not ready: nordjylland'));
    expect(await ready()).toEqual({ ready: false, detail: 'subgraphs not ready: nordjylland', reason: 'subgraphs not ready: nordjylland' });
    clock += 1_000;
    fake.fail(new Error('connect ECONNREFUSED 10.0.0.5:5432'));
    const outcome = await ready();
    expect(outcome).toMatchObject({ ready: false, reason: 'connect ECONNREFUSED 10.0.0.5:5432' });
    expect(JSON.stringify((outcome as { detail: string }).detail)).not.toContain('10.0.0.5');
  });

  it('reports changes once each, not every failed check', async () => {
    let clock = 0;
    const fake = fakeCheck();
    const changes: Readiness[] = [];
    const ready = cachedReadiness(fake.check, { cacheMs: 10, now: () => clock, onChange: (o) => changes.push(o) });
    const tick = async () => {
      clock += 10;
      await ready();
    };
    await tick();
    fake.fail(new NotReadyError('subgraphs not ready: syddanmark'));
    for (let i = 0; i < 5; i++) await tick();
    fake.fail(undefined);
    for (let i = 0; i < 5; i++) await tick();
    expect(changes.map((c) => c.ready)).toEqual([false, true]);
  });
});

describe('READINESS_CACHE_MS', () => {
  const saved = process.env.READINESS_CACHE_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.READINESS_CACHE_MS;
    else process.env.READINESS_CACHE_MS = saved;
  });

  it('defaults to one second, accepts 0, and rejects what is not a whole number', () => {
    delete process.env.READINESS_CACHE_MS;
    expect(envReadinessCacheMs()).toBe(DEFAULT_READINESS_CACHE_MS);
    expect(DEFAULT_READINESS_CACHE_MS).toBe(1_000);
    process.env.READINESS_CACHE_MS = '0';
    expect(envReadinessCacheMs()).toBe(0);
    process.env.READINESS_CACHE_MS = 'soon';
    expect(() => envReadinessCacheMs()).toThrow(/READINESS_CACHE_MS/);
  });
});
