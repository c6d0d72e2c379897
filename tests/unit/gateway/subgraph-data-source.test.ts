/** The subgraph data source's own concerns, over a fake fetcher: the request id goes on, failures get a code and a name. */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { SubgraphDataSource } from '../../../gateway/datasources/subgraph-data-source';
import { GATEWAY_SIGNATURE_HEADER, verifyGatewayCall } from '../../../platform/gateway-credential';
import { SubgraphTimeoutError, SubgraphUnavailableError } from '../../../gateway/subgraph-errors';

function processOptions(requestId?: string, authorization?: string): GraphQLDataSourceProcessOptions<{ requestId?: string; authorization?: string }> {
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: '{ regions { code } }', variables: {} },
    context: { ...(requestId ? { requestId } : {}), ...(authorization ? { authorization } : {}) },
    incomingRequestContext: {} as never,
  };
}

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('SubgraphDataSource', () => {
  it('passes the request id on to the subgraph, and the answer back', async () => {
    const calls: RequestInit[] = [];
    const source = new SubgraphDataSource({ name: 'councils', url: 'http://councils:4103/graphql', fetcher: async (_url, init) => (calls.push(init!), json({ data: { regions: [] } })) });
    const res = await source.process(processOptions('dashboard-req-4711'));
    expect(res.data).toEqual({ regions: [] });
    expect((calls[0].headers as Record<string, string>)['x-request-id']).toBe('dashboard-req-4711');
    await source.process(processOptions());
    expect(calls[1].headers as Record<string, string>).not.toHaveProperty('x-request-id');
  });

  it('passes the client’s Authorization header on, signed like any other call, and sends none when the client sent none', async () => {
    const secret = 'a-secret-of-the-hub-that-is-long-enough-0123';
    const calls: RequestInit[] = [];
    const source = new SubgraphDataSource({ name: 'nordjylland', url: 'http://n/graphql', secret, fetcher: async (_url, init) => (calls.push(init!), json({ data: { regions: [] } })) });
    await source.process(processOptions('r1', 'Bearer eyJ.token.sig'));
    const headers = calls[0].headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer eyJ.token.sig');
    expect(verifyGatewayCall(secret, headers[GATEWAY_SIGNATURE_HEADER], Buffer.from(calls[0].body as string))).toBe(true);
    await source.process(processOptions('r2'));
    expect(Object.keys(calls[1].headers as Record<string, string>).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it.each([
    ['a refused connection', () => Promise.reject(new TypeError('fetch failed')), 'DOWNSTREAM_SERVICE_ERROR', SubgraphUnavailableError],
    ['a timeout', () => Promise.reject(new SubgraphTimeoutError('councils', 10)), 'TIMEOUT', SubgraphTimeoutError],
    ['a non-2xx status', async () => new Response('busy', { status: 503 }), 'DOWNSTREAM_SERVICE_ERROR', SubgraphUnavailableError],
    ['a body that is not JSON', async () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }), 'DOWNSTREAM_SERVICE_ERROR', SubgraphUnavailableError],
  ])('turns %s into a GraphQLError with a code and the subgraph’s name', async (_name, fetcher, code, type) => {
    const source = new SubgraphDataSource({ name: 'councils', url: 'http://councils:4103/graphql', fetcher });
    const error = await source.process(processOptions('r')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({ code, serviceName: 'councils' });
    expect((error as GraphQLError).originalError).toBeInstanceOf(type);
  });

  it('passes errors the subgraph answered with through as data, for the gateway to attribute', async () => {
    const source = new SubgraphDataSource({ name: 'nordjylland', url: 'http://n/graphql', fetcher: async () => json({ errors: [{ message: 'Malformed id', extensions: { code: 'BAD_USER_INPUT' } }], data: null }) });
    const res = await source.process(processOptions());
    expect(res.errors).toEqual([{ message: 'Malformed id', extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  it('signs each call with the subgraph secret when one is configured, and only then', async () => {
    const secret = 'a-secret-of-the-hub-that-is-long-enough-0123';
    const calls: RequestInit[] = [];
    const fetcher = async (_url: string, init?: RequestInit) => (calls.push(init!), json({ data: { regions: [] } }));
    await new SubgraphDataSource({ name: 'councils', url: 'http://c/graphql', fetcher, secret }).process(processOptions('r1'));
    const headers = calls[0].headers as Record<string, string>;
    expect(verifyGatewayCall(secret, headers[GATEWAY_SIGNATURE_HEADER], Buffer.from(calls[0].body as string))).toBe(true);
    expect(headers['x-request-id']).toBe('r1');
    await new SubgraphDataSource({ name: 'councils', url: 'http://c/graphql', fetcher }).process(processOptions());
    expect(calls[1].headers as Record<string, string>).not.toHaveProperty(GATEWAY_SIGNATURE_HEADER);
  });

  it('hands a 400 whose errors all say BAD_USER_INPUT to the gateway as the subgraph’s answer, not as a failed region', async () => {
    const refused = (errors: unknown[]) => async () => new Response(JSON.stringify({ errors }), { status: 400, headers: { 'content-type': 'application/json' } });
    const input = new SubgraphDataSource({
      name: 'nordjylland',
      url: 'http://n/graphql',
      fetcher: refused([{ message: 'Date 2024-02-31 is not a calendar date', locations: [{ line: 1, column: 9 }], extensions: { code: 'BAD_USER_INPUT' } }]),
    });
    expect(await input.process(processOptions())).toEqual({ errors: [{ message: 'Date 2024-02-31 is not a calendar date', extensions: { code: 'BAD_USER_INPUT' } }] });

    // Anything else the subgraph refused is its failure (e.g. its schema disagrees with the supergraph), and so is a 401.
    const drift = new SubgraphDataSource({ name: 'nordjylland', url: 'http://n/graphql', fetcher: refused([{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]) });
    expect(((await drift.process(processOptions()).catch((e: unknown) => e)) as GraphQLError).extensions).toEqual({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'nordjylland' });
    const mixed = new SubgraphDataSource({ name: 'nordjylland', url: 'http://n/graphql', fetcher: refused([{ message: 'a', extensions: { code: 'BAD_USER_INPUT' } }, { message: 'b' }]) });
    expect(((await mixed.process(processOptions()).catch((e: unknown) => e)) as GraphQLError).extensions.code).toBe('DOWNSTREAM_SERVICE_ERROR');
    const unauthenticated = new SubgraphDataSource({
      name: 'nordjylland',
      url: 'http://n/graphql',
      fetcher: async () => new Response(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT' } }] }), { status: 401, headers: { 'content-type': 'application/json' } }),
    });
    expect(((await unauthenticated.process(processOptions()).catch((e: unknown) => e)) as GraphQLError).extensions.code).toBe('DOWNSTREAM_SERVICE_ERROR');
  });
});
