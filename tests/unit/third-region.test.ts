/**
 * Adding a region is its data folder, one registry entry and its reform data: a made-up
 * third region (tests/fixtures/region-proeveland) is registered here, its data and reform
 * data validate, the supergraph composes with it, and the cross-region question fans out to
 * three regional subgraphs in parallel. No other file of the hub knows the region.
 */
import { join } from 'node:path';
import { parse } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { registerRegion, allRegions, allSubgraphs } from '../../schema/contract/registry';

const FIXTURE = join(__dirname, '..', 'fixtures', 'region-proeveland');

const proeveland = registerRegion({
  code: 'PROEVELAND',
  name: 'Region Prøveland',
  englishName: 'a made-up region for tests',
  clustersInBrief: 'Nord or Syd',
  defaultPort: 4009,
  exampleClusterId: 'proeveland-nord',
  exampleMeetingId: 'proeveland-nord-politisk-2025-01-01',
  dataDirectory: 'tests/fixtures/region-proeveland/data',
});

function fetchedServices(node: PlanNode | undefined): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return fetchedServices(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchedServices);
    default:
      return [];
  }
}

describe('a third region from a fixture folder', () => {
  it('is in the registry after the built-in regions, with everything that follows from its entry', () => {
    expect(allRegions().map((r) => r.slug)).toEqual(['nordjylland', 'syddanmark', 'proeveland']);
    expect(allSubgraphs().map((s) => s.name)).toEqual(['nordjylland', 'syddanmark', 'proeveland', 'councils']);
    expect(proeveland.clusterTypeName).toBe('ProevelandCluster');
  });

  it('has a data set and reform data that validate', async () => {
    const { readDataSet } = await import('../../services/regional/data/read-data-set');
    const { regionalSubgraph } = await import('../../services/regional/definition');
    const set = readDataSet(regionalSubgraph('proeveland').dataDirectory, 'proeveland');
    expect(set.clusters.map((c) => c.id)).toEqual(['proeveland-nord', 'proeveland-syd']);

    const { readRegistry, reformFiles } = await import('../../services/councils/registry');
    const registry = readRegistry([...reformFiles(), join(FIXTURE, 'reform.json')]);
    expect(registry.clusters.filter((c) => c.regionCode === 'PROEVELAND').map((c) => c.successorId)).toEqual(['proeveland', 'proeveland']);
    // Without its reform data the registry refuses to serve a region it cannot list.
    expect(() => readRegistry(reformFiles())).toThrow(/region PROEVELAND of the registry has no reform data/);
  });

  it('composes into a supergraph, and { clusters { name } } fans out to three regional subgraphs in parallel', async () => {
    const { buildSubgraphSdls, composeSupergraph } = await import('../../tools/compose');
    const subgraphs = await buildSubgraphSdls();
    expect(subgraphs.map((s) => s.name)).toEqual(['nordjylland', 'syddanmark', 'proeveland', 'councils']);
    expect(subgraphs.find((s) => s.name === 'proeveland')!.sdl).toMatch(/type ProevelandCluster implements HealthCluster\s+@key\(fields: "id"\)/);

    const supergraphSdl = composeSupergraph(subgraphs);
    expect(supergraphSdl).toMatch(/enum RegionCode[^}]*\bPROEVELAND\b/);
    const supergraph = Supergraph.build(supergraphSdl);
    const planner = new QueryPlanner(supergraph);
    const plan = planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse('{ clusters { name } }')));
    const root = plan.node;
    expect(root?.kind).toBe('Sequence');
    const [first, second] = root?.kind === 'Sequence' ? root.nodes : [];
    expect(fetchedServices(first)).toEqual(['councils']);
    expect(second?.kind).toBe('Parallel');
    expect(fetchedServices(second).sort()).toEqual(['nordjylland', 'proeveland', 'syddanmark']);
  }, 60_000);
});
