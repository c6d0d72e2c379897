/**
 * A regional subgraph as the code runs it, made from the region's registry entry
 * (schema/contract/regions.ts): everything that differs between regions follows from the
 * entry; everything else is the shared code of services/regional.
 */
import { join } from 'node:path';
import { Directive, ObjectType, type ClassType } from 'type-graphql';
import { HealthCluster, allRegions, regionDefinition, type RegionCode, type RegionDefinition } from '../../schema/contract';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

export interface RegionalSubgraphDefinition {
  region: RegionCode;
  /** Subgraph name in the supergraph and the prefix of its ids and environment variables. */
  name: string;
  /** The registry entry. */
  entry: RegionDefinition;
  /** The region's concrete cluster entity type, implementing HealthCluster. */
  ClusterType: ClassType;
  /** The folder of the region's structured data files (absolute). */
  dataDirectory: string;
  defaultPort: number;
}

const made = new Map<string, RegionalSubgraphDefinition>();

/**
 * The region's subgraph definition, made once per process: type-graphql keeps one global
 * registry of types, so a region's cluster type must be declared exactly once.
 */
export function regionalSubgraph(codeOrSlug: string): RegionalSubgraphDefinition {
  const entry = regionDefinition(codeOrSlug);
  let definition = made.get(entry.code);
  if (!definition) {
    definition = {
      region: entry.code,
      name: entry.slug,
      entry,
      ClusterType: clusterType(entry),
      dataDirectory: join(REPOSITORY_ROOT, entry.dataDirectory),
      defaultPort: entry.defaultPort,
    };
    made.set(entry.code, definition);
  }
  return definition;
}

/** Every registered region's subgraph, in registry order. */
export function regionalSubgraphs(): RegionalSubgraphDefinition[] {
  return allRegions().map((r) => regionalSubgraph(r.code));
}

/**
 * The region's concrete cluster type, e.g. NordjyllandCluster: federation routes by type,
 * never by key value, so each region owns a type of its own implementing the shared interface.
 */
function clusterType(region: RegionDefinition): ClassType {
  @ObjectType(region.clusterTypeName, {
    implements: HealthCluster,
    description: `A health cluster (sundhedsklynge) of ${region.name}: ${region.clustersInBrief}. Served by the ${region.slug} subgraph.`,
  })
  @Directive('@key(fields: "id")')
  class RegionCluster extends HealthCluster {}
  return RegionCluster;
}
