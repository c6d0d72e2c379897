import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { Municipality, Region, RegionCode, Source, allRegions, isRegionCode, regionOf, type RegionDefinition } from '../../schema/contract';
import { assertWellFormedId } from '../../platform/ids';
import type { ClusterRef, CouncilRecord, CouncilRegistry, MilestoneRecord } from './registry';
import { ClusterInTransition, HealthCouncil, TransitionMilestone, clusterInTransitionType } from './types';

export interface CouncilsContext {
  registry: CouncilRegistry;
}

const councilsOf = (registry: CouncilRegistry, region?: RegionCode) =>
  registry.councils.filter((c) => !region || c.region === region);

@Resolver()
export class CouncilQueries {
  @Query(() => [Region], { description: 'The regions whose clusters the hub covers.' })
  regions(@Ctx() { registry }: CouncilsContext) {
    return registry.regions.map((r) => regionOf(r.code));
  }

  @Query(() => Region, { nullable: true, description: 'One region by code.' })
  region(@Arg('code', () => RegionCode) code: RegionCode) {
    return regionOf(code);
  }

  @Query(() => [ClusterInTransition], {
    nullable: 'items',
    description:
      'All health clusters (sundhedsklynger), of one region or of both, each resolved in its own region’s subgraph. A cluster whose region cannot be reached is null, with an error naming the subgraph.',
  })
  clusters(@Ctx() { registry }: CouncilsContext, @Arg('region', () => RegionCode, { nullable: true }) region?: RegionCode) {
    return registry.clusters.filter((c) => !region || c.regionCode === region);
  }

  @Query(() => ClusterInTransition, { nullable: true, description: 'One health cluster by id, e.g. "nordjylland-syd"; null when no cluster has that id.' })
  cluster(@Arg('id', () => ID) id: string, @Ctx() { registry }: CouncilsContext) {
    assertWellFormedId(id, 'nordjylland-syd');
    return registry.clusterById.get(id) ?? null;
  }

  @Query(() => [HealthCouncil], { description: 'The health councils (sundhedsråd) that replace the clusters, of one region or of both.' })
  healthCouncils(@Ctx() { registry }: CouncilsContext, @Arg('region', () => RegionCode, { nullable: true }) region?: RegionCode) {
    return councilsOf(registry, region);
  }

  @Query(() => HealthCouncil, { nullable: true, description: 'One health council by id, e.g. "limfjorden"; null when no council has that id.' })
  healthCouncil(@Arg('id', () => ID) id: string, @Ctx() { registry }: CouncilsContext) {
    assertWellFormedId(id, 'limfjorden');
    return registry.councilById.get(id) ?? null;
  }

  @Query(() => [TransitionMilestone], { description: 'The transition from clusters to councils, step by step, oldest first; steps with no known year last.' })
  transitionMilestones(@Ctx() { registry }: CouncilsContext) {
    // Within a year, a dated step comes before one that spans the year.
    const key = (m: MilestoneRecord) => m.date ?? (m.year === null ? '9999' : `${m.year}-99`);
    return [...registry.milestones].sort((a, b) => key(a).localeCompare(key(b)));
  }
}

@Resolver(() => Region)
export class RegionTransitionFields {
  @FieldResolver(() => [ClusterInTransition], { nullable: 'items', description: 'The region’s health clusters; null for a cluster whose region cannot be reached.' })
  clusters(@Root() region: Region, @Ctx() { registry }: CouncilsContext) {
    return registry.clusters.filter((c) => c.regionCode === region.code);
  }

  @FieldResolver(() => [HealthCouncil], { description: 'The region’s health councils.' })
  healthCouncils(@Root() region: Region, @Ctx() { registry }: CouncilsContext) {
    return councilsOf(registry, region.code);
  }
}

@Resolver(() => HealthCouncil)
export class HealthCouncilFields {
  @FieldResolver(() => Region, { description: 'The region the council belongs to.' })
  region(@Root() council: CouncilRecord) {
    return regionOf(council.region);
  }

  @FieldResolver(() => [Municipality])
  municipalities(@Root() council: CouncilRecord) {
    return council.municipalities.map((name) => ({ name }));
  }

  @FieldResolver(() => [ClusterInTransition], { nullable: 'items', description: 'The clusters it replaces (its predecessors); null for a cluster whose region cannot be reached.' })
  predecessors(@Root() council: CouncilRecord, @Ctx() { registry }: CouncilsContext) {
    return council.predecessorIds.map((id) => registry.clusterById.get(id)!);
  }

  @FieldResolver(() => [TransitionMilestone])
  milestones(@Root() council: CouncilRecord, @Ctx() { registry }: CouncilsContext) {
    return registry.milestones.filter((m) => m.councilId === null || m.councilId === council.id);
  }

  @FieldResolver(() => Source)
  source(@Root() council: CouncilRecord) {
    return council.sources[0];
  }
}

@Resolver(() => TransitionMilestone)
export class MilestoneFields {
  @FieldResolver(() => HealthCouncil, { nullable: true })
  council(@Root() milestone: MilestoneRecord, @Ctx() { registry }: CouncilsContext) {
    return milestone.councilId ? registry.councilById.get(milestone.councilId) ?? null : null;
  }
}

function clusterFields(region: RegionDefinition) {
  const ClusterType = clusterInTransitionType(region);
  @Resolver(() => ClusterType)
  class ClusterTransitionFields {
    @FieldResolver(() => HealthCouncil, { nullable: true, description: 'The health council (sundhedsråd) the cluster goes into; null where no council is known.' })
    successor(@Root() cluster: ClusterRef, @Ctx() { registry }: CouncilsContext) {
      return cluster.successorId ? registry.councilById.get(cluster.successorId) ?? null : null;
    }
  }
  return ClusterTransitionFields;
}

/** The resolvers, with one cluster type per registered region (read when the schema is built). */
export function councilResolvers() {
  return [CouncilQueries, RegionTransitionFields, HealthCouncilFields, MilestoneFields, ...allRegions().map(clusterFields)] as const;
}

/** Entity references: a cluster the registry does not list resolves to null. */
export function councilReferenceResolvers() {
  const clusterReference = { __resolveReference: (ref: { id: string }, { registry }: CouncilsContext) => registry.clusterById.get(ref.id) ?? null };
  return {
    ...Object.fromEntries(allRegions().map((r) => [r.clusterTypeName, clusterReference])),
    HealthCouncil: { __resolveReference: (ref: { id: string }, { registry }: CouncilsContext) => registry.councilById.get(ref.id) ?? null },
    Region: {
      __resolveReference: (ref: { code: RegionCode }) => {
        if (!isRegionCode(ref.code)) throw new GraphQLError(`Unknown region ${ref.code}`, { extensions: { code: 'BAD_USER_INPUT' } });
        return regionOf(ref.code);
      },
    },
  };
}
