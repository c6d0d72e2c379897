/** The gateway's configuration from the environment: its own variables win over generic ones, bad values are named. */
import { GATEWAY_DEFAULT_PORT, SUBGRAPH_TIMEOUT_DEFAULT_MS, gatewayConfigFromEnv } from '../../../gateway/config';
import { ConfigurationError } from '../../../platform/config';
import { isolateEnv } from '../../support/isolated-env';

const NAMES = ['GATEWAY_PORT', 'PORT', 'GATEWAY_HOST', 'HOST', 'SUBGRAPH_TIMEOUT_MS', 'DEDUPLICATE_SUBGRAPH_REQUESTS', 'CACHE_MAX_AGE', 'MAX_DEPTH', 'NODE_ENV'];
isolateEnv(NAMES);

describe('gatewayConfigFromEnv', () => {
  it('uses the documented defaults', () => {
    const config = gatewayConfigFromEnv();
    expect(config).toMatchObject({ host: '127.0.0.1', port: GATEWAY_DEFAULT_PORT, subgraphTimeoutMs: SUBGRAPH_TIMEOUT_DEFAULT_MS, deduplicateSubgraphRequests: true, cacheMaxAgeSeconds: 30 });
  });

  it('prefers GATEWAY_PORT and GATEWAY_HOST over PORT and HOST, and falls back to them', () => {
    process.env.PORT = '5000';
    process.env.HOST = '0.0.0.0';
    expect(gatewayConfigFromEnv()).toMatchObject({ port: 5000, host: '0.0.0.0' });
    process.env.GATEWAY_PORT = '4100';
    process.env.GATEWAY_HOST = '10.1.2.3';
    expect(gatewayConfigFromEnv()).toMatchObject({ port: 4100, host: '10.1.2.3' });
  });

  it('reads SUBGRAPH_TIMEOUT_MS, DEDUPLICATE_SUBGRAPH_REQUESTS and CACHE_MAX_AGE', () => {
    process.env.SUBGRAPH_TIMEOUT_MS = '2000';
    process.env.DEDUPLICATE_SUBGRAPH_REQUESTS = 'false';
    process.env.CACHE_MAX_AGE = '0';
    expect(gatewayConfigFromEnv()).toMatchObject({ subgraphTimeoutMs: 2000, deduplicateSubgraphRequests: false, cacheMaxAgeSeconds: 0 });
  });

  it.each([
    ['GATEWAY_PORT', '70000'],
    ['SUBGRAPH_TIMEOUT_MS', '0'],
    ['DEDUPLICATE_SUBGRAPH_REQUESTS', 'no'],
    ['MAX_DEPTH', 'deep'],
  ])('rejects %s=%s with a ConfigurationError naming it', (name, value) => {
    process.env[name] = value;
    expect(() => gatewayConfigFromEnv()).toThrow(ConfigurationError);
    expect(() => gatewayConfigFromEnv()).toThrow(new RegExp(`^configuration error: ${name} .*"${value}"`));
  });
});
