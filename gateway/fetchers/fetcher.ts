/**
 * A subgraph fetcher: what RemoteGraphQLDataSource calls as `this.fetcher(url, init)`, with
 * the request's URL and an init of method, headers (a plain object) and a JSON body. The
 * gateway's fetch policy is a stack of wrappers around the platform's fetch.
 */
import { LoadedResponse } from './loaded-response';

export type SubgraphFetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** A response read to its end, so it can be handed out more than once. */
export interface BufferedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** Shared by every Response made from it: read, never written to. */
  body: Uint8Array | null;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export async function bufferResponse(response: Response): Promise<BufferedResponse> {
  const { status, statusText, headers } = response;
  if (response instanceof LoadedResponse) return { status, statusText, headers, body: response.loadedBytes() };
  const body = NULL_BODY_STATUSES.has(status) ? null : new Uint8Array(await response.arrayBuffer());
  return { status, statusText, headers, body };
}

/** A Response of its own for each caller (status, headers, a body over the shared bytes: see loaded-response.ts). */
export function toResponse(buffered: BufferedResponse): Response {
  return new LoadedResponse(buffered.body, buffered);
}

/** A header of a fetch init, whatever form its headers take. */
export function headerOf(init: RequestInit | undefined, name: string): string | undefined {
  const headers = init?.headers;
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  const entries: Array<readonly [string, string | readonly string[]]> = Array.isArray(headers) ? headers.map(([key, value]) => [key, value] as const) : Object.entries(headers);
  const value = entries.find(([key]) => key.toLowerCase() === lower)?.[1];
  return value === undefined ? undefined : [value].flat().join(', ');
}
