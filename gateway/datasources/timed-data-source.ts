/**
 * @apollo/gateway sets no timeout on subgraph calls; it only lets a custom fetcher pass an
 * AbortSignal. This data source aborts a call after a set time, so one slow region cannot
 * hold a dashboard's whole request, and passes the request id on to the subgraph.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../../platform/request-id';

export class SubgraphTimeoutError extends Error {
  constructor(readonly subgraph: string, readonly timeoutMs: number) {
    super(`subgraph ${subgraph} did not answer within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

export function timedFetcher(subgraph: string, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new SubgraphTimeoutError(subgraph, timeoutMs);
      throw error;
    }
  };
}

export class TimedDataSource extends RemoteGraphQLDataSource<{ requestId?: string }> {
  private readonly subgraph: string;
  private readonly deduplicate: boolean;
  /** Subgraph calls under way, by query and variables: identical concurrent calls share one. */
  private readonly inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();

  constructor(options: { name: string; url: string; timeoutMs: number; deduplicate?: boolean }) {
    super({ url: options.url, fetcher: timedFetcher(options.name, options.timeoutMs) as never });
    this.subgraph = options.name;
    this.deduplicate = options.deduplicate ?? true;
  }

  /**
   * Dashboards fire the same few queries at the same time; identical subgraph calls that
   * overlap are made once. Only queries (this hub has no mutations), and each caller gets
   * its own copy of the answer: the gateway merges later fetches into the objects of an
   * answer, so sharing one object between requests would mix their results.
   */
  override async process(options: GraphQLDataSourceProcessOptions<{ requestId?: string }>): Promise<GatewayGraphQLResponse> {
    const { query, variables } = options.request;
    if (!this.deduplicate || !query || /^\s*mutation\b/.test(query)) return this.processOnce(options);
    const key = JSON.stringify([query, variables ?? null]);
    let shared = this.inFlight.get(key);
    if (!shared) {
      shared = this.processOnce(options).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, shared);
    }
    return structuredClone(await shared);
  }

  /**
   * A call that fails in transport (refused, reset, timed out) reaches the client as an
   * error with a code and the subgraph's name, so a dashboard can tell which region is
   * missing; the transport message (with the subgraph's URL) is kept for the logs only.
   */
  private async processOnce(options: GraphQLDataSourceProcessOptions<{ requestId?: string }>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      const timeout = error instanceof SubgraphTimeoutError;
      throw new GraphQLError(timeout ? (error as Error).message : `subgraph ${this.subgraph} failed: ${(error as Error).message}`, {
        originalError: error as Error,
        extensions: { code: timeout ? 'TIMEOUT' : 'DOWNSTREAM_SERVICE_ERROR', serviceName: this.subgraph },
      });
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ requestId?: string }>) {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}
