import { Directive, ObjectType } from 'type-graphql';
import { HealthCluster } from '../../schema/contract';

@ObjectType('NordjyllandCluster', {
  implements: HealthCluster,
  description: 'A health cluster (sundhedsklynge) of Region Nordjylland: Nord, Midt, Syd or Vest. Served by the Nordjylland subgraph.',
})
@Directive('@key(fields: "id")')
export class NordjyllandCluster extends HealthCluster {}
