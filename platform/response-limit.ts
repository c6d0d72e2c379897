/**
 * A cap on the bytes of one GraphQL answer. Apollo hands the whole serialized answer to
 * `res.send`; past `maxBytes` the caller gets a GraphQL error with a code instead of the
 * body (the status stays what it was, the answer is not cacheable), so one operation cannot
 * make the service send, or a cache keep, tens of megabytes. An answer to a POST is sent
 * here, without an ETag (below).
 */
import type { RequestHandler, Response } from 'express';
import { envInteger } from './config';

/** 10 MB: fifty times the largest dashboard answer measured (the benchmark's 160 KB timeline). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const RESPONSE_TOO_LARGE_CODE = 'RESPONSE_TOO_LARGE';

/** MAX_RESPONSE_BYTES: a whole number of bytes, at least 1 024. */
export function envMaxResponseBytes(fallback = DEFAULT_MAX_RESPONSE_BYTES): number {
  return envInteger('MAX_RESPONSE_BYTES', fallback, 1024);
}

/** UTF-8 takes at most 3 bytes for each UTF-16 code unit of a string. */
const MAX_UTF8_BYTES_PER_CODE_UNIT = 3;

/** The bytes of `body` as sent; for a string that cannot be over `maxBytes`, a bound of them instead. */
function boundedSize(body: unknown, maxBytes: number): number {
  if (typeof body === 'string') {
    // Counting every answer's bytes was 1 % of the gateway's CPU for a 160 KB answer: only
    // a string that might be over the limit is counted.
    const bound = body.length * MAX_UTF8_BYTES_PER_CODE_UNIT;
    return bound <= maxBytes ? bound : Buffer.byteLength(body);
  }
  return Buffer.isBuffer(body) ? body.length : 0;
}

export function responseSizeLimit(maxBytes: number, onRefused: (bytes: number) => void = () => {}): RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res) as (body?: unknown) => Response;
    const refuse = (bytes: number) => {
      onRefused(bytes);
      res.removeHeader('cache-control');
      res.removeHeader('content-length');
      res.type('application/json');
      const message = `The answer would be ${bytes} bytes, more than this service sends (${maxBytes}): ask for fewer fields, fewer items or a narrower range.`;
      return send(JSON.stringify({ errors: [{ message, extensions: { code: RESPONSE_TOO_LARGE_CODE, maxBytes } }], data: null }));
    };
    res.send = ((body?: unknown) => {
      // A POST answer with its type set (Apollo's, to every POST): encoded once and sent as it
      // is. Express's send would also hash it for an ETag, which no client can use (a POST is
      // never revalidated): 1 % of the gateway's CPU for the 160 KB timeline.
      if (req.method === 'POST' && typeof body === 'string' && res.getHeader('content-type') !== undefined) {
        const encoded = Buffer.from(body);
        if (encoded.length > maxBytes) return refuse(encoded.length);
        res.setHeader('content-length', encoded.length);
        res.end(encoded);
        return res;
      }
      const bytes = boundedSize(body, maxBytes);
      return bytes <= maxBytes ? send(body) : refuse(bytes);
    }) as Response['send'];
    next();
  };
}
