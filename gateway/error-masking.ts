/**
 * What a dashboard sees of the gateway's errors. Codes stay (DOWNSTREAM_SERVICE_ERROR,
 * TIMEOUT, BAD_USER_INPUT …) and so does the name of the subgraph that failed; subgraph
 * URLs, transport messages and stack traces do not: the original goes to the log.
 *
 * Failed subgraph calls are recognised by their class (gateway/subgraph-errors.ts), found
 * along the error's `originalError` chain: @apollo/gateway passes a data source's thrown
 * error through unchanged, and Apollo Server hands it to formatError as the second
 * argument. Errors a subgraph answered with keep their public code and message, unless
 * the message carries a URL.
 */
import type { GraphQLFormattedError } from 'graphql';
import { PUBLIC_CODES } from '../platform/errors';
import { clip, describeError } from '../platform/log-fields';
import type { Logger } from '../platform/logger';
import { SubgraphCircuitOpenError, SubgraphResponseTooLargeError, SubgraphTimeoutError, SubgraphUnavailableError, findCause } from './subgraph-errors';

const URL_IN_MESSAGE = /https?:\/\//;

/**
 * Codes of the client's mistakes that are not public codes: @apollo/gateway's INVALID_GRAPHQL
 * when it cannot choose the operation (an operationName the document does not define).
 * Logged as one line without a stack.
 */
const CLIENT_MISTAKES: ReadonlySet<string> = new Set(['INVALID_GRAPHQL']);

/** The messages of an error and its causes (cut: they may quote the client), with the stack of the innermost: for the log. */
function describe(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    if (!(current instanceof Error)) {
      lines.push(clip(String(current)));
      break;
    }
    const next = (current as { originalError?: unknown }).originalError ?? current.cause;
    lines.push(next instanceof Error ? `${current.name}: ${clip(current.message)}` : describeError(current));
    current = next;
  }
  return lines.join('\ncaused by ');
}

/**
 * What a refused write tells its writer beyond the code, passed on from the subgraph and
 * checked for shape: the version a record is at now (CONFLICT) and every broken rule with its
 * field path (BAD_USER_INPUT). Nothing else of a subgraph's extensions reaches a client.
 */
function writeDetails(extensions: Record<string, unknown>): { currentVersion?: number; problems?: string[] } {
  const out: { currentVersion?: number; problems?: string[] } = {};
  if (extensions.code === 'CONFLICT' && Number.isSafeInteger(extensions.currentVersion)) out.currentVersion = extensions.currentVersion as number;
  const problems = extensions.problems;
  if (extensions.code === 'BAD_USER_INPUT' && Array.isArray(problems) && problems.every((p) => typeof p === 'string')) {
    out.problems = (problems as string[]).slice(0, 100).map((p) => clip(p));
  }
  return out;
}

export function maskGatewayError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    const base = { path: formatted.path, locations: formatted.locations };
    const timeout = findCause(error, SubgraphTimeoutError);
    const unavailable = findCause(error, SubgraphUnavailableError);
    const serviceName = timeout?.subgraph ?? unavailable?.subgraph ?? (typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined);

    if (!timeout && !unavailable && code && PUBLIC_CODES.has(code) && !URL_IN_MESSAGE.test(formatted.message)) {
      return { ...base, message: formatted.message, extensions: { code, ...(serviceName ? { serviceName } : {}), ...writeDetails(extensions) } };
    }
    // Not called at all while its circuit is open: the opening was logged once, each call is not.
    if (findCause(error, SubgraphCircuitOpenError)) {
      return { ...base, message: `Subgraph ${serviceName} could not be reached or failed.`, extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName } };
    }
    if (code && CLIENT_MISTAKES.has(code)) logger.warn({ code, detail: clip(formatted.message) }, 'client error');
    else logger.error({ code, serviceName, path: formatted.path, detail: `${clip(formatted.message)}\n${describe(error)}` }, 'subgraph or internal error');
    if (timeout || code === 'TIMEOUT') {
      return { ...base, message: `Subgraph ${serviceName ?? 'unknown'} did not answer in time.`, extensions: { code: 'TIMEOUT', serviceName } };
    }
    const tooLarge = findCause(error, SubgraphResponseTooLargeError);
    if (tooLarge) {
      const message = `Subgraph ${serviceName} answered more than ${tooLarge.maxBytes} bytes: ask for fewer fields, fewer items or a narrower range.`;
      return { ...base, message, extensions: { code: 'SUBGRAPH_RESPONSE_TOO_LARGE', serviceName } };
    }
    if (serviceName) {
      return { ...base, message: `Subgraph ${serviceName} could not be reached or failed.`, extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName } };
    }
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
