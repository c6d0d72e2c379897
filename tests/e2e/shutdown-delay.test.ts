/**
 * Stopping behind a load balancer: with SHUTDOWN_DELAY_MS (shutdownDelayMs) a service that
 * is told to stop first answers its readiness check with 503 while it still serves, so the
 * balancer's health check takes it out before its port closes; then it drains and closes.
 * A service of the platform's HTTP server on 127.0.0.1 with a one-field schema.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { startService, type RunningService } from '../../platform/http-server';
import { createLogger } from '../../platform/logger';

/** Long enough for the requests below on a busy machine; the test does not wait it out before asking. */
const DELAY_MS = 3_000;
let service: RunningService;

beforeAll(async () => {
  const schema = buildSubgraphSchema({ typeDefs: parse('type Query { hello: String! }'), resolvers: { Query: { hello: () => 'hej' } } });
  service = await startService({ name: 'stopping', host: '127.0.0.1', port: 0, schema, context: async ({ requestId }) => ({ requestId }), ready: async () => {}, shutdownDelayMs: DELAY_MS, logger: createLogger('test') });
});

const ready = () => fetch(new URL('/health/ready', service.url));
const hello = () => fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ hello }' }) });

it('answers readiness 503 once told to stop, keeps serving for the delay, then closes its port', async () => {
  expect((await ready()).status).toBe(200);
  const closed = service.close();
  const unready = await ready();
  expect(unready.status).toBe(503);
  expect(await unready.json()).toEqual({ status: 'unavailable', service: 'stopping', detail: 'stopping' });
  const answer = await hello();
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({ data: { hello: 'hej' } });
  await closed;
  await expect(hello()).rejects.toThrow();
});
