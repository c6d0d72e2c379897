/**
 * How the gateway plans the cross-region questions: one fetch to the councils subgraph
 * for the cluster references, then both regional subgraphs in parallel.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan, type PlanNode, type QueryPlan, type SubscriptionNode, type FetchNode } from '@apollo/query-planner';
import { supergraphPath } from '../../../schema/files';

const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'));
const planner = new QueryPlanner(supergraph);

function plan(query: string): QueryPlan {
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
}

/** The node's shape as "Kind(service)" trees, for assertions that ignore selection details. */
function shape(node: PlanNode | SubscriptionNode | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'Fetch':
      return `Fetch(${node.serviceName})`;
    case 'Flatten':
      return shape(node.node);
    case 'Sequence':
      return { Sequence: node.nodes.map(shape) };
    case 'Parallel':
      return { Parallel: node.nodes.map(shape) };
    default:
      return node.kind;
  }
}

function fetches(node: PlanNode | SubscriptionNode | undefined): FetchNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node];
    case 'Flatten':
      return fetches(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetches);
    default:
      return [];
  }
}

describe('query plans', () => {
  it('plans { clusters { name meetings { title } } } as councils, then both regions in parallel', () => {
    const p = plan('{ clusters { name meetings { title } } }');
    expect(shape(p.node)).toEqual({ Sequence: ['Fetch(councils)', { Parallel: ['Fetch(nordjylland)', 'Fetch(syddanmark)'] }] });
    // The regional fetches are entity fetches (_entities with the cluster representations):
    // one per region, whatever the number of clusters.
    const regional = fetches(p.node).filter((f) => f.serviceName !== 'councils');
    expect(regional.map((f) => f.serviceName).sort()).toEqual(['nordjylland', 'syddanmark']);
    for (const f of regional) expect(f.requires).toBeDefined();
    expect(prettyFormatQueryPlan(p)).toContain('Flatten(path: "clusters.@")');
  });

  it('plans a council’s predecessors with their meetings and initiatives the same way', () => {
    const p = plan('{ healthCouncil(id: "limfjorden") { name predecessors { name initiatives { title } meetings { startsAt title } } } }');
    expect(shape(p.node)).toEqual({ Sequence: ['Fetch(councils)', { Parallel: ['Fetch(nordjylland)', 'Fetch(syddanmark)'] }] });
  });

  it('plans one cluster’s timeline as councils, then its region', () => {
    const p = plan('{ cluster(id: "nordjylland-syd") { name meetings { startsAt title agendaItems { number title decision } } } }');
    expect(shape(p.node)).toEqual({ Sequence: ['Fetch(councils)', { Parallel: ['Fetch(nordjylland)', 'Fetch(syddanmark)'] }] });
  });
});
