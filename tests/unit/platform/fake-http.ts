/**
 * Just enough of express's request and response for middleware tests without a server:
 * headers, status, locals, write/end, and the body as it was sent.
 */
import type { NextFunction, Request, Response } from 'express';

export class FakeResponse {
  statusCode = 200;
  locals: Record<string, unknown> = {};
  readonly headers = new Map<string, string>();
  readonly chunks: Buffer[] = [];
  ended = false;

  status(code: number) {
    this.statusCode = code;
    return this;
  }
  set(fields: Record<string, string>) {
    for (const [name, value] of Object.entries(fields)) this.setHeader(name, value);
    return this;
  }
  setHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), String(value));
    return this;
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  write(chunk: string | Buffer) {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Buffer) {
    if (chunk) this.chunks.push(Buffer.from(chunk));
    this.ended = true;
    return this;
  }
  get text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function fakeRequest(fields: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Request {
  return { method: fields.method ?? 'POST', body: fields.body, headers: fields.headers ?? {} } as unknown as Request;
}

/** Runs one middleware; `downstream` plays what comes after it (Apollo), if it passes the request on. */
export function run(
  middleware: (req: Request, res: Response, next: NextFunction) => void,
  req: Request,
  downstream: (res: FakeResponse) => void = () => {},
  res = new FakeResponse(),
): { res: FakeResponse; passedOn: boolean } {
  let passedOn = false;
  middleware(req, res as unknown as Response, () => {
    passedOn = true;
    downstream(res);
  });
  return { res, passedOn };
}
