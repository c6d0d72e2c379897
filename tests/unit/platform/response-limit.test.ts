/** The cap on the bytes of one answer (platform/response-limit.ts), on a fake response: no server. */
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_MAX_RESPONSE_BYTES, responseSizeLimit } from '../../../platform/response-limit';

function fakeResponse() {
  const res = {
    statusCode: 200,
    headers: { 'cache-control': 'max-age=30, public', 'content-type': 'application/json' } as Record<string, string>,
    sent: undefined as unknown,
    send(body: unknown) {
      res.sent = body;
      return res;
    },
    removeHeader(name: string) {
      delete res.headers[name];
    },
    type(type: string) {
      res.headers['content-type'] = type;
      return res;
    },
  };
  return res;
}

function answer(maxBytes: number, body: string) {
  const res = fakeResponse();
  const refused: number[] = [];
  responseSizeLimit(maxBytes, (bytes) => refused.push(bytes))({} as Request, res as unknown as Response, (() => {}) as NextFunction);
  (res as unknown as Response).send(body);
  return { res, refused };
}

describe('responseSizeLimit', () => {
  it('sends an answer up to the cap as it is', () => {
    const body = JSON.stringify({ data: { regions: [{ code: 'NORDJYLLAND' }] } });
    const { res, refused } = answer(Buffer.byteLength(body), body);
    expect(res.sent).toBe(body);
    expect(res.headers['cache-control']).toBe('max-age=30, public');
    expect(refused).toEqual([]);
  });

  it('sends an error with a code instead of a larger answer, not cacheable, and reports it', () => {
    const body = JSON.stringify({ data: { text: 'æ'.repeat(2_000) } });
    const { res, refused } = answer(2_048, body);
    expect(JSON.parse(res.sent as string)).toEqual({
      errors: [{ message: expect.stringContaining('more than this service sends (2048)'), extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: 2_048 } }],
      data: null,
    });
    expect(res.headers['cache-control']).toBeUndefined();
    expect(refused).toEqual([Buffer.byteLength(body)]);
  });

  it('defaults to 10 MB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });
});
