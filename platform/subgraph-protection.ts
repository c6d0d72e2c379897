/**
 * What protects a subgraph like the gateway, by default: the gateway's operation limits
 * (platform/operation-limits.ts, the same list sizes), `_entities` representations capped,
 * introspection, `_service` and field suggestions off in production (INTROSPECTION=true turns
 * introspection and `_service` back on), a cap on requests in flight and on the bytes of an
 * answer. A regional team that exposes its subgraph gets all of it without setting anything.
 */
import { GraphQLError, type ValidationRule } from 'graphql';
import { envFlag } from './config';
import { DEFAULT_MAX_CONCURRENT_REQUESTS, envMaxConcurrentRequests } from './concurrency';
import type { ServiceOptions } from './http-server';
import { DEFAULT_OPERATION_LIMITS, operationLimits, operationLimitsFromEnv, type ListSizes, type OperationLimits } from './operation-limits';
import type { RequestContext } from './request-id';
import { DEFAULT_MAX_RESPONSE_BYTES, envMaxResponseBytes } from './response-limit';

export interface SubgraphProtection {
  /** Introspection and the federation SDL (`_service`); suggestions are masked when off. */
  introspection: boolean;
  limits: OperationLimits;
  maxConcurrentRequests: number;
  maxResponseBytes: number;
}

/** For a subgraph started in code (tests): the default limits, introspection on. */
export const DEFAULT_SUBGRAPH_PROTECTION: SubgraphProtection = {
  introspection: true,
  limits: DEFAULT_OPERATION_LIMITS,
  maxConcurrentRequests: DEFAULT_MAX_CONCURRENT_REQUESTS,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

/** From INTROSPECTION (off when NODE_ENV=production), MAX_DEPTH … MAX_REPRESENTATIONS, MAX_CONCURRENT_REQUESTS, MAX_RESPONSE_BYTES. */
export function subgraphProtectionFromEnv(): SubgraphProtection {
  return {
    introspection: envFlag('INTROSPECTION', process.env.NODE_ENV !== 'production'),
    limits: operationLimitsFromEnv(),
    maxConcurrentRequests: envMaxConcurrentRequests(),
    maxResponseBytes: envMaxResponseBytes(),
  };
}

/** `_service { sdl }` is the whole schema, as introspection is: off with it. The gateway never asks (it serves a supergraph composed at build time). */
export const NoServiceSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service' && context.getParentType() === context.getSchema().getQueryType()) {
      context.reportError(new GraphQLError('_service is off on this subgraph, like introspection.', { nodes: [node] }));
    }
  },
});

/** The startService options that enforce `protection`. */
export function subgraphProtectionOptions<C extends RequestContext>(
  protection: SubgraphProtection,
  listSizes: ListSizes,
): Pick<ServiceOptions<C>, 'introspection' | 'validationRules' | 'parseOptions' | 'plugins' | 'maxConcurrentRequests' | 'maxResponseBytes'> {
  const limits = operationLimits(protection.limits, listSizes);
  return {
    introspection: protection.introspection,
    validationRules: protection.introspection ? limits.validationRules : [...limits.validationRules, NoServiceSdl],
    parseOptions: limits.parseOptions,
    plugins: limits.plugins,
    maxConcurrentRequests: protection.maxConcurrentRequests,
    maxResponseBytes: protection.maxResponseBytes,
  };
}
