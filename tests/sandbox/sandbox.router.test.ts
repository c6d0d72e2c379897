/**
 * The sandbox router over plain HTTP (no browser): content negotiation, asset
 * whitelist, headers, escaping and option validation.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { parse } from 'graphql';
import { CONTENT_SECURITY_POLICY, defaultExamples, SANDBOX_ASSET_PREFIX, useLocalSandbox } from '../../gateway/sandbox';
import { jsonForScriptElement, renderSandboxPage } from '../../gateway/sandbox/page';
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

describe('sandbox page rendering', () => {
  it('escapes the title and keeps embedded JSON from closing its script element', () => {
    const nasty = '</script><script>alert(1)</script><!--';
    const page = renderSandboxPage({
      title: `<b>"x" & 'y'</b>`,
      endpoint: '/graphql',
      assetBase: '/sandbox/assets/abc/',
      config: { endpoint: '/graphql', examples: [{ name: 'X', query: `# ${nasty}\nquery X { a }` }] },
    });
    expect(page).toContain('&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;');
    expect(page).not.toContain('<b>');
    expect(page.match(/<script/g)).toHaveLength(5); // config block + 4 scripts, nothing injected
    expect(JSON.parse(jsonForScriptElement({ q: nasty, s: '\u2028' }))).toEqual({ q: nasty, s: '\u2028' });
    expect(jsonForScriptElement(nasty)).not.toMatch(/[<>&]/);
  });
});

describe('useLocalSandbox options', () => {
  const bad: Array<[string, Parameters<typeof useLocalSandbox>[0]]> = [
    ['protocol-relative endpoint', { endpoint: '//evil.example/graphql' }],
    ['absolute URL endpoint', { endpoint: 'https://evil.example/graphql' }],
    ['relative endpoint', { endpoint: 'graphql' }],
    ['empty title', { title: '  ' }],
    ['unparsable example', { examples: [{ name: 'A', description: 'a', query: 'query A {' }] }],
    ['misnamed example', { examples: [{ name: 'A', description: 'a', query: 'query B { a }' }] }],
    ['anonymous example', { examples: [{ name: 'A', description: 'a', query: '{ a }' }] }],
    [
      'duplicate names',
      {
        examples: [
          { name: 'A', description: 'a', query: 'query A { a }' },
          { name: 'A', description: 'a', query: 'query A { b }' },
        ],
      },
    ],
    ['array variables', { examples: [{ name: 'A', description: 'a', query: 'query A { a }', variables: [] as unknown as Record<string, unknown> }] }],
  ];
  it.each(bad)('rejects %s', (_label, options) => {
    expect(() => useLocalSandbox(options)).toThrow(TypeError);
  });

  it('accepts a same-origin endpoint, a title and examples with variables', () => {
    expect(() =>
      useLocalSandbox({
        endpoint: '/graphql',
        title: 'Test',
        examples: [{ name: 'A', description: 'a', query: 'query A($id: ID!) { a(id: $id) }', variables: { id: '1' } }],
      }),
    ).not.toThrow();
  });
});

describe('defaultExamples', () => {
  it.each(defaultExamples.map((e) => [e.name, e] as const))('%s is a named operation led by its description', (name, example) => {
    const [firstLine] = example.query.split('\n');
    expect(firstLine).toBe(`# ${example.description}`);
    const operations = parse(example.query).definitions;
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({ kind: 'OperationDefinition', operation: 'query', name: { value: name } });
  });
});
