/**
 * Executes a subgraph's queries with graphql-jit: each operation asked repeatedly is compiled
 * once into a JavaScript function that resolves and completes its fields, instead of graphql-js walking
 * the operation's syntax tree field by field on every request (executeFields, completeValue,
 * getArgumentValues and a promise per object, for each of thousands of agenda items).
 *
 * Apollo Server 5 has no executor option; its one way to run another executor is the
 * `gateway` option: a GatewayInterface whose load() returns `{ executor }`, the route Apollo's
 * migration guide names for the removed `executor` option. Apollo still parses, validates,
 * runs every request hook (didResolveOperation, executionDidStart, willSendResponse …),
 * turns variable errors into BAD_USER_INPUT and formats every error through formatError;
 * only execution itself is ours. The resolvers, the schema and the context are the same. What
 * Apollo leaves out for a gateway's executor: rootValue, fieldResolver and incremental delivery
 * (@defer), none of which the hub uses. A plugin with a willResolveField hook would still work
 * (Apollo wraps the schema's resolvers, which the compiled code calls) but would take away the
 * gain: every field would be a resolver call again; the static cache policy installs none.
 *
 * Compiled operations are kept in a bounded LRU keyed by the query's hash and operation name:
 * distinct queries cannot grow memory without bound. Left to graphql-js's execute: an operation
 * graphql-jit does not compile (it answers errors instead of a function), one that selects an
 * abstract type resolved asynchronously (which graphql-jit does not await), and every mutation:
 * writes are few and small, and keep graphql-js's serial execution exactly.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  GraphQLError,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  TypeInfo,
  getNamedType,
  isAbstractType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { documentSize } from './document-store';

/** Compiled operations kept: a service's dashboards ask a few dozen distinct ones. */
export const COMPILED_OPERATIONS = 1000;
/** What the kept operations' documents may take, counted like the document store (platform/document-store.ts). */
export const COMPILED_OPERATIONS_BYTES = 30 * 1024 * 1024;

/** `false`: graphql-jit could not compile the operation (or it is a mutation); graphql-js executes it. */
type Compiled = { query: CompiledQuery['query']; operation: OperationDefinitionNode } | false;

/**
 * Executions of an operation by graphql-js before it is compiled. Compiling costs milliseconds,
 * and the generated function runs unoptimised by V8 until it is hot: an operation asked a few
 * times only (a dashboard's distinct date windows) costs more compiled than interpreted. In the
 * benchmark, compiling every new operation made its 50 distinct timelines 2.7 times as
 * expensive per request; repeated dashboard queries pay back within a few executions.
 */
export const COMPILE_AFTER = 10;

export interface CompiledExecutionOptions {
  maxOperations?: number;
  maxBytes?: number;
  /** Executions by graphql-js before compiling (COMPILE_AFTER); 1: compile on first use. */
  compileAfter?: number;
}

export interface CompiledExecutor {
  execute(args: { document: DocumentNode; operationName?: string | null; queryHash?: string; variables?: Record<string, unknown>; contextValue: unknown }): Promise<ExecutionResult>;
  /** Operations held: compiled, left to graphql-js for good, or not yet asked COMPILE_AFTER times; for tests. */
  held(): { entries: number; compiled: number; interpreted: number; pending: number; bytes: number };
}

/** The executor alone: compiles an operation on its compileAfter-th execution, executes it compiled after. */
export function compiledExecutor(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): CompiledExecutor {
  const compileAfter = options.compileAfter ?? COMPILE_AFTER;
  // `compiled` undefined: not compiled yet, executed `uses` times by graphql-js so far.
  const cache = new LRUCache<string, { compiled?: Compiled; uses: number; size: number }>({
    max: options.maxOperations ?? COMPILED_OPERATIONS,
    maxSize: options.maxBytes ?? COMPILED_OPERATIONS_BYTES,
    sizeCalculation: (entry) => entry.size,
  });
  // Documents Apollo did not hash (none in practice) are keyed by identity instead.
  const unhashed = new WeakMap<DocumentNode, string>();
  let next = 0;
  const keyOf = (document: DocumentNode, queryHash: string | undefined): string => {
    if (queryHash) return queryHash;
    let key = unhashed.get(document);
    if (key === undefined) unhashed.set(document, (key = `#${next++}`));
    return key;
  };

  const asyncTypes = abstractTypesResolvedAsynchronously(schema);
  const compile = (document: DocumentNode, operationName: string | undefined): Compiled => {
    const operation = document.definitions.find(
      (d) => d.kind === 'OperationDefinition' && (operationName === undefined ? true : d.name?.value === operationName),
    );
    if (operation?.kind !== 'OperationDefinition' || operation.operation !== OperationTypeNode.QUERY) return false;
    if (asyncTypes.size > 0 && selectsAnyOf(schema, document, asyncTypes)) return false;
    const compiled = compileQuery(schema, document, operationName);
    return isCompiledQuery(compiled) ? { query: compiled.query, operation } : false;
  };

  return {
    async execute({ document, operationName, queryHash, variables, contextValue }) {
      const name = operationName ?? undefined;
      const key = `${keyOf(document, queryHash)}:${name ?? ''}`;
      let entry = cache.get(key);
      if (entry === undefined) {
        entry = { uses: 0, size: key.length };
        cache.set(key, entry);
      }
      if (entry.compiled === undefined && ++entry.uses >= compileAfter) {
        // Set again: the entry now keeps the document (the compiled function refers to its nodes), counted as such.
        entry = { compiled: compile(document, name), uses: entry.uses, size: Math.max(1, documentSize(document)) };
        cache.set(key, entry);
      }
      const interpreted = () => execute({ schema, document, contextValue, variableValues: variables, operationName: name });
      if (!entry.compiled) return interpreted();
      const { query, operation } = entry.compiled;
      // Variables are checked by graphql-js first: its errors name the variable definition, which
      // Apollo needs to answer them BAD_USER_INPUT, and keep a scalar's own message
      // (graphql-jit's say only "Expected type Date."). graphql-jit coerces them again for itself.
      if (operation.variableDefinitions?.length) {
        const coerced = getVariableValues(schema, operation.variableDefinitions, variables ?? {}, { maxErrors: 50 });
        if (coerced.errors) return { errors: coerced.errors };
      }
      const result = await query(undefined, contextValue, variables ?? {});
      // No data at all: graphql-jit refused variables graphql-js accepted; graphql-js answers.
      if (!('data' in result)) return interpreted();
      return result.errors ? { data: result.data, errors: result.errors.map(asGraphQLJsError) } : result;
    },
    held() {
      let compiled = 0;
      let pending = 0;
      for (const entry of cache.values()) {
        if (entry.compiled) compiled++;
        else if (entry.compiled === undefined) pending++;
      }
      return { entries: cache.size, compiled, interpreted: cache.size - compiled - pending, pending, bytes: cache.calculatedSize };
    },
  };
}

/**
 * Abstract types whose runtime type is decided asynchronously: graphql-jit does not await a
 * promise from resolveType (or isTypeOf), and answers "must resolve to an Object type" where
 * graphql-js waits. type-graphql's `resolveType` option is always wrapped in an async function
 * (the councils' HealthCluster); its default resolvers, and @apollo/subgraph's _Entity, are not.
 */
function abstractTypesResolvedAsynchronously(schema: GraphQLSchema): Set<string> {
  const isAsync = (fn: unknown) => typeof fn === 'function' && fn.constructor.name === 'AsyncFunction';
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type)) continue;
    const byResolveType = type.resolveType !== undefined && isAsync(type.resolveType);
    const byIsTypeOf = type.resolveType === undefined && schema.getPossibleTypes(type).some((t) => isAsync(t.isTypeOf));
    if (byResolveType || byIsTypeOf) names.add(type.name);
  }
  return names;
}

/** True when a field anywhere in the document (its fragments included) returns one of these types. */
function selectsAnyOf(schema: GraphQLSchema, document: DocumentNode, typeNames: Set<string>): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        if (type && typeNames.has(getNamedType(type).name)) found = true;
      },
    }),
  );
  return found;
}

/**
 * graphql-jit's errors look like graphql-js's but are not built by its constructor: without an
 * original error that has extensions their `extensions` is undefined, and Apollo Server reads
 * `error.extensions.code`, fails, and answers a bare "Internal server error" without the path,
 * never calling formatError (so maskError would not log it). Rebuilt here as graphql-js errors
 * with the same message, locations, path, original error and extensions.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // graphql-js derives locations from syntax nodes, which graphql-jit's errors no longer have.
  if (error.locations) (rebuilt as { locations?: unknown }).locations = error.locations;
  return rebuilt;
}

/**
 * The GatewayInterface that hands Apollo Server the schema and the compiled executor
 * (ApolloServer's `gateway` option): the schema never changes, so it is announced once.
 */
export function compiledExecutionGateway(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): GatewayInterface {
  const executor = compiledExecutor(schema, options);
  const run: GatewayExecutor = async (request) =>
    executor.execute({
      document: request.document,
      operationName: request.request.operationName,
      queryHash: request.queryHash,
      variables: request.request.variables,
      contextValue: request.context,
    });
  return {
    onSchemaLoadOrUpdate(callback) {
      // The SDL is only read by Apollo's schema reporting to GraphOS, which this hub does not use.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor: run }),
    stop: async () => {},
  };
}
