import { Directive, ObjectType } from 'type-graphql';
import { HealthCluster } from '../../schema/contract';

@ObjectType('SyddanmarkCluster', {
  implements: HealthCluster,
  description: 'A health cluster (sundhedsklynge) of Region Syddanmark: Fyn, Lillebælt, Sydvestjylland or Sønderjylland. Served by the Syddanmark subgraph.',
})
@Directive('@key(fields: "id")')
export class SyddanmarkCluster extends HealthCluster {}
