/**
 * Limits on what one operation may ask, the same for the gateway and every subgraph, enforced
 * before anything is planned, fetched or resolved:
 * - depth, aliases and directives by GraphQL Armor (validation rules, GRAPHQL_VALIDATION_FAILED);
 * - tokens by graphql-js's own parser (`maxTokens`, GRAPHQL_PARSE_FAILED);
 * - cost by graphql-query-complexity with a list-size estimator (below), and the number of
 *   `_entities` representations, in an Apollo plugin at `didResolveOperation`: after
 *   validation, before the gateway plans or a subgraph resolves anything, with the request's
 *   variables (a validation rule cannot see them: `@include(if: $x)` and the representations
 *   are variables). Over a limit: GRAPHQL_VALIDATION_FAILED, status 400.
 *
 * The cost model is Apollo demand control's: an object costs 1, a scalar or enum 0, and a
 * list costs its assumed size times its item (`@listSize`-like sizes, given per field by the
 * caller). So a path round a cycle of lists multiplies at every turn, as its answer would,
 * and `_entities` counts its actual representations. Introspection fields cost nothing:
 * Apollo's own rule refuses them when introspection is off.
 *
 * Armor's Apollo token-limit plugin is not used: it parses inside a plugin hook, so any
 * syntax error, and its own rejection, reaches the client as a 500 instead of a 400. Armor's
 * cost limit is not used either: it weighs depth, not list sizes (a ~650-byte query within
 * its limit answered 9 MB). max-depth is pinned at 2.4.2 (through @escape.tech/graphql-armor
 * 3.2.0): its fragment depth cache stores depths relative to the fragment, the fix for the
 * bypass through cached fragments (graphql-armor PR #824).
 *
 * Field suggestions ("Did you mean …") are masked by `withoutSuggestions`, which
 * platform/http-server.ts puts on every service's error formatter when introspection is off:
 * Armor's own masking (an Apollo plugin) misses enum values ("Did you mean the enum value …").
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isListType,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { envInteger } from './config';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  /** Estimated objects in the answer: objects 1, scalars 0, lists × their assumed size. */
  maxCost: number;
  maxDirectives: number;
  /** Representations one `_entities` call may carry (a subgraph's limit; the gateway has no `_entities`). */
  maxRepresentations: number;
}

/**
 * Generous for the dashboards' queries, tight for abuse. With the hub's list sizes
 * (schema/list-sizes.ts) the README's, the sandbox's and the benchmark's operations cost
 * 40 to 17 640 (the funds of every cluster: clusters × fund tables × rows × cells), every
 * cluster's meetings with their agenda items, attendance, initiatives and fund tables
 * 76 720; the issue's attack (depth 10, five aliases round Body.memberships → Membership.body)
 * costs about 40 million. 100 000 objects of ~100 bytes is about MAX_RESPONSE_BYTES's 10 MB.
 * Nesting stays within 6 levels.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 100_000,
  maxDirectives: 20,
  maxRepresentations: 500,
};

/** How many items the cost model assumes a list field answers; see schema/list-sizes.ts. */
export interface ListSizes {
  /** Items assumed for a list field named nowhere in `fields`. */
  defaultSize: number;
  /** `Type.field` or `field` → items assumed. */
  fields: Readonly<Record<string, number>>;
}

/** The limits from MAX_DEPTH, MAX_ALIASES, MAX_TOKENS, MAX_COST, MAX_DIRECTIVES and MAX_REPRESENTATIONS. */
export function operationLimitsFromEnv(defaults: OperationLimits = DEFAULT_OPERATION_LIMITS): OperationLimits {
  const positive = (name: string, fallback: number) => envInteger(name, fallback, 1);
  return {
    maxDepth: positive('MAX_DEPTH', defaults.maxDepth),
    maxAliases: positive('MAX_ALIASES', defaults.maxAliases),
    maxTokens: positive('MAX_TOKENS', defaults.maxTokens),
    maxCost: positive('MAX_COST', defaults.maxCost),
    maxDirectives: positive('MAX_DIRECTIVES', defaults.maxDirectives),
    maxRepresentations: positive('MAX_REPRESENTATIONS', defaults.maxRepresentations),
  };
}

/** What the cost estimator records about one operation besides its cost. */
interface CostNotes {
  /** The most representations one `_entities` field carries. */
  representations: number;
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Apollo demand control's model: objects 1, scalars and enums 0, a list its assumed size × its item. */
export function listSizeEstimator(sizes: ListSizes): ComplexityEstimator {
  return ({ type, field, args, childComplexity, context }) => {
    if (INTROSPECTION_FIELDS.has(field.name)) return 0;
    const item = isCompositeType(getNamedType(field.type)) ? 1 + childComplexity : 0;
    if (!isListType(getNullableType(field.type))) return item;
    if (field.name === '_entities' && Array.isArray(args.representations)) {
      const notes = context as CostNotes | undefined;
      if (notes) notes.representations = Math.max(notes.representations, args.representations.length);
      return args.representations.length * item;
    }
    const size = sizes.fields[`${type.name}.${field.name}`] ?? sizes.fields[field.name] ?? sizes.defaultSize;
    return size * item;
  };
}

export interface OperationCost {
  cost: number;
  /** The most representations one `_entities` field carries (0: none). */
  representations: number;
}

/** The cost of the operation `operationName` of `document` (the only one when absent). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  { listSizes, variables = {}, operationName }: { listSizes: ListSizes; variables?: Record<string, unknown>; operationName?: string },
): OperationCost {
  const notes: CostNotes = { representations: 0 };
  const cost = getComplexity({ schema, query: document, variables, operationName, estimators: [listSizeEstimator(listSizes)], context: notes as never });
  return { cost, representations: notes.representations };
}

const refused = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extensions, http: { status: 400 } } });

/** Variables that do not coerce are answered by Apollo or the gateway as BAD_USER_INPUT before any work is done. */
function variablesCoerce(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): boolean {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return !('errors' in coerced && coerced.errors !== undefined && coerced.errors.length > 0);
}

/** Variables (as JSON) up to this long are part of a cache key; longer ones (an `_entities` call's representations) are measured each time. */
const MAX_CACHED_VARIABLES_CHARS = 2_048;
/** Operation names and variables remembered per parsed document. */
const COSTS_PER_DOCUMENT = 32;

/**
 * The costs measured so far, by schema, by parsed document (Apollo's document store hands the
 * same object for the same query text) and by operation name and variables: dashboards ask
 * the same few operations again and again, and measuring the 160 KB timeline's cost took
 * 1.5 % of the gateway's CPU per request. Each document keeps at most COSTS_PER_DOCUMENT.
 */
function costMemo(measure: typeof operationCost) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, OperationCost>>>();
  return (schema: GraphQLSchema, document: DocumentNode, options: { listSizes: ListSizes; variables: Record<string, unknown>; operationName?: string }): OperationCost => {
    const variables = JSON.stringify(options.variables);
    if (variables.length > MAX_CACHED_VARIABLES_CHARS) return measure(schema, document, options);
    let byDocument = bySchema.get(schema);
    if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
    let costs = byDocument.get(document);
    if (!costs) byDocument.set(document, (costs = new Map()));
    const key = `${options.operationName ?? ''}\n${variables}`;
    let measured = costs.get(key);
    if (!measured) {
      measured = measure(schema, document, options);
      if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
      costs.set(key, measured);
    }
    return measured;
  };
}

/** The Apollo plugin that refuses an operation over `maxCost`, or an `_entities` over `maxRepresentations`. */
export function operationCostPlugin(limits: Pick<OperationLimits, 'maxCost' | 'maxRepresentations'>, listSizes: ListSizes, measure: typeof operationCost = operationCost): ApolloServerPlugin {
  const costOf = costMemo(measure);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          let measured: OperationCost;
          try {
            measured = costOf(schema, document, { listSizes, variables, operationName: operation.name?.value });
          } catch (error) {
            if (!variablesCoerce(schema, operation, variables)) return;
            throw refused(`The operation's cost could not be estimated: ${error instanceof Error ? error.message : String(error)}`, {});
          }
          if (measured.representations > limits.maxRepresentations) {
            throw refused(`_entities takes at most ${limits.maxRepresentations} representations, got ${measured.representations}.`, {
              maxRepresentations: limits.maxRepresentations,
            });
          }
          if (measured.cost > limits.maxCost) {
            throw refused(
              `The operation's estimated cost ${measured.cost} exceeds the limit of ${limits.maxCost} (each list counts its assumed size; ask for fewer nested lists).`,
              { cost: measured.cost, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}

export interface OperationLimitEnforcement {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  plugins: ApolloServerPlugin[];
}

/** The validation rules, parse options and plugin that enforce `limits`, for Apollo Server's options. */
export function operationLimits(limits: OperationLimits, listSizes: ListSizes): OperationLimitEnforcement {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Its Apollo part is a plugin that misses enum suggestions: withoutSuggestions does it.
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return { validationRules, parseOptions: { maxTokens: limits.maxTokens }, plugins: [operationCostPlugin(limits, listSizes)] };
}

/** graphql-js's "Did you mean …?" hints: field, argument, type and enum value names of the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** An error formatter that drops every "Did you mean …?" from the messages `format` answers. */
export function withoutSuggestions(format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    const message = result.message.replace(SUGGESTION, '');
    return message === result.message ? result : { ...result, message };
  };
}
