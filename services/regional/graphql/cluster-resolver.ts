/**
 * The resolvers of one region's concrete cluster type (e.g. NordjyllandCluster) and the
 * region's root fields. A factory, because type-graphql does not pass resolvers declared
 * on an interface on to the types implementing it: each region gets its own class,
 * generated from the same code.
 */
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import {
  Body,
  DataVersion,
  DateScalar,
  DateTimeScalar,
  INITIATIVES_DESCRIPTION,
  MEETINGS_CONNECTION_DESCRIPTION,
  SEARCH_DESCRIPTION,
  MeetingConnection,
  SearchConnection,
  SOURCE_DOCUMENTS,
  SourceDocument,
  FundPosition,
  FundTable,
  Grant,
  HealthAgreement,
  Initiative,
  Meeting,
  MeetingStatus,
  Municipality,
  Person,
  Region,
  isRegionCode,
  regionOf,
  type RegionCode,
  type RegionDefinition,
} from '../../../schema/contract';
import type { RegionalContext } from './context';
import { latestFundPosition } from './fund-position';
import { assertWellFormedId } from '../../../platform/ids';
import { agreementRecord, type ClusterRecord } from './records';
import { searchRequest } from './search';
import { meetingPageRequest } from './meeting-pages';
import { dataVersion } from './data-version';
import { embeddedAgendaItems, initiativeColumns, meetingColumns } from './value-resolvers';

export function createClusterResolver(ClusterType: ClassType, entry: RegionDefinition) {
  const { slug, code: region, clusterTypeName: typeName, exampleClusterId: example, exampleMeetingId } = entry;

  @Resolver(() => ClusterType)
  class ClusterResolver {
    @Query(() => [ClusterType], { name: `${slug}Clusters`, description: `All health clusters (sundhedsklynger) of ${regionOf(region).name}.` })
    clusters(@Ctx() { loaders }: RegionalContext) {
      return loaders.clusters();
    }

    @Query(() => ClusterType, {
      name: `${slug}Cluster`,
      nullable: true,
      description: `One health cluster of ${regionOf(region).name} by id, e.g. "${example}"; null when no cluster has that id.`,
    })
    cluster(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RegionalContext) {
      assertWellFormedId(id, example);
      return loaders.clusterById.load(id);
    }

    @Query(() => Meeting, { name: `${slug}Meeting`, nullable: true, description: 'One meeting by id; null when no meeting has that id.' })
    meeting(@Arg('id', () => ID) id: string, @Ctx() { loaders }: RegionalContext) {
      assertWellFormedId(id, exampleMeetingId);
      return loaders.meetingById.load(id);
    }

    @Query(() => [HealthAgreement], {
      name: `${slug}HealthAgreements`,
      description: `The health agreements (sundhedsaftaler) of ${regionOf(region).name} held in the hub.`,
    })
    async healthAgreements(@Ctx() { loaders }: RegionalContext) {
      return (await loaders.agreements()).map(agreementRecord);
    }

    @Query(() => DataVersion, {
      name: `${slug}DataVersion`,
      description: `How current the data of ${regionOf(region).name} is: its last change and its counts of changes and records.`,
    })
    dataVersion(@Ctx() { em }: RegionalContext) {
      return dataVersion(em);
    }

    @Query(() => [SourceDocument], {
      name: `${slug}SourceDocuments`,
      description: `The source documents of ${regionOf(region).name}’s data, and the reference facts, in file order.`,
    })
    sourceDocuments() {
      return SOURCE_DOCUMENTS.filter((d) => d.regionCode === region || d.regionCode === null);
    }

    @FieldResolver(() => Region, { description: 'The region (region) the cluster belongs to.' })
    region(@Root() cluster: ClusterRecord) {
      return regionOf(cluster.regionCode);
    }

    @FieldResolver(() => [Municipality], { description: 'Its municipalities as a source lists them; empty when no source lists them (see municipalitiesNote).' })
    municipalities(@Root() cluster: ClusterRecord) {
      return cluster.municipalities.map((name) => ({ name }));
    }

    @FieldResolver(() => String, { nullable: true, description: 'Why the municipality list is as it is, when a source is silent or partial.' })
    municipalitiesNote(@Root() cluster: ClusterRecord) {
      return cluster.note;
    }

    @FieldResolver(() => [Body], { description: 'The forums that meet in the cluster.' })
    bodies(@Root() cluster: ClusterRecord, @Ctx() { loaders }: RegionalContext) {
      return loaders.bodiesByCluster.load(cluster.id);
    }

    @FieldResolver(() => [Meeting], { description: 'Meetings of the cluster’s bodies, oldest first; meetings with no known date come last.' })
    async meetings(
      @Root() cluster: ClusterRecord,
      @Ctx() { em, loaders }: RegionalContext,
      @Info() info: GraphQLResolveInfo,
      @Arg('from', () => DateScalar, { nullable: true }) from?: string,
      @Arg('to', () => DateScalar, { nullable: true }) to?: string,
      @Arg('status', () => MeetingStatus, { nullable: true }) status?: MeetingStatus,
    ) {
      if (from && to && from > to) {
        throw new GraphQLError(`"from" (${from}) is after "to" (${to})`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return loaders.meetings.load({ clusterId: cluster.id, from: from ?? null, to: to ?? null, status: status ?? null, columns: meetingColumns(em, info), agendaItems: embeddedAgendaItems(em, info) });
    }

    @FieldResolver(() => [Person], { description: 'Everyone named as a member of its bodies or at its meetings.' })
    people(@Root() cluster: ClusterRecord, @Ctx() { loaders }: RegionalContext) {
      return loaders.peopleByCluster.load(cluster.id);
    }

    @FieldResolver(() => [Initiative], { description: INITIATIVES_DESCRIPTION })
    async initiatives(
      @Root() cluster: ClusterRecord,
      @Ctx() { em, loaders }: RegionalContext,
      @Info() info: GraphQLResolveInfo,
      @Arg('modifiedSince', () => DateTimeScalar, { nullable: true }) modifiedSince?: Date,
    ) {
      if (modifiedSince) return loaders.initiativesModifiedSince.load({ clusterId: cluster.id, since: modifiedSince.toISOString() });
      return (await loaders.initiativesByCluster.load({ id: cluster.id, columns: initiativeColumns(em, info) })).filter((i) => i.parent === null);
    }

    @FieldResolver(() => MeetingConnection, { description: MEETINGS_CONNECTION_DESCRIPTION })
    async meetingsConnection(
      @Root() cluster: ClusterRecord,
      @Ctx() { loaders }: RegionalContext,
      @Arg('first', () => Int, { nullable: true }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
      @Arg('from', () => DateScalar, { nullable: true }) from?: string,
      @Arg('to', () => DateScalar, { nullable: true }) to?: string,
      @Arg('status', () => MeetingStatus, { nullable: true }) status?: MeetingStatus,
      @Arg('modifiedSince', () => DateTimeScalar, { nullable: true }) modifiedSince?: Date,
    ) {
      const page = await loaders.meetingPages.load(meetingPageRequest(cluster.id, { first, after, from, to, status, modifiedSince }));
      const meetings = await loaders.meetingById.loadMany(page.edges.map((e) => e.node));
      return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: meetings[i] })) };
    }

    @FieldResolver(() => SearchConnection, { description: SEARCH_DESCRIPTION })
    search(
      @Root() cluster: ClusterRecord,
      @Ctx() { loaders }: RegionalContext,
      @Arg('query', () => String) query: string,
      @Arg('first', () => Int, { nullable: true }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ) {
      return loaders.search.load(searchRequest(cluster.id, query, first, after));
    }

    @FieldResolver(() => [FundTable], { description: 'Its cluster-fund (klyngemidler) tables, oldest first.' })
    fundTables(@Root() cluster: ClusterRecord, @Ctx() { loaders }: RegionalContext) {
      return loaders.fundTablesByCluster(cluster.id);
    }

    @FieldResolver(() => FundPosition, { description: 'The fund position as last reported; null when no report states one.', nullable: true })
    async fundPosition(@Root() cluster: ClusterRecord, @Ctx() { loaders }: RegionalContext) {
      return latestFundPosition(await loaders.positionTableByCluster(cluster.id));
    }

    @FieldResolver(() => [Grant], { description: 'Grants and decisions about money outside the fund tables.' })
    grants(@Root() cluster: ClusterRecord, @Ctx() { loaders }: RegionalContext) {
      return loaders.grantsByCluster.load(cluster.id);
    }
  }

  // Entity references from the gateway (`_entities`), batched through the same loader.
  const referenceResolvers = {
    [typeName]: {
      __resolveReference: (ref: { id: string }, ctx: RegionalContext) => ctx.loaders.clusterById.load(ref.id),
    },
    Region: {
      __resolveReference: (ref: { code: RegionCode }) => (isRegionCode(ref.code) ? regionOf(ref.code) : null),
    },
  };

  return { ClusterResolver, referenceResolvers };
}
