/**
 * The fetch under the gateway's subgraph calls (gateway/fetchers/http-fetch.ts) against a real
 * HTTP server on 127.0.0.1, and the in-memory Response it answers with
 * (gateway/fetchers/loaded-response.ts): what it sends, what it gives back, connections kept
 * alive, the byte cap, aborts, a server that fails, and the fetch policy's timeout over it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { httpFetch } from '../../../gateway/fetchers/http-fetch';
import { LoadedResponse } from '../../../gateway/fetchers/loaded-response';
import { subgraphFetcher } from '../../../gateway/fetchers';
import { SubgraphResponseTooLargeError, SubgraphTimeoutError } from '../../../gateway/subgraph-errors';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

let server: Server;
let base: string;
let handler: Handler;
const sockets = new Set<Socket>();
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};
const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('httpFetch', () => {
  const fetch = httpFetch({ subgraph: 'nordjylland', maxBytes: 1000 });

  it('sends the method, headers and body, and answers with status, headers and body as a Response', async () => {
    handler = (req, body, res) => json(res, 200, { method: req.method, path: req.url, auth: req.headers.authorization, body: JSON.parse(body) }, { 'cache-control': 'max-age=30, public' });
    const response = await fetch(`${base}/graphql`, post({ query: '{ clusters { id } }' }, { authorization: 'Bearer x' }));
    expect(response).toBeInstanceOf(Response);
    expect(response).toBeInstanceOf(LoadedResponse);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=30, public');
    expect(await response.json()).toEqual({ method: 'POST', path: '/graphql', auth: 'Bearer x', body: { query: '{ clusters { id } }' } });
  });

  it('takes headers as a Headers object or as pairs too', async () => {
    handler = (req, _body, res) => json(res, 200, { id: req.headers['x-request-id'] });
    const viaHeaders = await fetch(`${base}/`, { method: 'POST', headers: new Headers({ 'x-request-id': 'a1' }), body: '{}' });
    const viaPairs = await fetch(`${base}/`, { method: 'POST', headers: [['x-request-id', 'b2']], body: '{}' });
    expect([await viaHeaders.json(), await viaPairs.json()]).toEqual([{ id: 'a1' }, { id: 'b2' }]);
  });

  it('keeps the connection alive between calls', async () => {
    handler = (_req, _body, res) => json(res, 200, { ok: true });
    await fetch(`${base}/`, post({}));
    const before = connections;
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/`, post({}))).json();
    expect(connections).toBe(before);
  });

  it('answers an error status as a Response that is not ok, with its text', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' });
      res.end('down for maintenance');
    };
    const response = await fetch(`${base}/`, post({}));
    expect([response.ok, response.status, response.statusText]).toEqual([false, 503, 'Service Unavailable']);
    expect(await response.text()).toBe('down for maintenance');
  });

  it('refuses an answer whose Content-Length is over the cap before reading it', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"data":');
    };
    await expect(fetch(`${base}/`, post({}))).rejects.toBeInstanceOf(SubgraphResponseTooLargeError);
  });

  it('stops reading a streamed answer once it passes the cap', async () => {
    let written = 0;
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => {
        if (res.destroyed || written > 100_000) return clearInterval(timer);
        res.write('x'.repeat(400));
        written += 400;
      }, 1);
    };
    await expect(fetch(`${base}/`, post({}))).rejects.toBeInstanceOf(SubgraphResponseTooLargeError);
    await new Promise((r) => setTimeout(r, 50));
    // The connection was dropped: the server stopped long before its 100 000 bytes.
    expect(written).toBeLessThan(20_000);
  });

  it('rejects with the signal\'s reason when aborted, before or during the call', async () => {
    handler = () => {}; // never answers
    const early = new AbortController();
    early.abort(new Error('aborted early'));
    await expect(fetch(`${base}/`, { ...post({}), signal: early.signal })).rejects.toThrow('aborted early');
    const late = new AbortController();
    const call = fetch(`${base}/`, { ...post({}), signal: late.signal });
    setTimeout(() => late.abort(new Error('aborted late')), 20);
    await expect(call).rejects.toThrow('aborted late');
  });

  it('rejects when the server closes the connection in the middle of an answer', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":', () => res.socket?.destroy());
    };
    await expect(fetch(`${base}/`, post({}))).rejects.toThrow();
  });

  it('rejects when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetch(url, post({}))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('sends only string bodies', async () => {
    await expect(fetch(`${base}/`, { method: 'POST', body: new Uint8Array([1]) })).rejects.toThrow('only a string body can be sent');
  });
});

describe('LoadedResponse', () => {
  const bytes = new TextEncoder().encode('\uFEFF{"data":{"name":"Sundhedsråd Limfjorden"}}');
  const response = () => new LoadedResponse(bytes, { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' } });

  it('reads its bytes as text (a byte-order mark dropped, as Response does), JSON, bytes and a blob, more than once', async () => {
    const loaded = response();
    const real = new Response(bytes, { headers: { 'content-type': 'application/json' } });
    expect(await loaded.text()).toBe(await real.text());
    expect(await loaded.json()).toEqual({ data: { name: 'Sundhedsråd Limfjorden' } });
    expect(await loaded.json()).toEqual({ data: { name: 'Sundhedsråd Limfjorden' } });
    expect(new Uint8Array(await loaded.arrayBuffer())).toEqual(bytes);
    const blob = await loaded.blob();
    expect([blob.type, blob.size]).toEqual(['application/json', bytes.byteLength]);
  });

  it('streams its bytes as a body when asked, and clones', async () => {
    const loaded = response();
    const reader = loaded.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));
    const copy = loaded.clone();
    expect(copy).not.toBe(loaded);
    expect([copy.status, copy.headers.get('content-type'), await copy.text()]).toEqual([200, 'application/json', await loaded.text()]);
  });

  it('has no body when given none', async () => {
    const empty = new LoadedResponse(null, { status: 204 });
    expect([empty.body, await empty.text(), (await empty.arrayBuffer()).byteLength]).toEqual([null, '', 0]);
  });
});

describe('the fetch policy over httpFetch', () => {
  it('is the default fetch, and its timeout covers a body that does not come', async () => {
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":'); // and nothing more
    };
    const fetch = subgraphFetcher({ subgraph: 'syddanmark', timeoutMs: 100, deduplicate: false });
    await expect(fetch(`${base}/`, post({ query: '{ a }' }))).rejects.toBeInstanceOf(SubgraphTimeoutError);
    handler = (_req, body, res) => json(res, 200, { echoed: JSON.parse(body) });
    expect(await (await fetch(`${base}/`, post({ query: '{ b }' }))).json()).toEqual({ echoed: { query: '{ b }' } });
  });
});
