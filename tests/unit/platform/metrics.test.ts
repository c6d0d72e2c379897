/** The metrics of platform/metrics: registries, bounded labels, the token check, cache and pool metrics, the Apollo plugin. No server. */
import type { Registry } from 'prom-client';
import { bearsToken, metricsTokenFromEnv } from '../../../platform/metrics/endpoint';
import { cacheObserver } from '../../../platform/metrics/cache-metrics';
import { observePools } from '../../../platform/metrics/db-pool';
import { MAX_LABEL_LENGTH, OTHER_LABEL, boundedLabel, createServiceMetrics } from '../../../platform/metrics/registry';
import { useMetrics } from '../../../platform/metrics/use-metrics';

/** The samples of one metric: labels (without the service's) and value. */
async function samples(registry: Registry, name: string) {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return ((await metric.get()).values as Array<{ labels: Record<string, string | number>; value: number; metricName?: string }>).map(({ labels, value, metricName }) => ({ labels, value, metricName }));
}

describe('boundedLabel', () => {
  it('keeps the first values as they are, clips long ones, and counts the rest as one', () => {
    const label = boundedLabel(2);
    expect(label('Clusters')).toBe('Clusters');
    expect(label('x'.repeat(MAX_LABEL_LENGTH + 10))).toBe('x'.repeat(MAX_LABEL_LENGTH));
    expect(label('Third')).toBe(OTHER_LABEL);
    expect(label('Clusters')).toBe('Clusters');
  });
});

describe('bearsToken', () => {
  const token = 'a'.repeat(40);
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [`Bearer ${token}x`, false],
    ['Bearer ', false],
    [token, false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(bearsToken(header, token)).toBe(expected);
  });
});

describe('createServiceMetrics', () => {
  it('gives each service a registry of its own, labelled with its name', async () => {
    const a = createServiceMetrics('nordjylland');
    const b = createServiceMetrics('nordjylland');
    a.requests.inc({ operation_name: 'Clusters', operation_type: 'query' });
    expect(await samples(a.registry, 'hub_graphql_requests_total')).toEqual([{ labels: { operation_name: 'Clusters', operation_type: 'query' }, value: 1, metricName: undefined }]);
    expect(await samples(b.registry, 'hub_graphql_requests_total')).toEqual([]);
    expect(await a.registry.metrics()).toContain('service="nordjylland"');
  });
});

describe('useMetrics', () => {
  it('counts an operation under its resolved name, its errors by code, and its latency', async () => {
    const metrics = createServiceMetrics('gateway');
    const hooks = (await useMetrics(metrics).requestDidStart!({} as never))!;
    await hooks.didResolveOperation!({ operationName: 'Clusters', operation: { operation: 'query' } } as never);
    await hooks.didEncounterErrors!({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }, { extensions: {} }] } as never);
    await hooks.willSendResponse!({} as never);
    expect(await samples(metrics.registry, 'hub_graphql_requests_total')).toEqual([{ labels: { operation_name: 'Clusters', operation_type: 'query' }, value: 1, metricName: undefined }]);
    const errors = await samples(metrics.registry, 'hub_graphql_errors_total');
    expect(errors.map((e) => [e.labels.code, e.value]).sort()).toEqual([
      ['BAD_USER_INPUT', 1],
      ['INTERNAL_SERVER_ERROR', 1],
    ]);
    const count = (await samples(metrics.registry, 'hub_graphql_request_duration_seconds')).find((s) => s.metricName === 'hub_graphql_request_duration_seconds_count');
    expect(count?.value).toBe(1);
  });

  it('counts an operation that never resolved as anonymous, of unknown type', async () => {
    const metrics = createServiceMetrics('gateway');
    const hooks = (await useMetrics(metrics).requestDidStart!({} as never))!;
    await hooks.didEncounterErrors!({ errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } as never);
    await hooks.willSendResponse!({} as never);
    expect(await samples(metrics.registry, 'hub_graphql_requests_total')).toEqual([{ labels: { operation_name: '(anonymous)', operation_type: 'unknown' }, value: 1, metricName: undefined }]);
  });
});

describe('cacheObserver', () => {
  it('counts lookups by cache and result in one counter, each result present from 0', async () => {
    const { registry } = createServiceMetrics('gateway');
    const response = cacheObserver(registry, 'response');
    const queries = cacheObserver(registry, 'persisted-queries');
    response('miss');
    response('hit');
    response('hit');
    queries('error');
    const values = Object.fromEntries((await samples(registry, 'hub_cache_lookups_total')).map((s) => [`${s.labels.cache} ${s.labels.result}`, s.value]));
    expect(values).toEqual({ 'response hit': 2, 'response miss': 1, 'response error': 0, 'persisted-queries hit': 0, 'persisted-queries miss': 0, 'persisted-queries error': 1 });
  });
});

describe('observePools', () => {
  it('reads each pool when scraped', async () => {
    const { registry } = createServiceMetrics('nordjylland');
    let used = 2;
    const pool = { numUsed: () => used, numFree: () => 8 - used, numPendingAcquires: () => 1, max: 10 };
    observePools(registry, [
      { name: 'primary', pool: () => pool },
      { name: 'read-1', pool: () => undefined },
    ]);
    expect(await samples(registry, 'hub_db_pool_connections')).toEqual([
      { labels: { pool: 'primary', state: 'used' }, value: 2, metricName: undefined },
      { labels: { pool: 'primary', state: 'free' }, value: 6, metricName: undefined },
    ]);
    used = 5;
    expect((await samples(registry, 'hub_db_pool_connections')).map((s) => s.value)).toEqual([5, 3]);
    expect(await samples(registry, 'hub_db_pool_pending_acquires')).toEqual([{ labels: { pool: 'primary' }, value: 1, metricName: undefined }]);
    expect(await samples(registry, 'hub_db_pool_max_connections')).toEqual([{ labels: { pool: 'primary' }, value: 10, metricName: undefined }]);
  });
});

describe('metricsTokenFromEnv', () => {
  const saved = process.env.METRICS_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });

  it('is undefined when unset (no /metrics), the token when long enough, and a one-line refusal when short', () => {
    delete process.env.METRICS_TOKEN;
    expect(metricsTokenFromEnv()).toBeUndefined();
    process.env.METRICS_TOKEN = 't'.repeat(32);
    expect(metricsTokenFromEnv()).toBe('t'.repeat(32));
    process.env.METRICS_TOKEN = 'short';
    expect(() => metricsTokenFromEnv()).toThrow('configuration error: METRICS_TOKEN must be at least 32 characters long (got 5)');
  });
});
