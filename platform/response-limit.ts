/**
 * A cap on the bytes of one GraphQL answer. Apollo hands the whole serialized answer to
 * `res.send`; past `maxBytes` the caller gets a GraphQL error with a code instead of the
 * body (the status stays what it was, the answer is not cacheable), so one operation cannot
 * make the service send, or a cache keep, tens of megabytes.
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

export function responseSizeLimit(maxBytes: number, onRefused: (bytes: number) => void = () => {}): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res) as (body?: unknown) => Response;
    res.send = ((body?: unknown) => {
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : 0;
      if (bytes <= maxBytes) return send(body);
      onRefused(bytes);
      res.removeHeader('cache-control');
      res.removeHeader('content-length');
      res.type('application/json');
      const message = `The answer would be ${bytes} bytes, more than this service sends (${maxBytes}): ask for fewer fields, fewer items or a narrower range.`;
      return send(JSON.stringify({ errors: [{ message, extensions: { code: RESPONSE_TOO_LARGE_CODE, maxBytes } }], data: null }));
    }) as Response['send'];
    next();
  };
}
