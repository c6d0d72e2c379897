/** The cap on requests in flight (platform/concurrency.ts), on fake responses: no server. */
import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { concurrencyLimit, DEFAULT_MAX_CONCURRENT_REQUESTS, envMaxConcurrentRequests, RETRY_AFTER_SECONDS } from '../../../platform/concurrency';

class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  set(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  json(body: unknown) {
    this.body = body;
    this.emit('finish');
    return this;
  }
}

function call(limit: ReturnType<typeof concurrencyLimit>) {
  const res = new FakeResponse();
  let passedOn = false;
  limit({} as Request, res as unknown as Response, (() => (passedOn = true)) as NextFunction);
  return { res, passedOn };
}

describe('concurrencyLimit', () => {
  it('lets `max` requests through, answers the next 503 with Retry-After and a code, and counts down as they end', () => {
    const limit = concurrencyLimit(2);
    const first = call(limit);
    const second = call(limit);
    expect([first.passedOn, second.passedOn]).toEqual([true, true]);
    const third = call(limit);
    expect(third.passedOn).toBe(false);
    expect(third.res.statusCode).toBe(503);
    expect(third.res.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(third.res.body).toEqual({ errors: [{ message: expect.stringContaining('2 requests'), extensions: { code: 'SERVICE_OVERLOADED' } }] });
    expect(limit.inFlight()).toBe(2);
    // A finished request and one whose caller went away both free their place, once.
    first.res.emit('finish');
    first.res.emit('close');
    second.res.emit('close');
    expect(limit.inFlight()).toBe(0);
    expect(call(limit).passedOn).toBe(true);
  });

  it('defaults to 64, MAX_CONCURRENT_REQUESTS says otherwise', () => {
    expect(DEFAULT_MAX_CONCURRENT_REQUESTS).toBe(64);
    const saved = process.env.MAX_CONCURRENT_REQUESTS;
    try {
      delete process.env.MAX_CONCURRENT_REQUESTS;
      expect(envMaxConcurrentRequests()).toBe(64);
      process.env.MAX_CONCURRENT_REQUESTS = '8';
      expect(envMaxConcurrentRequests()).toBe(8);
      process.env.MAX_CONCURRENT_REQUESTS = '0';
      expect(() => envMaxConcurrentRequests()).toThrow(/MAX_CONCURRENT_REQUESTS/);
    } finally {
      if (saved === undefined) delete process.env.MAX_CONCURRENT_REQUESTS;
      else process.env.MAX_CONCURRENT_REQUESTS = saved;
    }
  });
});
