import { join } from 'node:path';
import { RegionCode } from '../../schema/contract';
import type { RegionalSubgraphDefinition } from '../regional/definition';
import { NordjyllandCluster } from './cluster';

export const nordjylland: RegionalSubgraphDefinition = {
  region: RegionCode.NORDJYLLAND,
  name: 'nordjylland',
  ClusterType: NordjyllandCluster,
  dataDirectory: join(__dirname, 'data'),
  defaultPort: 4001,
};
