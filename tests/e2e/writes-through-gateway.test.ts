/**
 * Writes over HTTP, end to end: a client with a development token writes through the gateway
 * to a subgraph that checks it with the platform's bearer verifier. The subgraph is a small
 * one made here (a counter with a version), served by the platform's HTTP server with the
 * gateway's secret, so the gateway's whole write path runs: the token carried, the refusals'
 * codes, the response cache emptied by a write and never holding one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { localGatewayConfig } from '../../gateway/config';
import { startGateway } from '../../gateway/service';
import { createBearerVerifier, requireScope } from '../../platform/bearer-auth';
import { signDevToken } from '../../platform/dev-token';
import { GATEWAY_SIGNATURE_HEADER, signGatewayCall } from '../../platform/gateway-credential';
import { startService, type RunningService } from '../../platform/http-server';
import { createLogger } from '../../platform/logger';
import type { RequestContext } from '../../platform/request-id';
import { regionWriteScope } from '../../platform/scopes';
import { composeSupergraph } from '../../tools/compose';

const SECRET = 'a-test-secret-of-the-hub-that-is-long-enough';
const SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { counter: Counter! }
  type Mutation { increment(expectedVersion: Int!): Counter }
  type Counter @key(fields: "id") { id: ID! value: Int! version: Int! }
`;

const work = mkdtempSync(join(tmpdir(), 'hub-writes-'));
const keyDir = join(work, '.data');
const logger = createLogger('test');
const counter = { id: 'testland-1', value: 0, version: 1 };
let subgraph: RunningService;
let gateway: RunningService;

interface Context extends RequestContext {
  authorization?: string;
}

beforeAll(async () => {
  // What a regional subgraph does: reads need no token, a write verifies it and asks for the region's scope.
  const verify = createBearerVerifier({ production: false, devKeyDirectory: keyDir });
  const schema = buildSubgraphSchema({
    typeDefs: parse(SDL),
    resolvers: {
      Query: { counter: () => counter },
      Mutation: {
        increment: async (_: unknown, { expectedVersion }: { expectedVersion: number }, ctx: unknown) => {
          requireScope(await verify((ctx as Context).authorization), regionWriteScope('testland'));
          if (expectedVersion !== counter.version) throw new GraphQLError(`The counter is at version ${counter.version}, not ${expectedVersion}.`, { extensions: { code: 'CONFLICT' } });
          counter.value++;
          counter.version++;
          return counter;
        },
      },
    },
  });
  subgraph = await startService<Context>({
    name: 'testland',
    host: '127.0.0.1',
    port: 0,
    schema,
    context: async ({ req, requestId }) => ({ requestId, authorization: req.headers.authorization }),
    cacheMaxAgeSeconds: 60,
    gatewaySecret: SECRET,
    ready: async () => {},
    logger,
  });
  const supergraphPath = join(work, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph([{ name: 'testland', url: subgraph.url, sdl: SDL }]));
  gateway = await startGateway(localGatewayConfig({ subgraphUrls: { testland: subgraph.url }, supergraphPath, subgraphSecret: SECRET, cacheMaxAgeSeconds: 60, logger }));
});

afterAll(async () => {
  await gateway?.close();
  await subgraph?.close();
});

async function send(url: string, query: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ query });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  return { status: res.status, age: res.headers.get('age'), cacheControl: res.headers.get('cache-control'), ...json };
}
const read = () => send(gateway.url, '{ counter { value version } }');
const increment = (version: number, headers: Record<string, string> = {}) => send(gateway.url, `mutation { increment(expectedVersion: ${version}) { value version } }`, headers);
const bearer = async (region: string) => ({ authorization: `Bearer ${await signDevToken({ dir: keyDir, region, subject: 'anna', ttlSeconds: 300 })}` });

describe('a write through the gateway', () => {
  it('is refused without a token, or with another region’s, with its code in a 200, and the cached read stays', async () => {
    expect((await read()).data).toEqual({ counter: { value: 0, version: 1 } });
    expect((await read()).age).not.toBeNull();

    const anonymous = await increment(1);
    expect(anonymous.status).toBe(200);
    expect(anonymous.errors).toEqual([{ message: 'A valid bearer token is required.', path: ['increment'], extensions: { code: 'UNAUTHENTICATED', serviceName: 'testland' } }]);
    const forged = await increment(1, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.' });
    expect(forged.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'testland' });
    const elsewhere = await increment(1, await bearer('syddanmark'));
    expect(elsewhere.errors).toEqual([{ message: 'The token does not allow this operation.', path: ['increment'], extensions: { code: 'FORBIDDEN', serviceName: 'testland' } }]);

    const cached = await read();
    expect(cached.age).not.toBeNull();
    expect(cached.data).toEqual({ counter: { value: 0, version: 1 } });
  });

  it('with the region’s token writes, is not cacheable, and the next read through the gateway shows it', async () => {
    const write = await increment(1, await bearer('testland'));
    expect(write).toMatchObject({ status: 200, cacheControl: 'no-store', data: { increment: { value: 1, version: 2 } } });
    expect(write.errors).toBeUndefined();
    const after = await read();
    expect(after.age).toBeNull();
    expect(after.data).toEqual({ counter: { value: 1, version: 2 } });
  });

  it('with a stale version is CONFLICT, as the subgraph worded it', async () => {
    const stale = await increment(1, await bearer('testland'));
    expect(stale.errors).toEqual([{ message: 'The counter is at version 2, not 1.', path: ['increment'], extensions: { code: 'CONFLICT', serviceName: 'testland' } }]);
  });

  it('sent to the subgraph directly is not seen through the gateway until the cached answer’s max-age is up', async () => {
    expect((await read()).data).toEqual({ counter: { value: 1, version: 2 } });
    const query = 'mutation { increment(expectedVersion: 2) { value } }';
    const signature = signGatewayCall(SECRET, JSON.stringify({ query }));
    const direct = await send(subgraph.url, query, { ...(await bearer('testland')), [GATEWAY_SIGNATURE_HEADER]: signature });
    expect(direct.data).toEqual({ increment: { value: 2 } });
    const stale = await read();
    expect(stale.age).not.toBeNull();
    expect(stale.data).toEqual({ counter: { value: 1, version: 2 } });
  });
});
