/** The HTTP server's timeouts and connection cap from the environment (platform/server-limits.ts). */
import { createServer } from 'node:http';
import { DEFAULT_SERVER_LIMITS, applyServerLimits, serverLimitsFromEnv, serverOptions } from '../../../platform/server-limits';
import { isolateEnv } from '../../support/isolated-env';

const NAMES = ['REQUEST_TIMEOUT_MS', 'HEADERS_TIMEOUT_MS', 'KEEP_ALIVE_TIMEOUT_MS', 'MAX_CONNECTIONS'];
isolateEnv(NAMES);

describe('server limits', () => {
  it('default to 30 s per request, 10 s for the headers, 5 s idle keep-alive and 1 024 connections', () => {
    expect(serverLimitsFromEnv()).toEqual(DEFAULT_SERVER_LIMITS);
    expect(DEFAULT_SERVER_LIMITS).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_024 });
  });

  it('are read from the environment and set on the server (none of them is set by Node by default)', () => {
    Object.assign(process.env, { REQUEST_TIMEOUT_MS: '4000', HEADERS_TIMEOUT_MS: '1000', KEEP_ALIVE_TIMEOUT_MS: '2000', MAX_CONNECTIONS: '8' });
    const limits = serverLimitsFromEnv();
    const server = createServer(serverOptions(limits));
    expect(server.maxConnections).toBeUndefined();
    applyServerLimits(server, limits);
    expect([server.requestTimeout, server.headersTimeout, server.keepAliveTimeout, server.maxConnections]).toEqual([4_000, 1_000, 2_000, 8]);
  });

  it('check for expired connections at least every second, sooner for short timeouts', () => {
    expect(serverOptions(DEFAULT_SERVER_LIMITS).connectionsCheckingInterval).toBe(1_000);
    expect(serverOptions({ ...DEFAULT_SERVER_LIMITS, headersTimeoutMs: 600 }).connectionsCheckingInterval).toBe(300);
  });

  it.each([
    ['MAX_CONNECTIONS', '0'],
    ['REQUEST_TIMEOUT_MS', 'long'],
  ])('rejects %s=%s naming it', (name, value) => {
    process.env[name] = value;
    expect(() => serverLimitsFromEnv()).toThrow(new RegExp(`${name}.*"${value}"`));
  });

  it('rejects a headers timeout above the request timeout', () => {
    Object.assign(process.env, { REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' });
    expect(() => serverLimitsFromEnv()).toThrow(/HEADERS_TIMEOUT_MS .* REQUEST_TIMEOUT_MS/);
  });
});
