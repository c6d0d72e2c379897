/**
 * Limits on what one operation may ask, enforced before anything is planned or fetched:
 * depth, aliases, cost and directives by GraphQL Armor (validation rules, rejected as
 * GRAPHQL_VALIDATION_FAILED), tokens by graphql-js's own parser (GRAPHQL_PARSE_FAILED).
 *
 * Armor's Apollo token-limit plugin is not used: it parses inside a plugin hook, so any
 * syntax error, and its own rejection, reaches the client as a 500 instead of a 400.
 * graphql-js 16's `maxTokens` parse option does the same job inside Apollo's parse step.
 *
 * max-depth is pinned at 2.4.2 (through @escape.tech/graphql-armor 3.2.0): its fragment
 * depth cache stores depths relative to the fragment, the fix for the bypass through
 * cached fragments (graphql-armor PR #824).
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
}

/**
 * Generous for the dashboards' queries, tight for abuse. Measured with Armor's cost model
 * (objects 2, scalars 1, ×1.5 per level): the README's dashboard queries cost 45 to 108
 * and nest at most 6 levels; twelve aliased copies of a 9-level cluster query cost ~1 490.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 1_000,
  maxDirectives: 20,
};

/** The validation rules and parse options that enforce `limits`, for Apollo Server's options. */
export function operationLimits(limits: OperationLimits = DEFAULT_OPERATION_LIMITS) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: limits.maxDirectives },
    // Field suggestions ("did you mean …") would let a caller map a schema with introspection off.
    blockFieldSuggestion: { enabled: true },
  });
  const { validationRules } = armor.protect();
  return { validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
