/**
 * The sandbox router over plain HTTP (no browser): content negotiation, asset
 * whitelist and headers. Escaping and option validation, which need no server, are
 * tests/unit/sandbox/sandbox-page.test.ts.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { CONTENT_SECURITY_POLICY, defaultExamples, SANDBOX_ASSET_PREFIX, useLocalSandbox } from '../../gateway/sandbox';
import { startSandboxTestServer, type SandboxTestServer } from './server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
}

function embeddedConfig(html: string): { endpoint: string; examples: Array<{ name: string; query: string; variables?: string }> } {
  const match = /<script type="application\/json" id="sandbox-config">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no embedded config in page');
  return JSON.parse(match[1]);
}

describe('local sandbox router', () => {
  let server: SandboxTestServer;
  let html: string;

  beforeAll(async () => {
    server = await startSandboxTestServer();
    html = await (await fetch(`${server.url}/`, { headers: { accept: BROWSER_ACCEPT } })).text();
  });
  afterAll(() => server.close());

  it('serves the page to browsers, with a strict CSP and no external URLs', async () => {
    const res = await fetch(`${server.url}/`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('local GraphQL sandbox');
    const config = embeddedConfig(html);
    expect(config.endpoint).toBe('/');
    expect(config.examples.map((e) => e.name)).toEqual(defaultExamples.map((e) => e.name));
  });

  it('serves every referenced asset from node_modules with long caching', async () => {
    const urls = assetUrls(html);
    expect(urls).toHaveLength(6);
    for (const url of urls) {
      expect(url.startsWith(`${SANDBOX_ASSET_PREFIX}/`)).toBe(true);
      const res = await fetch(server.url + url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(url.endsWith('.css') ? /^text\/css/ : /^application\/javascript/);
      expect(res.headers.get('cache-control')).toContain('immutable');
      await res.arrayBuffer();
    }
  });

  it('serves nothing outside the whitelist', async () => {
    const [someAsset] = assetUrls(html);
    const base = someAsset.slice(0, someAsset.lastIndexOf('/'));
    for (const path of [
      `${base}/..%2F..%2Fpackage.json`,
      `${base}/package.json`,
      `${base}/%2e%2e%2fgraphiql.min.js`,
      `${SANDBOX_ASSET_PREFIX}/not-the-build/graphiql.min.js`,
      `${SANDBOX_ASSET_PREFIX}/graphiql.min.js`,
    ]) {
      const res = await fetch(server.url + path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it('lets GraphQL requests on the same path through', async () => {
    // apollo-require-preflight: Apollo's CSRF prevention refuses "simple" GETs.
    const get = await fetch(`${server.url}/?query=${encodeURIComponent('{ regions { name } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { regions: [{ name: 'Region Nordjylland' }, { name: 'Region Syddanmark' }] } });

    const anyAccept = await fetch(`${server.url}/?query=${encodeURIComponent('{ regions { code } }')}`, {
      headers: { accept: '*/*', 'apollo-require-preflight': 'true' },
    });
    expect(anyAccept.headers.get('content-type')).toMatch(/json/);

    const post = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: BROWSER_ACCEPT },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(await post.json()).toEqual({ data: { regions: [{ code: 'NORDJYLLAND' }, { code: 'SYDDANMARK' }] } });
  });

  it('defaults the endpoint and asset paths to where it is mounted', async () => {
    const app = express().use('/graphql', useLocalSandbox({ examples: [] }));
    const http: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
      const page = await (await fetch(url, { headers: { accept: BROWSER_ACCEPT } })).text();
      expect(embeddedConfig(page)).toEqual({ endpoint: '/graphql', examples: [] });
      for (const asset of assetUrls(page)) {
        expect(asset.startsWith(`/graphql${SANDBOX_ASSET_PREFIX}/`)).toBe(true);
      }
      const res = await fetch(new URL(assetUrls(page)[0], url));
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
