/** The subgraph data source's own concerns, over a fake fetcher: the request id goes on, failures get a code and a name. */
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { SubgraphDataSource } from '../../../gateway/datasources/subgraph-data-source';
import { SubgraphTimeoutError, SubgraphUnavailableError } from '../../../gateway/subgraph-errors';

function processOptions(requestId?: string): GraphQLDataSourceProcessOptions<{ requestId?: string }> {
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: '{ regions { code } }', variables: {} },
    context: requestId ? { requestId } : {},
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
});
