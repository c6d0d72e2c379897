/**
 * The operation limits every service shares (platform/operation-limits.ts) with the hub's
 * list sizes (schema/list-sizes.ts): every operation the README, the sandbox and the
 * benchmark show passes, at the gateway and, as the gateway's query plans ask them, at the
 * subgraphs; the cheap-and-heavy attacks over the schema's cycles do not.
 */
import { readFileSync } from 'node:fs';
import { parse, print, specifiedRules, validate, type GraphQLSchema, type GraphQLFormattedError } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { subgraphSdlPath, supergraphPath } from '../../../schema/files';
import { LIST_SIZES } from '../../../schema/list-sizes';
import {
  DEFAULT_OPERATION_LIMITS,
  operationCost,
  operationCostPlugin,
  operationLimits,
  operationLimitsFromEnv,
  withoutSuggestions,
  type OperationLimits,
} from '../../../platform/operation-limits';
import { directSubgraphOperations, gatewayExampleOperations, readmeOperations, splitOperations, writeExampleOperations } from '../../support/example-operations';

const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'));
const api = supergraph.apiSchema().toGraphQLJSSchema();
const subgraphSchemas: Record<string, GraphQLSchema> = Object.fromEntries(
  ['nordjylland', 'syddanmark', 'councils'].map((name) => [name, buildSubgraphSchema(parse(readFileSync(subgraphSdlPath(name), 'utf8')))]),
);

/** What the limits answer for `query`: the messages of every refusal (parse, validation, cost), none when it passes. */
async function refusals(schema: GraphQLSchema, query: string, variables: Record<string, unknown> = {}, limits: OperationLimits = DEFAULT_OPERATION_LIMITS) {
  const enforcement = operationLimits(limits, LIST_SIZES);
  let document;
  try {
    document = parse(query, enforcement.parseOptions);
  } catch (error) {
    return [{ code: 'GRAPHQL_PARSE_FAILED', message: (error as Error).message }];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...enforcement.validationRules]);
  if (invalid.length > 0) return invalid.map((e) => ({ code: 'GRAPHQL_VALIDATION_FAILED', message: e.message }));
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const listener = await enforcement.plugins[0].requestDidStart!({} as never);
  try {
    await listener!.didResolveOperation!({ schema, document, operation, request: { query, variables } } as never);
  } catch (error) {
    const e = error as { message: string; extensions?: Record<string, unknown> };
    return [{ code: e.extensions?.code, message: e.message, status: (e.extensions?.http as { status?: number })?.status }];
  }
  return [];
}

/** The issue's attack: five aliases, depth 10, round Body.memberships → Membership.body; about 650 bytes. */
const cycleAttack = `{ ${['a', 'b', 'c', 'd', 'e']
  .map((a) => `${a}: cluster(id: "nordjylland-midt") { bodies { memberships { body { memberships { body { memberships { body { memberships { id } } } } } } } } }`)
  .join(' ')} }`;
/** The same through Person.memberships. */
const personCycle = `{ ${['a', 'b', 'c', 'd', 'e']
  .map((a) => `${a}: cluster(id: "nordjylland-midt") { people { memberships { person { memberships { body { memberships { person { memberships { id } } } } } } } } }`)
  .join(' ')} }`;

describe('the cost model', () => {
  it('multiplies by list sizes: an object 1, a scalar 0, a list its assumed size × its item', () => {
    const cost = (q: string) => operationCost(api, parse(q), { listSizes: LIST_SIZES }).cost;
    expect(cost('{ transitionMilestones { kind year } }')).toBe(20);
    expect(cost('{ cluster(id: "x") { name } }')).toBe(1);
    // meetings 50 × (1 + agendaItems 20 × 1)
    expect(cost('{ cluster(id: "x") { meetings { agendaItems { title } } } }')).toBe(1 + 50 * 21);
    // Person.memberships is assumed smaller than Body.memberships.
    expect(cost('{ cluster(id: "x") { people { memberships { id } } } }')).toBe(1 + 50 * (1 + 5));
    expect(cost('{ cluster(id: "x") { bodies { memberships { id } } } }')).toBe(1 + 10 * (1 + 30));
  });

  it('counts an _entities call by its actual representations, and skips what @include leaves out', () => {
    const schema = subgraphSchemas.nordjylland;
    const query = 'query ($representations: [_Any!]!, $more: Boolean!) { _entities(representations: $representations) { ... on NordjyllandCluster { name meetings @include(if: $more) { title } } } }';
    const representations = Array.from({ length: 7 }, (_, i) => ({ __typename: 'NordjyllandCluster', id: `c${i}` }));
    expect(operationCost(schema, parse(query), { listSizes: LIST_SIZES, variables: { representations, more: false } })).toEqual({ cost: 7, representations: 7 });
    expect(operationCost(schema, parse(query), { listSizes: LIST_SIZES, variables: { representations, more: true } }).cost).toBe(7 * (1 + 50));
  });

  it('leaves introspection out (Apollo refuses it when introspection is off)', () => {
    expect(operationCost(api, parse('{ __schema { types { name fields { name args { name } } } } }'), { listSizes: LIST_SIZES }).cost).toBe(0);
  });
});

describe('every operation the project shows or measures passes', () => {
  const gatewayOps = [...gatewayExampleOperations(), ...writeExampleOperations()];

  it('finds the README’s, the sandbox’s and the benchmark’s operations', () => {
    // 5 + 5 + 1 reads in the README's three blocks, 7 sandbox reads, 3 benchmark queries; the sandbox's write.
    expect(readmeOperations()).toHaveLength(14);
    expect(gatewayExampleOperations()).toHaveLength(24);
    expect(writeExampleOperations().map((op) => op.name)).toEqual(['sandbox WriteMeeting']);
    expect(splitOperations('# a comment { not an operation }\n{ a { b } }\n\nquery Q { c(x: "}") }')).toEqual(['{ a { b } }', 'query Q { c(x: "}") }']);
  });

  it.each(gatewayOps.map((op) => [op.name, op] as const))('at the gateway: %s', async (_name, op) => {
    expect(await refusals(api, op.query, op.variables)).toEqual([]);
  });

  it.each(directSubgraphOperations().map((op) => [op.name, op] as const))('straight to the Nordjylland subgraph: %s', async (_name, op) => {
    expect(await refusals(subgraphSchemas.nordjylland, op.query)).toEqual([]);
  });

  /** The subgraph fetches of the gateway's plan for `query`. */
  function planFetches(query: string): FetchNode[] {
    const walk = (node: PlanNode | SubscriptionNode | undefined): FetchNode[] => {
      if (!node) return [];
      if (node.kind === 'Fetch') return [node];
      if (node.kind === 'Flatten') return walk(node.node);
      if (node.kind === 'Sequence' || node.kind === 'Parallel') return node.nodes.flatMap(walk);
      return [];
    };
    return walk(new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))).node);
  }

  // As many representations as the gateway's estimate assumes clusters (Query.clusters: 20); it sends 4 per region today.
  const representations = Array.from({ length: LIST_SIZES.fields['Query.clusters'] }, (_, i) => ({ __typename: 'NordjyllandCluster', id: `nordjylland-${i}` }));

  it.each(gatewayOps.map((op) => [op.name, op] as const))('at the subgraphs, as the gateway’s plan asks: %s', async (_name, op) => {
    const fetches = planFetches(op.query);
    expect(fetches.length).toBeGreaterThan(0);
    for (const fetch of fetches) {
      const variables = fetch.requires ? { representations: representations.map((r) => ({ ...r, __typename: fetch.serviceName === 'syddanmark' ? 'SyddanmarkCluster' : r.__typename })) } : {};
      expect({ service: fetch.serviceName, refusals: await refusals(subgraphSchemas[fetch.serviceName], fetch.operation, variables) }).toEqual({ service: fetch.serviceName, refusals: [] });
    }
  });
});

describe('what the limits refuse', () => {
  it('the issue’s attack round Body.memberships → Membership.body: within depth, aliases and tokens, refused for its cost', async () => {
    expect(Buffer.byteLength(cycleAttack)).toBeGreaterThan(600);
    expect(Buffer.byteLength(cycleAttack)).toBeLessThan(800);
    const [refusal, ...more] = await refusals(api, cycleAttack);
    expect(more).toEqual([]);
    expect(refusal).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', status: 400, message: expect.stringMatching(/estimated cost \d+ exceeds the limit of 100000/) });
  });

  it('the same round Person.memberships, at the gateway and straight to a subgraph', async () => {
    expect(await refusals(api, personCycle)).toEqual([expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', status: 400 })]);
    const direct = personCycle.replace(/cluster\(/g, 'nordjyllandCluster(');
    expect(await refusals(subgraphSchemas.nordjylland, direct)).toEqual([expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', status: 400 })]);
  });

  it('the 206-byte deep query at a subgraph, for its depth', async () => {
    const turns = 'bodies { memberships { body { memberships { body { memberships { body { memberships { body { memberships { body { memberships { body { id';
    const deep = `{ nordjyllandClusters { ${turns} ${'} '.repeat(14)}}`;
    expect(Buffer.byteLength(deep)).toBeLessThan(220);
    expect(await refusals(subgraphSchemas.nordjylland, deep)).toEqual([expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringContaining('depth') })]);
  });

  it('an _entities call with more representations than MAX_REPRESENTATIONS, before resolving any', async () => {
    const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on NordjyllandCluster { name } } }';
    const many = Array.from({ length: 501 }, () => ({ __typename: 'NordjyllandCluster', id: 'nordjylland-midt' }));
    expect(await refusals(subgraphSchemas.nordjylland, query, { representations: many.slice(0, 500) })).toEqual([]);
    expect(await refusals(subgraphSchemas.nordjylland, query, { representations: many })).toEqual([
      { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, message: '_entities takes at most 500 representations, got 501.' },
    ]);
  });

  it('leaves variables that do not coerce to the request’s own error, BAD_USER_INPUT', async () => {
    const query = 'query ($r: RegionCode) { clusters(region: $r) { name } }';
    expect(await refusals(api, query, { r: 'NOWHERE' })).toEqual([]);
  });

  it('a cost over a lowered MAX_COST', async () => {
    const limits = { ...DEFAULT_OPERATION_LIMITS, maxCost: 100 };
    expect(await refusals(api, '{ regions { code } }', {}, limits)).toEqual([]);
    expect(await refusals(api, '{ cluster(id: "x") { meetings { title } agendaItemsToo: meetings { agendaItems { title } } } }', {}, limits)).toEqual([
      expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringContaining('limit of 100') }),
    ]);
  });
});

describe('the cost of an operation asked again', () => {
  /** The plugin over a counting operationCost, and a way to ask it as Apollo does. */
  function counted(limits = DEFAULT_OPERATION_LIMITS) {
    const measured: string[] = [];
    const plugin = operationCostPlugin(limits, LIST_SIZES, (schema, document, options) => {
      measured.push(JSON.stringify(options.variables));
      return operationCost(schema, document, options);
    });
    const ask = async (schema: GraphQLSchema, document: ReturnType<typeof parse>, variables: Record<string, unknown> = {}) => {
      const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
      const listener = await plugin.requestDidStart!({} as never);
      await listener!.didResolveOperation!({ schema, document, operation, request: { variables } } as never);
    };
    return { measured, ask };
  }

  it('is measured once per parsed document, operation and variables, and refused each time it is over the limit', async () => {
    const { measured, ask } = counted({ ...DEFAULT_OPERATION_LIMITS, maxCost: 100 });
    const cheap = parse('query ($all: Boolean!) { regions { code clusters @include(if: $all) { meetings { title } } } }');
    await ask(api, cheap, { all: false });
    await ask(api, cheap, { all: false });
    expect(measured).toEqual(['{"all":false}']);
    // Other variables, the same text parsed again, another schema: measured anew.
    await expect(ask(api, cheap, { all: true })).rejects.toThrow(/limit of 100/);
    await expect(ask(api, cheap, { all: true })).rejects.toThrow(/limit of 100/);
    await ask(api, parse(print(cheap)), { all: false });
    await ask(supergraph.apiSchema().toGraphQLJSSchema(), cheap, { all: false });
    expect(measured).toEqual(['{"all":false}', '{"all":true}', '{"all":false}', '{"all":false}']);
  });

  it('measures long variables (an _entities call’s representations) every time', async () => {
    const { measured, ask } = counted();
    const entities = parse('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on NordjyllandCluster { name } } }');
    const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'NordjyllandCluster', id: `nordjylland-${i}` }));
    await ask(subgraphSchemas.nordjylland, entities, { representations });
    await ask(subgraphSchemas.nordjylland, entities, { representations });
    expect(measured).toHaveLength(2);
  });
});

describe('configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads MAX_DEPTH, MAX_ALIASES, MAX_TOKENS, MAX_COST, MAX_DIRECTIVES and MAX_REPRESENTATIONS', () => {
    expect(operationLimitsFromEnv()).toEqual(DEFAULT_OPERATION_LIMITS);
    Object.assign(process.env, { MAX_DEPTH: '7', MAX_ALIASES: '3', MAX_TOKENS: '500', MAX_COST: '900', MAX_DIRECTIVES: '2', MAX_REPRESENTATIONS: '40' });
    expect(operationLimitsFromEnv()).toEqual({ maxDepth: 7, maxAliases: 3, maxTokens: 500, maxCost: 900, maxDirectives: 2, maxRepresentations: 40 });
    process.env.MAX_COST = '0';
    expect(() => operationLimitsFromEnv()).toThrow(/MAX_COST must be a whole number of at least 1/);
  });
});

describe('withoutSuggestions', () => {
  const identity = (formatted: GraphQLFormattedError) => formatted;
  it.each([
    ['Cannot query field "nam" on type "Region". Did you mean "name"?', 'Cannot query field "nam" on type "Region".'],
    ['Unknown argument "regio" on field "Query.clusters". Did you mean "region"?', 'Unknown argument "regio" on field "Query.clusters".'],
    ['Value "NORDJYLAND" does not exist in "RegionCode" enum. Did you mean the enum value "NORDJYLLAND"?', 'Value "NORDJYLAND" does not exist in "RegionCode" enum.'],
    ['Unknown type "Strin". Did you mean "String", "ID", or "Int"?', 'Unknown type "Strin".'],
    ['Variable "$r" got invalid value "X"; Value "X" does not exist in "RegionCode" enum. Did you mean the enum value "NORDJYLLAND" or "SYDDANMARK"?', 'Variable "$r" got invalid value "X"; Value "X" does not exist in "RegionCode" enum.'],
  ])('%s', (message, masked) => {
    expect(withoutSuggestions(identity)({ message }, undefined).message).toBe(masked);
  });

  it('leaves other messages and the rest of the error as they are', () => {
    const error = { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(withoutSuggestions(identity)(error, undefined)).toBe(error);
  });
});
