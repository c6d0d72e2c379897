/**
 * Which request is being worked on, as far as the shared caches need to know: whether it
 * carries an Authorization header. Nothing from such a request is stored where other
 * replicas and users read it; the APQ store (persisted-queries.ts) sees only keys and
 * values, so it asks here (AsyncLocalStorage follows the request through Apollo's promises).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

const scope = new AsyncLocalStorage<{ authenticated: boolean }>();

/** Middleware on the GraphQL route, before Apollo: marks the rest of the request's work. */
export function markAuthenticatedRequests(req: Request, _res: Response, next: NextFunction): void {
  scope.run({ authenticated: req.headers.authorization !== undefined }, next);
}

/** True while working on a request with an Authorization header. */
export const inAuthenticatedRequest = () => scope.getStore()?.authenticated === true;
