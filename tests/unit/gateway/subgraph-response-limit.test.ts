/**
 * The cap on the bytes of a subgraph answer (gateway/fetchers/response-limit.ts), over fake
 * fetches: the read stops at the cap, the call fails as SUBGRAPH_RESPONSE_TOO_LARGE naming
 * the subgraph, and an answer under the cap passes unchanged.
 */
import type { GraphQLError } from 'graphql';
import { maskGatewayError } from '../../../gateway/error-masking';
import { subgraphFetcher, withResponseLimit, DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES, type SubgraphFetcher } from '../../../gateway/fetchers';
import { SubgraphResponseTooLargeError, subgraphFailure } from '../../../gateway/subgraph-errors';
import type { Logger } from '../../../platform/logger';

const URL_A = 'http://nordjylland.internal:4101/graphql';

/** A subgraph that streams `chunks` chunks of `size` bytes, counting how many were pulled and whether the read was cancelled. */
function streamingSubgraph(chunks: number, size: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  const fetch: SubgraphFetcher = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (state.pulled === chunks) return controller.close();
          state.pulled++;
          controller.enqueue(new Uint8Array(size).fill(0x20));
        },
        cancel() {
          state.cancelled = true;
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json', ...headers } },
    );
  return { fetch, state };
}

describe('withResponseLimit', () => {
  it('stops reading past the cap and fails with the subgraph’s name', async () => {
    const subgraph = streamingSubgraph(1_000, 1_024);
    const fetch = withResponseLimit(subgraph.fetch, { subgraph: 'nordjylland', maxBytes: 10 * 1_024 });
    const error = await fetch(URL_A).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphResponseTooLargeError);
    expect(error).toMatchObject({ subgraph: 'nordjylland', maxBytes: 10 * 1_024 });
    expect(subgraph.state.cancelled).toBe(true);
    // Not the 1 000 chunks on offer: the read stopped just past the cap.
    expect(subgraph.state.pulled).toBeLessThan(15);
  });

  it('fails at once when Content-Length says the answer is over the cap', async () => {
    const subgraph = streamingSubgraph(1_000, 1_024, { 'content-length': String(1_000 * 1_024) });
    const fetch = withResponseLimit(subgraph.fetch, { subgraph: 'syddanmark', maxBytes: 10 * 1_024 });
    await expect(fetch(URL_A)).rejects.toBeInstanceOf(SubgraphResponseTooLargeError);
    expect(subgraph.state.pulled).toBeLessThanOrEqual(1);
  });

  it('passes an answer up to the cap unchanged, status and headers included', async () => {
    const body = JSON.stringify({ data: { clusters: [{ id: 'nordjylland-midt' }] } });
    const fetch = withResponseLimit(async () => new Response(body, { status: 200, headers: { 'cache-control': 'max-age=30, public' } }), {
      subgraph: 'nordjylland',
      maxBytes: Buffer.byteLength(body),
    });
    const res = await fetch(URL_A);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=30, public');
    expect(await res.text()).toBe(body);
  });

  it('is in the gateway’s fetch policy, 5 MB by default, and surfaces as SUBGRAPH_RESPONSE_TOO_LARGE with serviceName', async () => {
    expect(DEFAULT_MAX_SUBGRAPH_RESPONSE_BYTES).toBe(5 * 1024 * 1024);
    const subgraph = streamingSubgraph(100, 1_024);
    const fetch = subgraphFetcher({ subgraph: 'nordjylland', timeoutMs: 5_000, deduplicate: true, maxResponseBytes: 4_096, fetch: subgraph.fetch });
    const thrown = await fetch(URL_A, { method: 'POST', body: JSON.stringify({ query: '{ a }' }) }).catch((e: unknown) => e);
    const failure = subgraphFailure('nordjylland', thrown);
    expect(failure.extensions).toEqual({ code: 'SUBGRAPH_RESPONSE_TOO_LARGE', serviceName: 'nordjylland' });
    const logger = { error: () => {} } as unknown as Logger;
    const formatted = maskGatewayError(logger)({ ...(failure as GraphQLError).toJSON(), extensions: failure.extensions }, failure);
    expect(formatted).toEqual({
      message: 'Subgraph nordjylland answered more than 4096 bytes: ask for fewer fields, fewer items or a narrower range.',
      extensions: { code: 'SUBGRAPH_RESPONSE_TOO_LARGE', serviceName: 'nordjylland' },
    });
  });
});
