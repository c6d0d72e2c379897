/**
 * The reform's structure: regions, their clusters, the health councils (sundhedsråd) and
 * which cluster goes into which council, with the dates of the transition. A small,
 * hand-kept, sourced data file, validated when the service starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { allRegions, isRegionCode, regionOfId, type RegionCode } from '../../schema/contract';

const Source = z.object({ document: z.string().min(1), section: z.string().nullable() });
const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const Code = z.string().refine(isRegionCode, { message: 'not a region of the registry (schema/contract/regions.ts)' });

const Registry = z.object({
  regions: z.array(z.object({ code: Code, clusterIds: z.array(Id) })),
  councils: z.array(
    z.object({
      id: Id,
      name: z.string().min(1),
      region: Code,
      municipalities: z.array(z.string().min(1)),
      unresolvedMunicipalities: z.array(z.object({ name: z.string().min(1), note: z.string().min(1) })),
      predecessorIds: z.array(Id),
      predecessorBasis: z.enum(['SOURCED', 'INFERRED']),
      notes: z.array(z.string().min(1)),
      sources: z.array(Source).min(1),
    }),
  ),
  milestones: z.array(
    z.object({
      id: Id,
      kind: z.enum(['CLUSTER_STRUCTURE_ENDS', 'HANDOVER', 'PREPARATORY_PERIOD', 'FULL_OPERATION', 'LEGISLATION']),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
      year: z.number().int().nullable(),
      description: z.string().min(1),
      councilId: Id.nullable().default(null),
      source: Source,
    }),
  ),
});
export type Registry = z.infer<typeof Registry>;
export type CouncilRecord = Registry['councils'][number];
export type MilestoneRecord = Registry['milestones'][number];

export interface ClusterRef {
  id: string;
  regionCode: RegionCode;
  successorId: string | null;
  successorBasis: 'SOURCED' | 'INFERRED' | null;
}

export interface CouncilRegistry extends Registry {
  clusters: ClusterRef[];
  clusterById: Map<string, ClusterRef>;
  councilById: Map<string, CouncilRecord>;
}

const REFORM_DIRECTORY = join(__dirname, 'data');

/** The reform data files: `services/councils/data/*.json`, one or more (a new region may bring its own). */
export function reformFiles(directory = REFORM_DIRECTORY): string[] {
  return readdirSync(directory)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(directory, f));
}

/** Reads and merges the reform data files, and checks them against each other and the region registry. */
export function readRegistry(files: string[] = reformFiles()): CouncilRegistry {
  const parts = files.map((file) => Registry.parse(JSON.parse(readFileSync(file, 'utf8'))));
  const registry: Registry = {
    regions: parts.flatMap((p) => p.regions),
    councils: parts.flatMap((p) => p.councils),
    milestones: parts.flatMap((p) => p.milestones),
  };
  const file = files.join(', ');
  const problems: string[] = [];
  for (const region of allRegions()) {
    if (!registry.regions.some((r) => r.code === region.code)) problems.push(`region ${region.code} of the registry has no reform data (its clusters)`);
  }
  const successors = new Map<string, CouncilRecord>();
  for (const council of registry.councils) {
    for (const id of council.predecessorIds) {
      if (successors.has(id)) problems.push(`cluster ${id} has two successors (${successors.get(id)!.id}, ${council.id})`);
      successors.set(id, council);
    }
  }
  const clusters: ClusterRef[] = registry.regions.flatMap((region) =>
    region.clusterIds.map((id) => {
      if (regionOfId(id) !== region.code) problems.push(`cluster ${id} is listed under ${region.code}`);
      const successor = successors.get(id) ?? null;
      return { id, regionCode: region.code, successorId: successor?.id ?? null, successorBasis: successor?.predecessorBasis ?? null };
    }),
  );
  for (const id of successors.keys()) if (!clusters.some((c) => c.id === id)) problems.push(`council predecessor ${id} is no listed cluster`);
  if (problems.length > 0) throw new Error(`invalid council registry ${file}:\n  - ${problems.join('\n  - ')}`);
  return {
    ...registry,
    clusters,
    clusterById: new Map(clusters.map((c) => [c.id, c])),
    councilById: new Map(registry.councils.map((c) => [c.id, c])),
  };
}
