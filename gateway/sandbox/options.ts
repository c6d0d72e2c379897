/**
 * Validation of `useLocalSandbox` options.
 *
 * Options come from code, not from users, but a typo here would otherwise only
 * show up as a blank or broken page in a browser; failing at startup is cheaper.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { ExampleOperation } from './examples';

export interface LocalSandboxOptions {
  /**
   * Path of the GraphQL endpoint the sandbox sends operations to. Must be a
   * same-origin path ("/graphql"): the page's Content-Security-Policy only
   * allows connecting to 'self'. Defaults to the path the page was served from,
   * because the gateway serves GraphQL on the same path as the sandbox.
   */
  endpoint?: string;
  /** Page title and header text. */
  title?: string;
  /** Operations offered as tabs, first one active. Defaults to `defaultExamples`; `[]` for none. */
  examples?: ExampleOperation[];
}

export interface ResolvedSandboxOptions {
  endpoint: string | undefined;
  title: string;
  examples: ExampleOperation[];
}

export const DEFAULT_TITLE = 'Sundhedsklynger federation hub';
const MAX_TITLE_LENGTH = 200;

export function resolveOptions(options: LocalSandboxOptions, fallbackExamples: ExampleOperation[]): ResolvedSandboxOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('useLocalSandbox: options must be an object');
  }
  return {
    endpoint: options.endpoint === undefined ? undefined : validateEndpoint(options.endpoint),
    title: options.title === undefined ? DEFAULT_TITLE : validateTitle(options.title),
    examples: validateExamples(options.examples ?? fallbackExamples),
  };
}

function validateEndpoint(endpoint: unknown): string {
  // Same-origin absolute path only: "//host" would be protocol-relative (another
  // origin), and backslashes are treated like slashes by browsers.
  if (
    typeof endpoint !== 'string' ||
    !endpoint.startsWith('/') ||
    endpoint.startsWith('//') ||
    /[\\\s\u0000-\u001f\u007f]/.test(endpoint)
  ) {
    throw new TypeError(`useLocalSandbox: endpoint must be a same-origin path such as "/graphql", got ${JSON.stringify(endpoint)}`);
  }
  return endpoint;
}

function validateTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE_LENGTH) {
    throw new TypeError(`useLocalSandbox: title must be a non-empty string of at most ${MAX_TITLE_LENGTH} characters`);
  }
  return title.trim();
}

function validateExamples(examples: unknown): ExampleOperation[] {
  if (!Array.isArray(examples)) {
    throw new TypeError('useLocalSandbox: examples must be an array');
  }
  const names = new Set<string>();
  return examples.map((candidate: unknown, index) => {
    const where = `useLocalSandbox: examples[${index}]`;
    if (candidate === null || typeof candidate !== 'object') {
      throw new TypeError(`${where} must be an object`);
    }
    const { name, description, query, variables } = candidate as Partial<ExampleOperation>;
    if (typeof name !== 'string' || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) {
      throw new TypeError(`${where}.name must be a GraphQL name`);
    }
    if (names.has(name)) {
      throw new TypeError(`${where}.name "${name}" is used twice`);
    }
    names.add(name);
    if (typeof description !== 'string' || description.trim() === '') {
      throw new TypeError(`${where}.description must be a non-empty string`);
    }
    if (typeof query !== 'string') {
      throw new TypeError(`${where}.query must be a string`);
    }
    assertSingleNamedOperation(query, name, where);
    if (variables !== undefined && (variables === null || typeof variables !== 'object' || Array.isArray(variables))) {
      throw new TypeError(`${where}.variables must be an object`);
    }
    return variables === undefined ? { name, description, query } : { name, description, query, variables };
  });
}

/** Syntax check only: the router does not know the schema, the gateway does. */
function assertSingleNamedOperation(query: string, name: string, where: string): void {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch (error) {
    throw new TypeError(`${where}.query does not parse: ${(error as Error).message}`);
  }
  if (operations.length !== 1 || operations[0].name?.value !== name) {
    throw new TypeError(`${where}.query must contain exactly one operation, named "${name}"`);
  }
}
