/**
 * A subgraph fetcher: what RemoteGraphQLDataSource calls as `this.fetcher(url, init)`, with
 * the request's URL and an init of method, headers (a plain object) and a JSON body. The
 * gateway's fetch policy is a stack of wrappers around the platform's fetch.
 */
export type SubgraphFetcher = (url: string, init?: RequestInit) => Promise<Response>;

/** A response read to its end, so it can be handed out more than once. */
export interface BufferedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export async function bufferResponse(response: Response): Promise<BufferedResponse> {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  return { status: response.status, statusText: response.statusText, headers: [...response.headers], body };
}

/** A new Response of its own (body, headers) for each caller. */
export function toResponse(buffered: BufferedResponse): Response {
  return new Response(buffered.body === null ? null : buffered.body.slice(0), {
    status: buffered.status,
    statusText: buffered.statusText,
    headers: buffered.headers,
  });
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
