/**
 * The compiled executor (graphql-jit behind Apollo Server's gateway option) answers exactly
 * what graphql-js answers, compiles each query once, keeps a bounded number, and leaves to
 * graphql-js what it does not compile (mutations, operations it refuses).
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, GraphQLSchema, execute, parse, type DocumentNode } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { COMPILE_AFTER, compiledExecutionGateway, compiledExecutor } from '../../../platform/compiled-execution';
import { maskError } from '../../../platform/errors';
import { DateScalar, DateTimeScalar, KronerScalar } from '../../../schema/contract/scalars';

const typeDefs = `
  scalar Date
  scalar DateTime
  scalar Kroner
  enum Status { HELD PLANNED }
  interface Record { id: ID! }
  type Meeting implements Record { id: ID!, date: Date, status: Status!, items(limit: Int = 2): [Item!]!, broken: String, brokenItem: Item }
  type Item { number: Int!, title: String!, amount: Kroner, strict: String! }
  type Person implements Record { id: ID!, name: String }
  union Hit = Meeting | Person
  type Query {
    meetings(from: Date, status: Status): [Meeting!]!
    meeting(id: ID!): Meeting
    hits: [Hit!]!
    records: [Record!]!
    badInput(id: ID!): Meeting
    at: DateTime
    badInstant: DateTime
  }
  type Mutation { save(date: Date!): Meeting }`;

const meeting = (n: number) => ({ id: `m${n}`, date: `2024-0${n}-01`, status: n % 2 ? 'HELD' : 'PLANNED', __typename: 'Meeting' });
const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Kroner: KronerScalar,
  Hit: { __resolveType: (value: { __typename: string }) => value.__typename },
  Record: { __resolveType: (value: { __typename: string }) => value.__typename },
  Query: {
    meetings: async (_: unknown, args: { from?: string; status?: string }) =>
      [1, 2, 3].map(meeting).filter((m) => (!args.from || m.date >= args.from) && (!args.status || m.status === args.status)),
    meeting: (_: unknown, args: { id: string }) => (args.id === 'none' ? null : { ...meeting(1), id: args.id }),
    hits: () => [meeting(1), { __typename: 'Person', id: 'p1', name: 'Anne' }],
    records: () => [{ __typename: 'Person', id: 'p2', name: 'Bo' }, meeting(2)],
    badInput: () => {
      throw new GraphQLError('id must look like region-cluster', { extensions: { code: 'BAD_USER_INPUT' } });
    },
    at: () => new Date(Date.UTC(2024, 1, 8, 13)),
    badInstant: () => 'not an instant',
  },
  Meeting: {
    items: async (m: { id: string }, args: { limit: number }) =>
      Array.from({ length: args.limit }, (_, i) => ({ number: i + 1, title: `${m.id}.${i + 1}`, amount: i * 1000, strict: i === 1 && m.id === 'm3' ? null : 'x' })),
    broken: () => {
      throw new Error('relation "secret_table" does not exist');
    },
    brokenItem: async () => {
      throw new Error('connection reset');
    },
  },
  Mutation: { save: (_: unknown, args: { date: string }) => ({ ...meeting(1), date: args.date }) },
};
const schema = makeExecutableSchema({ typeDefs, resolvers });

type Case = [what: string, query: string, variables?: Record<string, unknown>];
/**
 * Every row gets its third element, undefined or not: jest passes a `done` callback to a test
 * function that declares more parameters than its row has, and then waits for it.
 */
const rows = (cases: Case[]) => cases.map(([what, query, variables]): Case => [what, query, variables]);

/** Operations covering what the subgraphs answer: lists, nesting, arguments, variables, fragments, errors. */
const operations: Case[] = [
  ['nested lists with arguments', '{ meetings { id date status items(limit: 3) { number title amount } } }'],
  ['aliases and fragments', '{ a: meeting(id: "x") { ...M } b: meeting(id: "none") { id } } fragment M on Meeting { id first: items(limit: 1) { title } }'],
  ['variables, enums and a custom scalar', 'query Q($from: Date, $s: Status) { meetings(from: $from, status: $s) { id date } }', { from: '2024-02-01', s: 'PLANNED' }],
  ['a default variable value', 'query Q($from: Date = "2024-03-01") { meetings(from: $from) { id } }'],
  ['union and interface fragments', '{ hits { __typename ... on Meeting { id status } ... on Person { name } } records { id ... on Person { name } } }'],
  ['skip and include', 'query Q($yes: Boolean!) { meetings { id date @include(if: $yes) status @skip(if: $yes) } }', { yes: true }],
  ['a failing nullable field: null and an error with its path', '{ meetings { id broken } }'],
  ['a failing nullable object', '{ meeting(id: "x") { id brokenItem { title } } }'],
  ['null in a non-null field: the error bubbles to the nearest nullable', '{ meetings { id items(limit: 2) { strict } } }'],
  ['an error with a public code', '{ badInput(id: "?") { id } }'],
  ['a DateTime', '{ at }'],
  ['a scalar that cannot serialise its value', '{ at badInstant }'],
  ['introspection', '{ __schema { queryType { name } } __type(name: "Status") { enumValues { name } } }'],
  ['__typename', '{ __typename meeting(id: "y") { __typename id } }'],
];

const run = async (document: DocumentNode, variables?: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(await execute({ schema, document, variableValues: variables, contextValue: {} })));

describe('compiledExecutor', () => {
  it.each(rows(operations))('answers %s as graphql-js does, compiled', async (_what, query, variables) => {
    const executor = compiledExecutor(schema, { compileAfter: 1 });
    const document = parse(query);
    const expected = await run(document, variables);
    for (let n = 0; n < 2; n++) {
      const actual = await executor.execute({ document, queryHash: 'h', variables, contextValue: {} });
      expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
    }
    expect(executor.held()).toMatchObject({ entries: 1, compiled: 1, interpreted: 0 });
  });

  it('keeps the original error of a failing resolver (logged by maskError), and its path', async () => {
    const result = await compiledExecutor(schema, { compileAfter: 1 }).execute({ document: parse('{ meetings { broken } }'), contextValue: {} });
    expect(result.errors?.[0]?.path).toEqual(['meetings', 0, 'broken']);
    expect(result.errors?.[0]?.originalError?.message).toBe('relation "secret_table" does not exist');
  });

  it('passes the context and the arguments to the resolvers', async () => {
    const seen: unknown[] = [];
    const probe = makeExecutableSchema({
      typeDefs: 'type Query { echo(n: Int!): Int }',
      resolvers: { Query: { echo: (_: unknown, args: { n: number }, context: { factor: number }) => (seen.push(context), args.n * context.factor) } },
    });
    const context = { factor: 3 };
    const result = await compiledExecutor(probe, { compileAfter: 1 }).execute({ document: parse('{ echo(n: 2) }'), contextValue: context });
    expect(result).toEqual({ data: { echo: 6 } });
    expect(seen).toEqual([context]);
  });

  it('checks variables the way graphql-js does: same errors, naming the variable definition', async () => {
    const executor = compiledExecutor(schema, { compileAfter: 1 });
    const document = parse('query Q($from: Date, $s: Status!) { meetings(from: $from, status: $s) { id } }');
    for (const variables of [{ from: '2024-02-31', s: 'HELD' }, { from: '2024-01-01' }, { s: 'GONE' }, { from: 7, s: null }]) {
      const actual = await executor.execute({ document, variables, contextValue: {} });
      const expected = await execute({ schema, document, variableValues: variables, contextValue: {} });
      expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(actual.errors?.length).toBeGreaterThan(0);
      expect(actual.errors?.every((e) => e.nodes?.[0]?.kind === 'VariableDefinition')).toBe(true);
    }
    expect(executor.held().compiled).toBe(1);
  });

  it('leaves mutations and operations it cannot compile to graphql-js', async () => {
    const executor = compiledExecutor(schema, { compileAfter: 1 });
    const mutation = parse('mutation { save(date: "2024-05-01") { id date } }');
    expect(await executor.execute({ document: mutation, queryHash: 'm', contextValue: {} })).toEqual(await execute({ schema, document: mutation }));
    const twoOperations = parse('query A { at } query B { at }');
    const expected = await execute({ schema, document: twoOperations });
    expect(expected.errors?.[0]?.message).toMatch(/operation name/);
    expect(await executor.execute({ document: twoOperations, queryHash: 't', contextValue: {} })).toEqual(expected);
    const unknown = await executor.execute({ document: twoOperations, queryHash: 't', operationName: 'C', contextValue: {} });
    expect(unknown).toEqual(await execute({ schema, document: twoOperations, operationName: 'C' }));
    expect(await executor.execute({ document: twoOperations, queryHash: 't', operationName: 'B', contextValue: {} })).toEqual({ data: { at: '2024-02-08T13:00:00.000Z' } });
    expect(executor.held()).toMatchObject({ compiled: 1, interpreted: 3 });
  });

  it('leaves to graphql-js an operation that selects a type resolved asynchronously (type-graphql’s resolveType option)', async () => {
    const asyncTypes = makeExecutableSchema({
      typeDefs: 'interface Cluster { id: ID! } type North implements Cluster { id: ID! } type South implements Cluster { id: ID! } type Query { clusters: [Cluster!]! north: North }',
      resolvers: {
        Cluster: { __resolveType: async (c: { id: string }) => (c.id.startsWith('n') ? 'North' : 'South') },
        Query: { clusters: () => [{ id: 'n1' }, { id: 's1' }], north: () => ({ id: 'n2' }) },
      },
    });
    const executor = compiledExecutor(asyncTypes, { compileAfter: 1 });
    const viaFragment = parse('{ ...F } fragment F on Query { clusters { __typename id } }');
    expect(await executor.execute({ document: viaFragment, queryHash: 'a', contextValue: {} })).toEqual({
      data: { clusters: [{ __typename: 'North', id: 'n1' }, { __typename: 'South', id: 's1' }] },
    });
    expect(await executor.execute({ document: parse('{ north { id } }'), queryHash: 'b', contextValue: {} })).toEqual({ data: { north: { id: 'n2' } } });
    expect(executor.held()).toMatchObject({ compiled: 1, interpreted: 1 });
  });

  it('compiles an operation on its COMPILE_AFTER-th execution, graphql-js answering until then', async () => {
    const executor = compiledExecutor(schema);
    const document = parse('{ meetings { id items { title } } }');
    const expected = await run(document);
    for (let n = 1; n < COMPILE_AFTER; n++) {
      expect(JSON.parse(JSON.stringify(await executor.execute({ document, queryHash: 'r', contextValue: {} })))).toEqual(expected);
      expect(executor.held()).toMatchObject({ entries: 1, compiled: 0, pending: 1 });
    }
    for (let n = 0; n < 2; n++) expect(JSON.parse(JSON.stringify(await executor.execute({ document, queryHash: 'r', contextValue: {} })))).toEqual(expected);
    expect(executor.held()).toMatchObject({ entries: 1, compiled: 1, pending: 0 });
  });

  it('keeps no more operations than its bound, however many distinct queries arrive', async () => {
    const executor = compiledExecutor(schema, { maxOperations: 5, compileAfter: 1 });
    for (let n = 0; n < 30; n++) {
      const document = parse(`{ m${n}: meeting(id: "${n}") { id } }`);
      expect(await executor.execute({ document, queryHash: `q${n}`, contextValue: {} })).toEqual({ data: { [`m${n}`]: { id: `${n}` } } });
    }
    expect(executor.held().entries).toBe(5);
    const bytes = compiledExecutor(schema, { maxBytes: 20_000, compileAfter: 1 });
    for (let n = 0; n < 30; n++) await bytes.execute({ document: parse(`# ${n} ${'x'.repeat(5_000)}\n{ at }`), queryHash: `p${n}`, contextValue: {} });
    expect(bytes.held().bytes).toBeLessThanOrEqual(20_000);
    expect(bytes.held().entries).toBeLessThan(5);
  });

  it('resolves federation entities through __resolveReference', async () => {
    const subgraph = buildSubgraphSchema({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Cluster @key(fields: "id") { id: ID!, name: String }
        type Query { cluster(id: ID!): Cluster }`),
      resolvers: {
        Query: { cluster: (_: unknown, args: { id: string }) => ({ id: args.id }) },
        Cluster: {
          __resolveReference: async (ref: { id: string }) => (ref.id === 'gone' ? null : { id: ref.id, name: `Klynge ${ref.id}` }),
        },
      } as never,
    });
    const document = parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Cluster { id name } } _service { sdl } }');
    const variables = { r: [{ __typename: 'Cluster', id: 'midt' }, { __typename: 'Cluster', id: 'gone' }] };
    const executor = compiledExecutor(subgraph, { compileAfter: 1 });
    const actual = await executor.execute({ document, variables, contextValue: {} });
    expect(actual).toEqual(await execute({ schema: subgraph, document, variableValues: variables, contextValue: {} }));
    expect(actual.data?._entities).toEqual([{ id: 'midt', name: 'Klynge midt' }, null]);
    expect(executor.held().compiled).toBe(1);
  });
});

describe('compiledExecutionGateway behind Apollo Server', () => {
  const seen: string[] = [];
  const hooks: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          seen.push(`operation ${operationName ?? '-'}`);
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-seen', 'yes');
        },
      };
    },
  };
  const logged: string[] = [];
  const formatError = maskError((message) => logged.push(message));
  const serve = async (options: { schema: GraphQLSchema } | { gateway: ReturnType<typeof compiledExecutionGateway> }) => {
    const server = new ApolloServer({ ...options, formatError, plugins: [hooks] } as never);
    await server.start();
    return server as ApolloServer;
  };
  let interpreted: ApolloServer;
  let compiled: ApolloServer;
  beforeAll(async () => {
    interpreted = await serve({ schema });
    compiled = await serve({ gateway: compiledExecutionGateway(schema, { compileAfter: 1 }) });
  });
  afterAll(async () => {
    await interpreted?.stop();
    await compiled?.stop();
  });

  const answer = async (server: ApolloServer, query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: {} });
    return { status: response.http.status, seen: response.http.headers.get('x-seen'), body: JSON.parse(JSON.stringify(response.body)) };
  };

  it.each(rows([
    ...operations,
    ['an invalid query', '{ meetings { nope } }'],
    ['a literal a scalar refuses', '{ meetings(from: "2024-02-31") { id } }'],
    ['a variable a scalar refuses', 'query Q($from: Date) { meetings(from: $from) { id } }', { from: '2024-13-01' }],
    ['a missing required variable', 'query Q($id: ID!) { meeting(id: $id) { id } }', {}],
    ['a mutation', 'mutation { save(date: "2024-05-01") { id date } }'],
  ]))('answers %s as Apollo Server on graphql-js does, masking and codes included', async (_what, query, variables) => {
    const expected = await answer(interpreted, query, variables);
    expect(await answer(compiled, query, variables)).toEqual(expected);
    expect(expected.seen).toBe('yes');
  });

  it('masks internal errors and keeps public codes', async () => {
    const { body } = await answer(compiled, '{ meetings { broken } badInput(id: "?") { id } }');
    const errors = body.singleResult.errors as { message: string; extensions: { code: string } }[];
    expect(errors.map((e) => e.extensions.code).sort()).toEqual(['BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(errors)).not.toMatch(/secret_table/);
    // formatError saw the resolver's error: the details go to the log, with the path.
    expect(logged).toContainEqual(expect.stringMatching(/meetings\.0\.broken.*secret_table/));
    const variable = await answer(compiled, 'query Q($id: ID!) { meeting(id: $id) { id } }', {});
    expect(variable.body.singleResult.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('runs the request hooks around its execution', async () => {
    seen.length = 0;
    await answer(compiled, 'query Named { at }');
    expect(seen).toEqual(['operation Named']);
  });
});
