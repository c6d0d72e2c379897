/**
 * The fetch underneath the gateway's subgraph calls: a POST over node:http(s) on a keep-alive
 * agent, read to its end into a LoadedResponse (./loaded-response.ts), the byte cap applied
 * while reading (its first bytes over `maxBytes` end the read; a Content-Length over it, the
 * call before the body).
 *
 * Why not the platform's `fetch`: a subgraph call is one small request and one JSON answer
 * read whole, and Node's fetch builds Request, Headers, AbortSignal and web-stream objects
 * around each, which in a CPU profile of the gateway under the benchmark's overview cost more
 * than the call's own bytes; this does what the gateway needs of it and no more. What it
 * leaves out, on purpose: redirects are not followed (a subgraph URL that redirects is
 * misconfigured; its 3xx answer fails the call with its status) and no compressed answer is
 * asked for (subgraphs are near the gateway; their answers are parsed as they come).
 */
import http from 'node:http';
import https from 'node:https';
import { SubgraphResponseTooLargeError } from '../subgraph-errors';
import type { SubgraphFetcher } from './fetcher';
import { LoadedResponse } from './loaded-response';

export interface HttpFetchOptions {
  subgraph: string;
  /** Bytes one answer may have: more fails the call with SubgraphResponseTooLargeError. */
  maxBytes: number;
}

/** Request headers as node:http takes them, whatever form a fetch init gives them in. */
function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers as Iterable<[string, string]>);
  return headers as Record<string, string>;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

export function httpFetch({ subgraph, maxBytes }: HttpFetchOptions): SubgraphFetcher {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) return reject(signal.reason);
      if (init.body != null && typeof init.body !== 'string') {
        return reject(new TypeError(`subgraph ${subgraph}: only a string body can be sent`));
      }
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const fail = (error: unknown) => {
        settle(() => reject(error));
        request.destroy();
      };
      const onAbort = () => fail(signal!.reason);

      const request = (secure ? https : http).request(
        target,
        { method: init.method ?? 'GET', headers: plainHeaders(init.headers), agent: secure ? agents.https : agents.http },
        (response) => {
          if (Number(response.headers['content-length'] ?? NaN) > maxBytes) return fail(new SubgraphResponseTooLargeError(subgraph, maxBytes));
          const chunks: Buffer[] = [];
          let total = 0;
          response.on('data', (chunk: Buffer) => {
            total += chunk.byteLength;
            if (total > maxBytes) return fail(new SubgraphResponseTooLargeError(subgraph, maxBytes));
            chunks.push(chunk);
          });
          response.on('error', fail);
          response.on('close', () => {
            if (!response.complete) fail(new Error(`subgraph ${subgraph} closed the connection before the end of its answer`));
          });
          response.on('end', () => {
            let loaded: LoadedResponse;
            try {
              loaded = new LoadedResponse(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), {
                status: response.statusCode!,
                statusText: response.statusMessage ?? '',
                headers: responseHeaders(response.rawHeaders),
              });
            } catch (error) {
              return fail(error); // a status a Response cannot have
            }
            settle(() => resolve(loaded));
          });
        },
      );
      request.on('error', fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      request.end(init.body ?? undefined);
    });
}
