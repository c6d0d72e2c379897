import { join } from 'node:path';
import { RegionCode } from '../../schema/contract';
import type { RegionalSubgraphDefinition } from '../regional/definition';
import { SyddanmarkCluster } from './cluster';

export const syddanmark: RegionalSubgraphDefinition = {
  region: RegionCode.SYDDANMARK,
  name: 'syddanmark',
  ClusterType: SyddanmarkCluster,
  dataDirectory: join(__dirname, 'data'),
  defaultPort: 4002,
};
