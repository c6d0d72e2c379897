/**
 * A test fixture between the gateway and a subgraph: forwards every request after a delay
 * that a test can change, to make a subgraph slow on demand. Listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
  url: string;
  delayMs: number;
  /** Requests received so far (counted on arrival, before the delay): what a test waits on instead of sleeping. */
  received: number;
  close(): Promise<void>;
}

export async function startDelayProxy(target: string): Promise<DelayProxy> {
  const proxy = { delayMs: 0, received: 0 } as DelayProxy;
  const server: Server = createServer(async (req, res) => {
    proxy.received++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await new Promise((r) => setTimeout(r, proxy.delayMs));
    try {
      const upstream = await fetch(new URL(req.url ?? '/', target), {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      // The subgraph behind is down: drop the connection, as a dead host would.
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
