/** The cap on the bytes of one answer (platform/response-limit.ts), on a fake response: no server. */
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_MAX_RESPONSE_BYTES, responseSizeLimit } from '../../../platform/response-limit';

function fakeResponse() {
  const res = {
    statusCode: 200,
    headers: { 'cache-control': 'max-age=30, public', 'content-type': 'application/json' } as Record<string, string | number>,
    sent: undefined as unknown,
    /** How it was sent: express's send (with its ETag), or its bytes as they are. */
    by: undefined as 'send' | 'end' | undefined,
    send(body: unknown) {
      res.sent = body;
      res.by = 'send';
      return res;
    },
    end(bytes: Buffer) {
      res.sent = bytes.toString();
      res.by = 'end';
      return res;
    },
    getHeader(name: string) {
      return res.headers[name];
    },
    setHeader(name: string, value: number) {
      res.headers[name] = value;
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

function answer(maxBytes: number, body: string, method = 'GET') {
  const res = fakeResponse();
  const refused: number[] = [];
  responseSizeLimit(maxBytes, (bytes) => refused.push(bytes))({ method } as Request, res as unknown as Response, (() => {}) as NextFunction);
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

  it('counts the bytes, not the characters, at the cap: multi-byte text exactly at it goes, one byte over does not', () => {
    const body = JSON.stringify({ data: { text: 'æøå'.repeat(500) } });
    const bytes = Buffer.byteLength(body);
    expect(bytes).toBeGreaterThan(body.length);
    expect(answer(bytes, body).res.sent).toBe(body);
    expect(answer(bytes - 1, body).refused).toEqual([bytes]);
    // Three bytes a character at most: a string that short is never counted, and always sent.
    expect(answer(body.length * 3, body).res.sent).toBe(body);
  });

  it('sends the answer to a POST as its bytes, with their length and without an ETag, and caps it alike', () => {
    const body = JSON.stringify({ data: { text: 'æøå'.repeat(500) } });
    const bytes = Buffer.byteLength(body);
    const sent = answer(bytes, body, 'POST');
    expect(sent.res).toMatchObject({ sent: body, by: 'end' });
    expect(sent.res.headers['content-length']).toBe(bytes);
    const refused = answer(bytes - 1, body, 'POST');
    expect(refused.refused).toEqual([bytes]);
    expect(JSON.parse(refused.res.sent as string).errors[0].extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(refused.res.headers['cache-control']).toBeUndefined();
    // A GET's answer goes through express's send, which may answer 304 to a matching ETag.
    expect(answer(bytes, body, 'GET').res.by).toBe('send');
  });

  it('defaults to 10 MB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });
});
