/**
 * The server span of every GraphQL request a service receives, in the trace the caller
 * started: the W3C `traceparent` header of the incoming request (the gateway's, on a
 * subgraph; a client's, on the gateway) is its parent, and the rest of the request runs in
 * its context, so the gateway's plan and fetch spans, a subgraph's SQL spans and the
 * `traceparent` the gateway sends on are its descendants.
 *
 * Two middlewares, because express's JSON body parser continues in the socket's context,
 * not the request's: `start` (before the body parser) opens the span, `enter` (after it)
 * runs the rest of the chain inside the span's context. The span is named by the operation
 * once Apollo resolves it (operationSpan, an Apollo plugin): `query NordjyllandClusters`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Context } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { clip } from '../log-fields';
import { HUB_TRACER } from './tracing';

const TRACE_CONTEXT = Symbol('trace context');

type Traced = Response & { [TRACE_CONTEXT]?: Context };

export function traceRequests(service: string): { start: RequestHandler; enter: RequestHandler } {
  const tracer = trace.getTracer(HUB_TRACER);
  const start = (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      `${req.method} /graphql`,
      // The path as the client sent it (req.path is relative to the mount point), clipped.
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': clip(req.originalUrl.split('?')[0]), 'hub.service': service } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    (res as Traced)[TRACE_CONTEXT] = active;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    // A client that goes away before the answer: the span ends all the same.
    res.once('close', end);
    context.with(active, next);
  };
  const enter = (_req: Request, res: Response, next: NextFunction) => {
    const active = (res as Traced)[TRACE_CONTEXT];
    if (active) context.with(active, next);
    else next();
  };
  return { start, enter };
}

/** Names the request's span by its operation (`query Name`) and records the operation's name and type. */
export function operationSpan<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation }) {
          const span = trace.getActiveSpan();
          if (!span || !operation) return;
          // The client chose the name: clipped like every client string the hub records.
          const name = operationName ? clip(operationName) : undefined;
          span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (name) span.setAttribute('graphql.operation.name', name);
        },
      };
    },
  };
}
