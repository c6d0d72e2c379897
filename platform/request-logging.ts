/**
 * One log line per GraphQL operation Apollo answers: request id, operation name, duration
 * and error codes. (Answers that never reach Apollo, such as the gateway's cache hits, are
 * logged by whatever answers them, with the same request id.)
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { clip } from './log-fields';
import type { Logger } from './logger';
import type { RequestContext } from './request-id';

/** Milliseconds since `started` (from process.hrtime.bigint()), to one decimal. */
export function elapsedMs(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
}

export function useRequestLogging<C extends RequestContext>(log: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ errors, operationName }) {
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          // The client chose the name: at most MAX_CLIENT_STRING characters of it.
          const name = operationName ?? request.operationName;
          log.info(
            { requestId: contextValue.requestId, operationName: typeof name === 'string' ? clip(name) : null, durationMs: elapsedMs(started), errors: codes.length ? codes : undefined },
            'graphql request',
          );
        },
      };
    },
  };
}
