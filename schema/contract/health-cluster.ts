/**
 * The interface every regional subgraph implements with a concrete entity type of its own
 * (NordjyllandCluster, SyddanmarkCluster). Federation routes by type, never by key value,
 * so one type per region is what lets the gateway send each cluster to its own region.
 */
import { Arg, Directive, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Body, Person } from './people';
import { Meeting, MeetingConnection, MeetingStatus } from './meeting';
import { Initiative } from './initiative';
import { FundPosition, FundTable, Grant } from './funds';
import { Region } from './regions';
import { DateScalar, DateTimeScalar } from './scalars';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
import { MAX_SEARCH_QUERY_LENGTH, SearchConnection } from './search';
import { Source } from './source';

@ObjectType({ description: 'A municipality (kommune).' })
@Directive('@shareable')
export class Municipality {
  @Field({ description: 'The municipality’s name, e.g. "Aalborg".' })
  name!: string;
}

/** Descriptions of the interface's fields with arguments, repeated by each region's resolvers (the SDL describes every field). */
export const INITIATIVES_DESCRIPTION =
  'Its initiatives (indsatser), focus areas and pilot projects; top level first, parts under `parts`. With `modifiedSince`: every initiative, parts included and listed flat, whose record changed at or after that instant, withdrawn ones included (their `state` is WITHDRAWN), in the order of the documents.';
export const MEETINGS_CONNECTION_DESCRIPTION = `The meetings as pages, in the order of \`meetings\` (by date and time, then id; undated meetings last). \`first\`: ${DEFAULT_PAGE_SIZE} when not given, at most ${MAX_PAGE_SIZE}. With \`modifiedSince\`: the meetings whose record changed at or after that instant, withdrawn ones included (their \`state\` is WITHDRAWN), so a copy can follow; without it withdrawn meetings are left out, as in every list.`;
export const SEARCH_DESCRIPTION = `Danish full-text search over the cluster’s agenda items, meetings and initiatives (PostgreSQL’s \`danish\` configuration: "klyngemidlerne" finds "klyngemidler"). Query syntax as web search engines (websearch_to_tsquery): words must all occur; "a quoted phrase"; -word excludes; \`or\` between alternatives. Best hits first. A query that is empty or longer than ${MAX_SEARCH_QUERY_LENGTH} characters is refused with BAD_USER_INPUT; a query of only stop words or punctuation finds nothing.`;

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

  @Field(() => [Initiative], { description: INITIATIVES_DESCRIPTION })
  initiatives(
    @Arg('modifiedSince', () => DateTimeScalar, { nullable: true, description: 'Only initiatives changed at or after this instant, withdrawn ones included (OParl’s modified_since).' }) _modifiedSince?: Date,
  ): Initiative[] {
    return notImplemented();
  }

  @Field(() => MeetingConnection, { description: MEETINGS_CONNECTION_DESCRIPTION })
  meetingsConnection(
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when not given.` }) _first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the page before.' }) _after?: string,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Only meetings on or after this date.' }) _from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Only meetings on or before this date.' }) _to?: string,
    @Arg('status', () => MeetingStatus, { nullable: true, description: 'Only meetings of this status.' }) _status?: MeetingStatus,
    @Arg('modifiedSince', () => DateTimeScalar, { nullable: true, description: 'Only meetings changed at or after this instant, withdrawn ones included (OParl’s modified_since).' }) _modifiedSince?: Date,
  ): MeetingConnection {
    return notImplemented();
  }

  @Field(() => SearchConnection, { description: SEARCH_DESCRIPTION })
  search(
    @Arg('query', () => String, { description: `What to look for, 1 to ${MAX_SEARCH_QUERY_LENGTH} characters.` }) _query: string,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when not given.` }) _first?: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the page before.' }) _after?: string,
  ): SearchConnection {
    return notImplemented();
  }

  @Field(() => [FundTable], { description: 'Its cluster-fund (klyngemidler) tables, oldest first.' })
  fundTables!: FundTable[];

  @Field(() => FundPosition, { nullable: true, description: 'The fund position as last reported; null when no report states one.' })
  fundPosition!: FundPosition | null;

  @Field(() => [Grant], { description: 'Grants and decisions about money outside the fund tables.' })
  grants!: Grant[];

  @Field(() => Source, { description: 'Where the cluster and its municipalities are sourced.' })
  source!: Source;
}
