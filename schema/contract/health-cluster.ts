/**
 * The interface every regional subgraph implements with a concrete entity type of its own
 * (NordjyllandCluster, SyddanmarkCluster). Federation routes by type, never by key value,
 * so one type per region is what lets the gateway send each cluster to its own region.
 */
import { Arg, Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { Body, Person } from './people';
import { Meeting, MeetingStatus } from './meeting';
import { Initiative } from './initiative';
import { FundPosition, FundTable, Grant } from './funds';
import { Region } from './regions';
import { DateScalar } from './scalars';
import { Source } from './source';

@ObjectType({ description: 'A municipality (kommune).' })
@Directive('@shareable')
export class Municipality {
  @Field({ description: 'The municipality’s name, e.g. "Aalborg".' })
  name!: string;
}

const notImplemented = (): never => {
  // The concrete cluster types get their resolvers from services/regional; the interface only declares.
  throw new Error('resolved by the regional cluster resolver');
};

@InterfaceType('HealthCluster', {
  description:
    'A health cluster (sundhedsklynge): the cooperation of a region, its municipalities and general practice around one acute hospital. Clusters are replaced by health councils (sundhedsråd) from 2026-2027.',
})
export abstract class HealthCluster {
  @Field(() => ID, { description: 'Stable id "<region>-<cluster>", e.g. "nordjylland-midt".' })
  id!: string;

  @Field({ description: 'The cluster’s name, e.g. "Sundhedsklynge Midt".' })
  name!: string;

  @Field(() => Region, { description: 'The region (region) the cluster belongs to.' })
  region!: Region;

  @Field(() => [Municipality], { description: 'Its municipalities as a source lists them; empty when no source lists them (see municipalitiesNote).' })
  municipalities!: Municipality[];

  @Field(() => String, { nullable: true, description: 'Why the municipality list is as it is, when a source is silent or partial.' })
  municipalitiesNote!: string | null;

  @Field(() => [Body], { description: 'The forums that meet in the cluster.' })
  bodies!: Body[];

  @Field(() => [Meeting], { description: 'Meetings of the cluster’s bodies, oldest first; meetings with no known date come last.' })
  meetings(
    @Arg('from', () => DateScalar, { nullable: true, description: 'Only meetings on or after this date.' }) _from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Only meetings on or before this date.' }) _to?: string,
    @Arg('status', () => MeetingStatus, { nullable: true, description: 'Only held or only planned meetings.' }) _status?: MeetingStatus,
  ): Meeting[] {
    return notImplemented();
  }

  @Field(() => [Person], { description: 'Everyone named as a member of its bodies or at its meetings.' })
  people!: Person[];

  @Field(() => [Initiative], { description: 'Its initiatives (indsatser), focus areas and pilot projects; top level first, parts under `parts`.' })
  initiatives!: Initiative[];

  @Field(() => [FundTable], { description: 'Its cluster-fund (klyngemidler) tables, oldest first.' })
  fundTables!: FundTable[];

  @Field(() => FundPosition, { nullable: true, description: 'The fund position as last reported; null when no report states one.' })
  fundPosition!: FundPosition | null;

  @Field(() => [Grant], { description: 'Grants and decisions about money outside the fund tables.' })
  grants!: Grant[];

  @Field(() => Source, { description: 'Where the cluster and its municipalities are sourced.' })
  source!: Source;
}
