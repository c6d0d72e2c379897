/**
 * A request id per GraphQL request: taken from the caller's `x-request-id` header when it
 * is a sane token (the gateway passes its own on to the subgraphs), generated otherwise,
 * echoed in the response header and written on every log line of the request.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

export interface RequestContext extends BaseContext {
  requestId: string;
}

/** Logs each operation once it is answered: name, duration, error codes. */
export function useRequestLogging<C extends RequestContext>(log: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, errors, operationName }) {
          response.http.headers.set(REQUEST_ID_HEADER, contextValue.requestId);
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          log.info(
            { requestId: contextValue.requestId, operationName: operationName ?? request.operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, errors: codes.length ? codes : undefined },
            'graphql request',
          );
        },
      };
    },
  };
}
