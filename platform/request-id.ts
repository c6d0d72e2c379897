/**
 * A request id per HTTP request, chosen before anything else answers (the gateway's
 * response cache included): the caller's `x-request-id` header when it is a sane token
 * (the gateway passes its own on to the subgraphs), a new UUID otherwise. It is echoed in
 * the response header, kept on the response for later middleware, and handed to the
 * GraphQL context, so every log line of the request can carry it.
 */
import { randomUUID } from 'node:crypto';
import type { BaseContext } from '@apollo/server';
import type { RequestHandler, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's id when it is a sane token (no spaces, quotes or control characters; at most 128), a new one otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

export interface RequestContext extends BaseContext {
  requestId: string;
}

/** Express middleware: picks the request's id, sets the response header and keeps it in `res.locals`. */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  };
}

/** The id assignRequestId chose for this response (a new one if it did not run). */
export function requestIdOf(res: Pick<Response, 'locals'>): string {
  const id = res.locals.requestId;
  if (typeof id === 'string') return id;
  return (res.locals.requestId = randomUUID());
}
