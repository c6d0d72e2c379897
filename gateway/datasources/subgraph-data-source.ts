/**
 * The data source of one subgraph: Apollo's RemoteGraphQLDataSource with the gateway's
 * fetcher (timeouts, deduplication: gateway/fetchers), plus what is the data source's own
 * concern: it passes the request id on to the subgraph, and a call that fails in transport
 * (refused, reset, timed out, a non-2xx status) becomes an error with a code and the
 * subgraph's name, so a dashboard can tell which region is missing. The transport message,
 * with the subgraph's URL, stays in the error's cause, for the logs only.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { REQUEST_ID_HEADER, type RequestContext } from '../../platform/request-id';
import type { SubgraphFetcher } from '../fetchers';
import { subgraphFailure } from '../subgraph-errors';

type Context = Partial<RequestContext>;

export class SubgraphDataSource extends RemoteGraphQLDataSource<Context> {
  private readonly subgraph: string;

  constructor(options: { name: string; url: string; fetcher: SubgraphFetcher }) {
    // Apollo types its fetcher as node-fetch's; the platform's fetch has the same shape where it is used.
    super({ url: options.url, fetcher: options.fetcher as never });
    this.subgraph = options.name;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<Context>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      throw subgraphFailure(this.subgraph, error);
    }
  }
}
