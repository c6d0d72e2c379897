import type { ClassType } from 'type-graphql';
import type { RegionCode } from '../../schema/contract';

/** What makes one regional subgraph different from the other: everything else is shared code. */
export interface RegionalSubgraphDefinition {
  region: RegionCode;
  /** Subgraph name in the supergraph and the prefix of its ids and environment variables. */
  name: string;
  /** The region's concrete cluster entity type, implementing HealthCluster. */
  ClusterType: ClassType;
  /** The folder of the region's structured data files. */
  dataDirectory: string;
  defaultPort: number;
}
