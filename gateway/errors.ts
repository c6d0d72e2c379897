/**
 * What a dashboard sees of the gateway's errors. Codes stay (DOWNSTREAM_SERVICE_ERROR,
 * TIMEOUT, BAD_USER_INPUT …) and so does the name of the subgraph that failed; subgraph
 * URLs, transport messages and stack traces do not: @apollo/gateway puts a failed call's
 * URL into the message, so messages of failed subgraph calls are rewritten, and the
 * original goes to the log.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { PUBLIC_CODES } from '../platform/errors';
import type { Logger } from '../platform/logger';

export function maskGatewayError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    const base = { path: formatted.path, locations: formatted.locations };
    if (code && PUBLIC_CODES.has(code) && !/https?:\/\//.test(formatted.message)) {
      return { ...base, message: formatted.message, extensions: { code, ...(serviceName ? { serviceName } : {}) } };
    }
    const original = unwrapResolverError(error);
    const detail = original instanceof Error ? original.stack ?? original.message : String(original);
    logger.error({ code, serviceName, path: formatted.path, detail: `${formatted.message}\n${detail}` }, 'subgraph or internal error');
    if (code === 'TIMEOUT' || /did not answer within \d+ ms/.test(formatted.message)) {
      return { ...base, message: `Subgraph ${serviceName ?? 'unknown'} did not answer in time.`, extensions: { code: 'TIMEOUT', serviceName } };
    }
    if (serviceName) {
      return { ...base, message: `Subgraph ${serviceName} could not be reached or failed.`, extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName } };
    }
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
