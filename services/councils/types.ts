/**
 * The councils subgraph's types. It owns the health councils and the cluster→council
 * mapping, and contributes `successor` to each region's cluster type; everything else
 * about a cluster comes from its region's subgraph through the cluster's @key.
 */
import { Directive, Field, ID, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { DateScalar, MappingBasis, Municipality, Region, Source, regionDefinition, type RegionCode, type RegionDefinition } from '../../schema/contract';

export enum MilestoneKind {
  CLUSTER_STRUCTURE_ENDS = 'CLUSTER_STRUCTURE_ENDS',
  HANDOVER = 'HANDOVER',
  PREPARATORY_PERIOD = 'PREPARATORY_PERIOD',
  FULL_OPERATION = 'FULL_OPERATION',
  LEGISLATION = 'LEGISLATION',
}
registerEnumType(MilestoneKind, {
  name: 'MilestoneKind',
  description: 'A step of the transition from health clusters to health councils.',
  valuesConfig: {
    CLUSTER_STRUCTURE_ENDS: { description: 'The cluster structure (klyngestruktur) ends.' },
    HANDOVER: { description: 'A cluster hands recommendations or funds over to its council (overlevering).' },
    PREPARATORY_PERIOD: { description: 'Preparatory health councils (forberedende sundhedsråd) work.' },
    FULL_OPERATION: { description: 'The health councils are in full operation.' },
    LEGISLATION: { description: 'The law behind the reform.' },
  },
});

// The councils subgraph's own view of the HealthCluster interface: only the fields it owns.
// Composition merges it with the regional subgraphs' fuller declaration of the same interface.
@InterfaceType('HealthCluster', {
  description: 'A health cluster (sundhedsklynge). The councils subgraph knows its successor health council; its region’s subgraph knows the rest.',
  resolveType: (cluster: { regionCode: RegionCode }) => regionDefinition(cluster.regionCode).clusterTypeName,
})
export abstract class ClusterInTransition {
  @Field(() => ID, { description: 'Stable id "<region>-<cluster>", e.g. "nordjylland-midt".' })
  id!: string;

  @Field(() => HealthCouncil, { nullable: true, description: 'The health council (sundhedsråd) the cluster goes into; null where no council is known.' })
  successor!: HealthCouncil | null;

  @Field(() => MappingBasis, { nullable: true, description: 'Whether a source states the successor or it is inferred.' })
  successorBasis!: MappingBasis | null;
}

const clusterTypes = new Map<string, ClassType>();

/**
 * The councils subgraph's part of a region's cluster type (e.g. NordjyllandCluster): the
 * same @key as the region's own, so the gateway joins `successor` to what the region
 * serves. Made once per region and process (type-graphql keeps one global type registry).
 */
export function clusterInTransitionType(region: RegionDefinition): ClassType {
  let type = clusterTypes.get(region.code);
  if (!type) {
    @ObjectType(region.clusterTypeName, { implements: ClusterInTransition, description: `A health cluster of ${region.name}.` })
    @Directive('@key(fields: "id")')
    class RegionClusterInTransition extends ClusterInTransition {}
    type = RegionClusterInTransition;
    clusterTypes.set(region.code, type);
  }
  return type;
}

@ObjectType({ description: 'A municipality whose council no source settles.' })
export class UnresolvedMunicipality {
  @Field({ description: 'The municipality’s name.' }) name!: string;
  @Field({ description: 'Why it is unresolved.' }) note!: string;
}

@ObjectType({ description: 'A dated step of the transition from clusters to councils, with its source.' })
export class TransitionMilestone {
  @Field(() => ID, { description: 'Stable id of the milestone, e.g. "clusters-end".' }) id!: string;
  @Field(() => MilestoneKind, { description: 'What kind of step it is.' }) kind!: MilestoneKind;
  @Field(() => DateScalar, { nullable: true, description: 'The day, when a source gives one.' }) date!: string | null;
  @Field(() => Int, { nullable: true, description: 'The year, when a source gives one.' }) year!: number | null;
  @Field({ description: 'What happens, quoting the source where it is Danish.' }) description!: string;
  @Field(() => HealthCouncil, { nullable: true, description: 'The council it concerns; null for the whole reform.' }) council!: HealthCouncil | null;
  @Field(() => Source, { description: 'Where this fact was read: the source document and its section.' }) source!: Source;
}

@ObjectType({ description: 'A health council (sundhedsråd): from 2027 the body that replaces the health clusters (sundhedsklynger).' })
@Directive('@key(fields: "id")')
export class HealthCouncil {
  @Field(() => ID, { description: 'Stable id in lower-case ASCII, e.g. "limfjorden", "soenderjylland".' })
  id!: string;

  @Field({ description: 'The council’s name, e.g. "Sundhedsråd Limfjorden".' })
  name!: string;

  @Field(() => Region, { description: 'The region the council belongs to.' })
  region!: Region;

  @Field(() => [Municipality], { description: 'Its municipalities as a source lists them; empty when no source lists them.' })
  municipalities!: Municipality[];

  @Field(() => [UnresolvedMunicipality], { description: 'Municipalities whose council the sources leave open.' })
  unresolvedMunicipalities!: UnresolvedMunicipality[];

  @Field(() => [ClusterInTransition], { nullable: 'items', description: 'The clusters it replaces (its predecessors); null for a cluster whose region cannot be reached.' })
  predecessors!: ClusterInTransition[];

  @Field(() => MappingBasis, { description: 'Whether a source states the predecessors or they are inferred.' })
  predecessorBasis!: MappingBasis;

  @Field(() => [TransitionMilestone], { description: 'The transition’s milestones that concern this council, including the reform-wide ones.' })
  milestones!: TransitionMilestone[];

  @Field(() => [String], { description: 'What the sources say, and do not say, about the council.' })
  notes!: string[];

  @Field(() => Source, { description: 'The main source.' })
  source!: Source;

  @Field(() => [Source], { description: 'Every source used for the council.' })
  sources!: Source[];
}

export { Region };
