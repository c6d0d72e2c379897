/**
 * The data source of one subgraph: Apollo's RemoteGraphQLDataSource with the gateway's
 * fetcher (timeouts, deduplication: gateway/fetchers), plus what is the data source's own
 * concern: it passes the request id and the client's Authorization header on to the
 * subgraph, signs each call with the subgraph secret when one is configured
 * (platform/gateway-credential.ts), and a call that fails in
 * transport (refused, reset, timed out, a non-2xx status) becomes an error with a code and
 * the subgraph's name, so a dashboard can tell which region is missing. The transport
 * message, with the subgraph's URL, stays in the error's cause, for the logs only.
 *
 * One non-2xx answer is not a failure of the region: a 400 whose GraphQL errors all say
 * BAD_USER_INPUT (an argument the subgraph's scalars refuse, e.g. `meetings(from:
 * "2024-02-31")`: the gateway's supergraph does not know the Date scalar's rules). It is the
 * subgraph's answer to the client's input, so it is handed to the gateway as that answer:
 * its errors keep their code, and the fields other subgraphs resolve keep their data.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context as otelContext, propagation, type TextMapSetter } from '@opentelemetry/api';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GATEWAY_SIGNATURE_HEADER, signGatewayCall } from '../../platform/gateway-credential';
import { REQUEST_ID_HEADER, type RequestContext } from '../../platform/request-id';
import type { SubgraphFetcher } from '../fetchers';
import { subgraphFailure } from '../subgraph-errors';

/** The gateway's request context: the request id, and the client's Authorization header if it sent one. */
export interface GatewayContext extends RequestContext {
  authorization?: string;
}

type Context = Partial<GatewayContext>;

/** Writes a propagated header (W3C traceparent) into the outgoing request's headers. */
const headerSetter: TextMapSetter<{ set(name: string, value: string): void }> = { set: (headers, name, value) => headers.set(name, value) };

/** Adds the gateway's signature of the body; outermost, so a shared (deduplicated) call carries one. */
function signed(fetcher: SubgraphFetcher, secret: string): SubgraphFetcher {
  return (url, init = {}) => {
    const body = typeof init.body === 'string' ? init.body : '';
    const headers = new Headers(init.headers);
    headers.set(GATEWAY_SIGNATURE_HEADER, signGatewayCall(secret, body));
    return fetcher(url, { ...init, headers: Object.fromEntries(headers) });
  };
}

/** The subgraph's GraphQL errors when it refused the client's input (400, every error BAD_USER_INPUT). */
export function clientInputErrors(error: unknown): GraphQLFormattedError[] | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions?.response as { status?: unknown; body?: unknown } | undefined;
  if (response?.status !== 400 || typeof response.body !== 'object' || response.body === null) return undefined;
  const errors = (response.body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const allInput = errors.every((e) => typeof e?.message === 'string' && e?.extensions?.code === 'BAD_USER_INPUT');
  return allInput ? (errors as GraphQLFormattedError[]) : undefined;
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<Context> {
  private readonly subgraph: string;

  constructor(options: { name: string; url: string; fetcher: SubgraphFetcher; secret?: string }) {
    const fetcher = options.secret ? signed(options.fetcher, options.secret) : options.fetcher;
    // Apollo types its fetcher as node-fetch's; the platform's fetch has the same shape where it is used.
    super({ url: options.url, fetcher: fetcher as never });
    this.subgraph = options.name;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    // The subgraph decides what the token may write (platform/bearer-auth.ts); the gateway only
    // carries it, to every subgraph the operation needs. The gateway's signature covers the
    // body, not the headers, so a call with a token is signed like any other.
    if (context?.authorization) request.http?.headers.set('authorization', context.authorization);
    // The active span here is @apollo/gateway's `gateway.fetch`: the subgraph's spans join its
    // trace (platform/tracing/trace-requests.ts). With tracing off no propagator is registered
    // and nothing is written.
    if (request.http) propagation.inject(otelContext.active(), request.http.headers, headerSetter);
  }

  override async process(options: GraphQLDataSourceProcessOptions<Context>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const inputErrors = clientInputErrors(error);
      // Locations point into the subgraph's operation, not the client's: dropped.
      if (inputErrors) return { errors: inputErrors.map(({ message, extensions }) => ({ message, extensions: { code: extensions?.code } })) };
      throw subgraphFailure(this.subgraph, error);
    }
  }
}
