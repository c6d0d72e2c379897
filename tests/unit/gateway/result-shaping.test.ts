/**
 * gateway/result-shaping must answer exactly as @apollo/gateway's own computeResponse: the same
 * data (the same keys in the same order, the same nulls where values bubble up), the same
 * errors with the same messages and paths, the same assertion where a subgraph's answer cannot
 * be shaped at all. So both run on the same inputs and are compared, for
 * - operations written to reach every branch of the algorithm (abstract types, fragments on
 *   interfaces and unions, aliases, the same field twice, @skip/@include from literals and
 *   variables, __typename under aliases, introspection fields, response names that are
 *   Object.prototype properties), and
 * - every operation the project shows or measures, on the hub's own supergraph,
 * each over answers generated from the operation with a seeded random generator that also
 * breaks them the ways a subgraph can: nulls where none may be, missing fields, leaf values
 * of the wrong kind, unknown or non-string __typenames, a list where an object belongs.
 * Then, on a real gateway, that the replacement is the one @apollo/gateway calls.
 */
import '../../../gateway/plain-federation-exports';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import {
  buildSchema,
  operationFromDocument,
  possibleRuntimeTypes,
  Supergraph,
  isCompositeType,
  type Operation,
  type Schema,
  type SelectionSet,
  type Type,
  type FieldSelection,
} from '@apollo/federation-internals';
import {
  activeResultShaping,
  apolloComputeResponse,
  compiledComputeResponse,
  useCompiledResultShaping,
} from '../../../gateway/result-shaping';
import { supergraphPath } from '../../../schema/files';
import { gatewayExampleOperations } from '../../support/example-operations';
import { startPlacesGateway, type PlacesGateway } from '../../support/places-gateway';

const SDL = /* GraphQL */ `
  scalar Date
  scalar JSON
  enum Kind { MEETING WORKSHOP }
  interface Node { id: ID! }
  interface Named { name: String }
  type Cluster implements Node & Named {
    id: ID!
    name: String
    kind: Kind
    budget: Float
    open: Boolean
    funds: [Int]
    tags: [[String!]]!
    lead: Person!
    meetings(first: Int): [Meeting!]!
    constructor: String
  }
  type Meeting implements Node { id: ID! date: Date title: String! items: [Item!] attendees: [Person]! extra: JSON }
  type Person implements Node & Named { id: ID! name: String role: String }
  type Item { n: Int! text: String kind: Kind! }
  union Entry = Meeting | Person | Item
  type Query {
    clusters: [Cluster!]!
    cluster: Cluster!
    node(id: ID!): Node
    named: [Named!]
    entries: [Entry]!
    count: Int!
    version: String
  }
`;

/** Operations on SDL, each with the variable sets it runs with. */
const OPERATIONS: { name: string; query: string; variables: Record<string, unknown>[] }[] = [
  {
    name: 'scalars, enums, nested lists, non-null objects',
    query: '{ clusters { id name kind budget open funds tags lead { id name } meetings(first: 2) { id title date extra } } count version }',
    variables: [{}],
  },
  {
    name: 'aliases, the same field under two names',
    query: '{ a: clusters { x: id y: name id } cluster { name n2: name lead { who: name name } } }',
    variables: [{}],
  },
  {
    name: 'fragments on interfaces and unions',
    query: `{
      entries { __typename ... on Meeting { id title items { n kind } } ... on Person { id name role } ... on Named { name } ... on Node { id } }
      node(id: "c1") { id ... on Cluster { name kind } ... on Person { role } ... on Named { name } }
      named { name ... on Person { id } ... on Cluster { funds } }
    }`,
    variables: [{}],
  },
  {
    name: '@skip and @include from literals and variables',
    query: `query ($a: Boolean!, $b: Boolean = true) {
      clusters { id name @skip(if: $a) kind @include(if: $b) meetings @include(if: $a) { id } ... on Cluster @skip(if: $b) { budget } }
      version @skip(if: true) count @include(if: false) cluster @include(if: true) { id @skip(if: false) }
    }`,
    variables: [{ a: true }, { a: false }, { a: true, b: false }, { a: false, b: false }],
  },
  {
    name: 'a variable @skip needs but was not given, or not as a boolean',
    query: 'query ($a: Boolean!) { version @include(if: $a) count }',
    variables: [{}, { a: 'yes' }, { a: null }],
  },
  {
    name: '__typename, aliased and in abstract positions',
    query: '{ t: __typename clusters { t: __typename __typename id } entries { kind: __typename } node(id: "x") { __typename } }',
    variables: [{}],
  },
  {
    name: 'the same object reached through several fragments and named fragments',
    query: `{ clusters { meetings { id } ...F meetings { title items { n } } ... on Node { ... on Cluster { lead { role } } } } }
      fragment F on Cluster { meetings { date items { text kind } } lead { name } }`,
    variables: [{}],
  },
  {
    name: 'response names that are Object.prototype properties',
    query: '{ cluster { constructor toString: name hasOwnProperty: kind valueOf: id lead { constructor: name } } }',
    variables: [{}],
  },
  {
    name: 'introspection fields beside data',
    query: '{ __typename clusters { id } __schema { queryType { name } } __type(name: "Cluster") { name } }',
    variables: [{}],
  },
  {
    name: 'non-null chains a null bubbles through',
    query: '{ cluster { lead { id name } meetings { title attendees { id name } items { n kind } } } count }',
    variables: [{}],
  },
];

/** mulberry32: a small seeded generator, so a failing case can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An answer for `selectionSet` as subgraphs give it (keyed by response name, more fields than
 * a type condition lets through), broken now and then when `breakage` > 0.
 */
function answerFor(schema: Schema, selectionSet: SelectionSet, rnd: () => number, breakage: number, depth = 0): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const broken = (p: number) => rnd() < p * breakage;

  const leaf = (type: Type): unknown => {
    if (broken(0.04)) return pick([1.5, 'x', true, {}, [], -7, 'UNKNOWN', NaN]);
    switch ((type as { name?: string }).name) {
      case 'ID': return pick(['c1', 'm2', 17]);
      case 'Int': return pick([0, 3, -12, 2147483647]);
      case 'Float': return pick([0.5, 3, -1e3]);
      case 'Boolean': return rnd() < 0.5;
      case 'String': return pick(['Aalborg', 'første', '']);
      case 'Kind': return pick(['MEETING', 'WORKSHOP']);
      default: return pick(['2024-02-08', { any: ['json', 1] }, 42, null]);
    }
  };

  const value = (type: Type, sub: SelectionSet | undefined): unknown => {
    if (broken(0.05)) return null;
    if (type.kind === 'NonNullType') return value(type.ofType, sub);
    if (type.kind === 'ListType') {
      if (broken(0.01)) return { not: 'a list' };
      const length = depth > 3 ? 0 : Math.floor(rnd() * 4);
      return Array.from({ length }, () => value(type.ofType, sub));
    }
    if (isCompositeType(type)) {
      if (broken(0.01)) return 'not an object';
      const runtime = pick(possibleRuntimeTypes(type));
      const object: Record<string, unknown> = {};
      if (broken(0.02)) object.__typename = pick(['Nope', 'String', 'Kind']);
      else if (broken(0.005)) object.__typename = 42;
      else if (type.kind !== 'ObjectType' || rnd() < 0.5) object.__typename = runtime.name;
      return Object.assign(object, answerFor(schema, sub!, rnd, breakage, depth + 1));
    }
    return leaf(type);
  };

  const fill = (object: Record<string, unknown>, set: SelectionSet) => {
    for (const selection of set.selections()) {
      if (selection.kind === 'FieldSelection') {
        const field = (selection as FieldSelection).element;
        const name = field.responseName();
        if (Object.prototype.hasOwnProperty.call(object, name) || field.definition.isSchemaIntrospectionField()) continue;
        if (broken(0.03)) continue; // missing
        object[name] = field.name === '__typename' ? pick(['Cluster', 'Meeting', 'Person', 'Query', 'Named', 'Entry', null]) : value(field.definition.type!, selection.selectionSet);
      } else {
        fill(object, selection.selectionSet!);
      }
    }
  };
  const object: Record<string, unknown> = {};
  fill(object, selectionSet);
  return object;
}

type Outcome = { thrown: string } | { data: string; errors: { message: string; path: unknown; code: unknown }[] };

function outcome(shape: typeof apolloComputeResponse, operation: Operation, variables: Record<string, unknown>, input: Record<string, unknown>): Outcome {
  try {
    const { data, errors } = shape({
      operation,
      variables,
      input,
      introspectionHandling: (selection) => ({ introspected: selection.element.responseName() }),
    });
    return {
      // Stringified: the keys' order matters to a client as much as their values.
      data: JSON.stringify(data),
      errors: errors.map((e) => ({ message: e.message, path: e.path, code: e.extensions.code })),
    };
  } catch (error) {
    return { thrown: (error as Error).message };
  }
}

function compareOn(schema: Schema, query: string, variableSets: Record<string, unknown>[], seeds: number) {
  const operation = operationFromDocument(schema, parse(query), { validate: false });
  const tally = { equalRuns: 0, withErrors: 0, thrown: 0, nullData: 0 };
  for (const variables of variableSets) {
    for (let seed = 1; seed <= seeds; seed++) {
      const breakage = seed % 4 === 0 ? 0 : 1;
      const input = answerFor(schema, operation.selectionSet, random(seed), breakage);
      const before = JSON.stringify(input);
      const expected = outcome(apolloComputeResponse, operation, variables, input);
      const actual = outcome(compiledComputeResponse, operation, variables, input);
      // The answer may share the input's own lists and objects (where they are already shaped), never change them.
      if (JSON.stringify(input) !== before) throw new Error(`seed ${seed}, variables ${JSON.stringify(variables)}: the input was changed`);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`seed ${seed}, variables ${JSON.stringify(variables)}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
      }
      tally.equalRuns++;
      if ('thrown' in expected) tally.thrown++;
      else {
        if (expected.errors.length > 0) tally.withErrors++;
        if (expected.data === 'null') tally.nullData++;
      }
    }
  }
  return tally;
}

describe('compiled result shaping against @apollo/gateway computeResponse', () => {
  const schema = buildSchema(SDL);

  it.each(OPERATIONS)('$name', ({ query, variables }) => {
    const tally = compareOn(schema, query, variables, 300);
    expect(tally.equalRuns).toBe(300 * variables.length);
    // The generator reached the error paths, not only the happy one.
    expect(tally.withErrors + tally.thrown).toBeGreaterThan(0);
  });

  it('answers the same across the cases: errors, bubbled nulls and assertions all occur', () => {
    const totals = OPERATIONS.map(({ query, variables }) => compareOn(schema, query, variables, 100)).reduce((a, b) => ({
      equalRuns: a.equalRuns + b.equalRuns,
      withErrors: a.withErrors + b.withErrors,
      thrown: a.thrown + b.thrown,
      nullData: a.nullData + b.nullData,
    }));
    expect(totals.withErrors).toBeGreaterThan(50);
    expect(totals.thrown).toBeGreaterThan(10);
    expect(totals.nullData).toBeGreaterThan(10);
  });

  it('reads a response name like constructor as the answer\'s own value, not the prototype\'s', () => {
    const operation = operationFromDocument(schema, parse('{ cluster { constructor toString: name lead { id } } }'));
    const { data, errors } = compiledComputeResponse({
      operation,
      input: { cluster: { toString: 'Limfjorden', lead: { id: 'p1' } } },
      introspectionHandling: () => null,
    });
    expect(errors).toEqual([]);
    expect(JSON.stringify(data)).toBe('{"cluster":{"constructor":null,"toString":"Limfjorden","lead":{"id":"p1"}}}');
  });

  it('hands on lists and objects already in the answer\'s shape as they are, and copies the rest', () => {
    const shape = (query: string, input: Record<string, unknown>) => {
      const operation = operationFromDocument(schema, parse(query));
      const { data } = compiledComputeResponse({ operation, input, introspectionHandling: () => null });
      expect(outcome(compiledComputeResponse, operation, {}, input)).toEqual(outcome(apolloComputeResponse, operation, {}, input));
      return data as Record<string, any>;
    };
    const meetings = [{ id: 'm1', title: 'Møde', items: [{ n: 1, kind: 'MEETING' }] }];
    const clean = { clusters: [{ id: 'c1', name: 'Midt', meetings }] };
    const data = shape('{ clusters { id name meetings { id title items { n kind } } } }', clean);
    expect(data.clusters).toBe(clean.clusters);
    // A __typename the client did not ask for (the planner's) makes a copy of that object; its lists are still its own.
    const typed = { clusters: [{ __typename: 'Cluster', id: 'c1', name: 'Midt', meetings }] };
    const copied = shape('{ clusters { id name meetings { id title items { n kind } } } }', typed);
    expect(copied.clusters).not.toBe(typed.clusters);
    expect(copied.clusters[0]).toEqual({ id: 'c1', name: 'Midt', meetings });
    expect(copied.clusters[0].meetings).toBe(meetings);
    // Keys in another order than asked: that object is copied, its already shaped list is not.
    const reordered = shape('{ clusters { name id meetings { id title items { n kind } } } }', clean);
    expect(reordered.clusters[0]).not.toBe(clean.clusters[0]);
    expect(Object.keys(reordered.clusters[0])).toEqual(['name', 'id', 'meetings']);
    expect(reordered.clusters[0].meetings).toBe(meetings);
    // A missing or an invalid value below, or a fragment writing into the same object: copied down to it.
    const invalid = { clusters: [{ id: 'c1', name: 'Midt', meetings: [{ id: 'm1', title: 'Møde', items: [{ n: 1.5, kind: 'MEETING' }] }] }] };
    expect(shape('{ clusters { id name meetings { id title items { n kind } } } }', invalid).clusters[0].meetings).not.toBe(invalid.clusters[0].meetings);
    // An undefined value (never in parsed JSON, but a custom scalar accepts anything): Apollo's way, null or its assertion.
    const extraOf = (extra: unknown) => ({ clusters: [{ id: 'c1', name: 'Midt', meetings: [{ id: 'm1', title: 'Møde', extra }] }] });
    const undefinedExtra = extraOf(undefined);
    expect(shape('{ clusters { id name meetings { id title extra } } }', undefinedExtra).clusters[0].meetings).not.toBe(undefinedExtra.clusters[0].meetings);
    const withHole = extraOf([1, undefined]);
    expect(shape('{ clusters { id name meetings { id title extra } } }', withHole).clusters[0].meetings).toBe(withHole.clusters[0].meetings);
    for (const query of [
      '{ clusters { id name meetings { id title items { n kind text } } } }',
      '{ clusters { id name meetings { id title items { n kind } } ... on Cluster { meetings { id } } } }',
      '{ clusters { id name meetings { id title items { n kind } } meetings @include(if: true) { id } } }',
    ]) {
      expect(shape(query, clean).clusters[0].meetings).not.toBe(meetings);
    }
  });

  it('gives no answer of its own when there is no data', () => {
    const operation = operationFromDocument(schema, parse('{ count }'));
    for (const input of [null, undefined]) {
      expect(compiledComputeResponse({ operation, input, introspectionHandling: () => null })).toEqual({ data: input, errors: [] });
    }
  });

  describe('on the hub\'s supergraph, every operation the project shows or measures', () => {
    const api = Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema();
    const operations = gatewayExampleOperations();

    it('has operations to compare', () => expect(operations.length).toBeGreaterThan(10));

    it.each(operations.map((o) => [o.name, o] as const))('%s', (_name, { query, variables }) => {
      const tally = compareOn(api, query, [variables ?? {}], 40);
      expect(tally.equalRuns).toBe(40);
    });
  });
});

describe('the gateway runs the compiled shaping', () => {
  let gateway: PlacesGateway;
  const resultShaping = require('@apollo/gateway/dist/resultShaping') as { computeResponse: typeof compiledComputeResponse };

  beforeAll(async () => {
    gateway = await startPlacesGateway();
  });
  afterAll(async () => {
    useCompiledResultShaping(true);
    await gateway?.stop();
  });

  const send = (query: string) => gateway.send(query);

  it('is called by executeQueryPlan through the property it sets, and switches back to Apollo\'s', async () => {
    useCompiledResultShaping(true);
    expect(activeResultShaping()).toBe('compiled');
    const calls: string[] = [];
    const recording = (shape: typeof compiledComputeResponse, name: string): typeof compiledComputeResponse => (args) => {
      calls.push(name);
      return shape(args);
    };
    resultShaping.computeResponse = recording(compiledComputeResponse, 'compiled');
    const compiled = await send('{ places { name visits { day note } } }');
    resultShaping.computeResponse = recording(apolloComputeResponse, 'apollo');
    const apollo = await send('{ places { name visits { day note } } }');
    expect(calls).toEqual(['compiled', 'apollo']);
    expect(compiled).toEqual(apollo);
    // Odense's visit has no day: its non-null list element bubbles up to the place's visits, then to the place.
    expect(compiled.data).toEqual({
      places: [{ name: 'Aalborg', visits: [{ day: '2024-01-02', note: 'første' }, { day: '2024-02-03', note: null }] }, null],
    });
    expect(compiled.errors).toBeUndefined();
    expect(compiled.extensions).toEqual({
      valueCompletion: [expect.objectContaining({ message: 'Cannot return null for non-nullable field Visit.day.', path: ['places', 1, 'visits', 0, 'day'] })],
    });
    useCompiledResultShaping(false);
    expect(activeResultShaping()).toBe('apollo');
    expect(resultShaping.computeResponse).toBe(apolloComputeResponse);
  });
});
