/**
 * @apollo/gateway sets no timeout on subgraph calls; it only lets a custom fetcher pass an
 * AbortSignal. This data source aborts a call after a set time, so one slow region cannot
 * hold a dashboard's whole request.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';

export function timedFetcher(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

export class TimedDataSource extends RemoteGraphQLDataSource {
  constructor(options: { url: string; timeoutMs: number }) {
    super({ url: options.url, fetcher: timedFetcher(options.timeoutMs) as never });
  }
}
