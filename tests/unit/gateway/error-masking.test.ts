/**
 * What clients see of the gateway's errors: codes and the failed subgraph's name, never a
 * URL or a stack trace. First the masking function on its own, then the whole path a
 * failed subgraph call takes through @apollo/gateway's executor and Apollo Server's
 * formatError, in process, with a fake fetch.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SubgraphDataSource } from '../../../gateway/datasources/subgraph-data-source';
import { maskGatewayError } from '../../../gateway/error-masking';
import { subgraphFetcher, type SubgraphFetcher } from '../../../gateway/fetchers';
import { SubgraphTimeoutError, subgraphFailure } from '../../../gateway/subgraph-errors';
import { supergraphPath } from '../../../schema/files';
import type { Logger } from '../../../platform/logger';

const URL_A = 'http://10.0.0.7:4101/graphql';

function setup() {
  const logged: Array<Record<string, unknown>> = [];
  const logger = { error: (entry: Record<string, unknown>) => logged.push(entry) } as unknown as Logger;
  const mask = maskGatewayError(logger);
  /** As Apollo Server calls formatError: the error's JSON with a code, and the error itself. */
  const format = (error: GraphQLError) => mask({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions } }, error);
  return { mask, format, logged };
}

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ECONNREFUSED ${URL_A}`), { code: 'ECONNREFUSED' }) });

describe('masking gateway errors', () => {
  it('turns a timed-out call into TIMEOUT naming the subgraph, by its class', () => {
    const { format, logged } = setup();
    const error = subgraphFailure('syddanmark', new SubgraphTimeoutError('syddanmark', 2_000));
    expect(format(error)).toEqual({ message: 'Subgraph syddanmark did not answer in time.', extensions: { code: 'TIMEOUT', serviceName: 'syddanmark' } });
    expect(logged).toHaveLength(1);
  });

  it('recognises a timeout by its class even when its message and code say nothing', () => {
    const { mask } = setup();
    const hidden = new GraphQLError('something', { originalError: new SubgraphTimeoutError('nordjylland', 10) });
    expect(mask({ message: 'something', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, hidden).extensions).toEqual({ code: 'TIMEOUT', serviceName: 'nordjylland' });
  });

  it('no longer reads messages: a message that looks like a timeout is not one', () => {
    const { mask } = setup();
    const formatted = mask({ message: 'subgraph x did not answer within 5 ms', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('subgraph x did not answer within 5 ms'));
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns a transport failure into DOWNSTREAM_SERVICE_ERROR naming the subgraph, and logs the cause with its URL', () => {
    const { format, logged } = setup();
    const formatted = format(subgraphFailure('nordjylland', refused()));
    expect(formatted).toEqual({ message: 'Subgraph nordjylland could not be reached or failed.', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'nordjylland' } });
    expect(JSON.stringify(formatted)).not.toContain('10.0.0.7');
    expect(String(logged[0].detail)).toContain(`ECONNREFUSED ${URL_A}`);
  });

  it('treats a non-2xx answer of a subgraph as a transport failure', () => {
    const { format } = setup();
    const status = new GraphQLError('503: Service Unavailable', { extensions: { response: { url: URL_A, status: 503 } } });
    expect(format(subgraphFailure('councils', status))).toEqual({
      message: 'Subgraph councils could not be reached or failed.',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'councils' },
    });
  });

  it('keeps public codes and their messages, with the subgraph that raised them', () => {
    const { mask, logged } = setup();
    const formatted = mask(
      { message: 'Malformed id "Midt!"', path: ['cluster'], locations: [{ line: 1, column: 3 }], extensions: { code: 'BAD_USER_INPUT', serviceName: 'nordjylland', stacktrace: ['at x (y.ts:1:1)'] } },
      new GraphQLError('Malformed id "Midt!"'),
    );
    expect(formatted).toEqual({ message: 'Malformed id "Midt!"', path: ['cluster'], locations: [{ line: 1, column: 3 }], extensions: { code: 'BAD_USER_INPUT', serviceName: 'nordjylland' } });
    expect(logged).toEqual([]);
  });

  it.each(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'PERSISTED_QUERY_NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT'])('keeps %s as it is', (code) => {
    const { mask } = setup();
    expect(mask({ message: 'as meant', extensions: { code } }, new GraphQLError('as meant'))).toEqual({ message: 'as meant', extensions: { code } });
  });

  it('passes on what a refused write tells its writer, checked for shape, and nothing else', () => {
    const { mask } = setup();
    const conflict = mask({ message: 'meeting "m" is at version 3, not 2', extensions: { code: 'CONFLICT', serviceName: 'nordjylland', currentVersion: 3, sql: 'select 1' } }, new GraphQLError('x'));
    expect(conflict.extensions).toEqual({ code: 'CONFLICT', serviceName: 'nordjylland', currentVersion: 3 });
    const invalid = mask({ message: 'meeting.title: too small', extensions: { code: 'BAD_USER_INPUT', serviceName: 'nordjylland', problems: ['meeting.title: too small'] } }, new GraphQLError('x'));
    expect(invalid.extensions).toEqual({ code: 'BAD_USER_INPUT', serviceName: 'nordjylland', problems: ['meeting.title: too small'] });
    // Wrong shapes are dropped, not passed on.
    const odd = mask({ message: 'm', extensions: { code: 'CONFLICT', currentVersion: 'three', problems: ['x'] } }, new GraphQLError('x'));
    expect(odd.extensions).toEqual({ code: 'CONFLICT' });
  });

  it('rewrites a public-coded message that carries a URL', () => {
    const { mask, logged } = setup();
    const formatted = mask({ message: `request to ${URL_A} failed`, extensions: { code: 'BAD_USER_INPUT', serviceName: 'nordjylland' } }, new GraphQLError('x'));
    expect(formatted).toEqual({ message: 'Subgraph nordjylland could not be reached or failed.', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'nordjylland' } });
    expect(logged).toHaveLength(1);
    const anonymous = mask({ message: `see https://internal.example/x`, extensions: { code: 'BAD_REQUEST' } }, new GraphQLError('x'));
    expect(anonymous).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps TIMEOUT a subgraph reported itself', () => {
    const { mask } = setup();
    expect(mask({ message: 'slow', extensions: { code: 'TIMEOUT', serviceName: 'councils' } }, new GraphQLError('slow')).extensions).toEqual({ code: 'TIMEOUT', serviceName: 'councils' });
  });

  it('hides an internal error of a subgraph behind DOWNSTREAM_SERVICE_ERROR, and one of the gateway behind INTERNAL_SERVER_ERROR', () => {
    const { mask } = setup();
    expect(mask({ message: 'relation "meeting" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'syddanmark' } }, new GraphQLError('x'))).toEqual({
      message: 'Subgraph syddanmark could not be reached or failed.',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'syddanmark' },
    });
    expect(mask({ message: 'Cannot read properties of undefined', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at a (b.ts:1:1)'] } }, new TypeError('x'))).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('a failed subgraph call through @apollo/gateway and Apollo Server', () => {
  let server: ApolloServer<{ requestId: string }>;
  let fetch: SubgraphFetcher;
  const seen: Array<{ url: string; requestId?: string }> = [];

  beforeAll(async () => {
    process.env.APOLLO_TELEMETRY_DISABLED = '1';
    const gateway = new ApolloGateway({
      supergraphSdl: readFileSync(supergraphPath, 'utf8'),
      buildService: ({ name, url }) =>
        new SubgraphDataSource({
          name,
          url: url!,
          fetcher: subgraphFetcher({
            subgraph: name,
            timeoutMs: 50,
            deduplicate: true,
            fetch: (u, init) => {
              seen.push({ url: u, requestId: (init?.headers as Record<string, string>)['x-request-id'] });
              return fetch(u, init);
            },
          }),
        }),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    server = new ApolloServer({ gateway, formatError: maskGatewayError({ error: () => {} } as unknown as Logger), includeStacktraceInErrorResponses: false });
    await server.start();
  });
  afterAll(() => server?.stop());

  async function ask(): Promise<readonly GraphQLFormattedError[] | undefined> {
    const res = await server.executeOperation({ query: '{ healthCouncils { id } }' }, { contextValue: { requestId: 'dashboard-req-9' } });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult.errors;
  }

  it('reports a refused connection as DOWNSTREAM_SERVICE_ERROR of that subgraph, without its URL, and passes the request id on', async () => {
    fetch = () => Promise.reject(refused());
    const errors = await ask();
    expect(errors).toEqual([{ message: 'Subgraph councils could not be reached or failed.', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'councils' } }]);
    expect(seen.at(-1)).toEqual({ url: expect.stringContaining('/graphql'), requestId: 'dashboard-req-9' });
  });

  it('reports a subgraph that does not answer in time as TIMEOUT of that subgraph', async () => {
    fetch = () => new Promise(() => {});
    expect(await ask()).toEqual([{ message: 'Subgraph councils did not answer in time.', extensions: { code: 'TIMEOUT', serviceName: 'councils' } }]);
  });

  it('reports a non-2xx answer as DOWNSTREAM_SERVICE_ERROR of that subgraph', async () => {
    fetch = async () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    expect(await ask()).toEqual([{ message: 'Subgraph councils could not be reached or failed.', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'councils' } }]);
  });

  it('passes a good answer through', async () => {
    fetch = async () => new Response(JSON.stringify({ data: { healthCouncils: [{ id: 'limfjorden' }] } }), { headers: { 'content-type': 'application/json' } });
    const res = await server.executeOperation({ query: '{ healthCouncils { id } }' }, { contextValue: { requestId: 'r' } });
    expect(res.body.kind === 'single' && res.body.singleResult).toEqual({ data: { healthCouncils: [{ id: 'limfjorden' }] } });
  });
});
