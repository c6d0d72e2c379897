/**
 * The feeds and exports read the hub the way any client does: a GraphQL POST to this gateway's
 * own endpoint, on the address and port the feed's request came in on (so it works whatever
 * port the gateway was given, 0 in tests included).
 *
 * Why over HTTP rather than calling a subgraph: the gateway reaches subgraphs over GraphQL only
 * (.dependency-cruiser.cjs), and this way a feed gets exactly what /graphql answers: the same
 * plan, operation limits, masked errors and response cache. The cache is emptied by every
 * mutation that wrote something through this gateway (plugins/mutation-cache.ts), so a feed
 * read after a write is not served a copy from before it.
 *
 * The request carries no Authorization header, whatever the feed's client sent: a feed's answer
 * is public and cacheable, never one user's.
 */
import type { Request } from 'express';

export interface SelfGraphqlAnswer<T> {
  data: T;
  /** The GraphQL answer's Cache-Control header (e.g. "public, max-age=60"), if any. */
  cacheControl: string | undefined;
}

/** The GraphQL answer had errors: the feed answers 502 with the first message (already masked by the gateway). */
export class SelfGraphqlError extends Error {}

/** Bounds a feed's wait for its own GraphQL answer. */
const TIMEOUT_MS = 30_000;

/** The URL of this gateway's GraphQL endpoint, as reached by the request being answered. */
export function selfGraphqlUrl(req: Request): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  // A request on an IPv4-mapped IPv6 socket reports "::ffff:127.0.0.1".
  const host = address.startsWith('::ffff:') ? address.slice(7) : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}/graphql`;
}

export async function selfGraphql<T>(req: Request, query: string, variables: Record<string, unknown>): Promise<SelfGraphqlAnswer<T>> {
  const res = await fetch(selfGraphqlUrl(req), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = (await res.json().catch(() => null)) as { data?: T; errors?: Array<{ message?: string }> } | null;
  if (!body || body.errors?.length || !body.data) {
    throw new SelfGraphqlError(body?.errors?.[0]?.message ?? `GraphQL answered HTTP ${res.status}`);
  }
  return { data: body.data, cacheControl: res.headers.get('cache-control') ?? undefined };
}

/**
 * The feed's Cache-Control: the GraphQL answer's own when it is public (the same max-age as
 * /graphql gives), otherwise none to keep.
 */
export function feedCacheControl(graphqlCacheControl: string | undefined): string {
  return graphqlCacheControl && /(?:^|,)\s*public\s*(?:,|$)/i.test(graphqlCacheControl) ? graphqlCacheControl : 'no-store';
}

/** The Cache-Control of an answer made from several GraphQL answers: public only if all are, for the shortest max-age. */
export function combinedCacheControl(headers: Array<string | undefined>): string | undefined {
  let shortest = Infinity;
  for (const header of headers) {
    const maxAge = header && /(?:^|,)\s*public\s*(?:,|$)/i.test(header) ? /max-age=(\d+)/i.exec(header) : null;
    if (!maxAge) return undefined;
    shortest = Math.min(shortest, Number(maxAge[1]));
  }
  return Number.isFinite(shortest) ? `max-age=${shortest}, public` : undefined;
}
