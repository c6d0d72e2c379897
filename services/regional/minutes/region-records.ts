/**
 * What the region's data files already hold that an import must agree with: the cluster (its
 * name, to tell the body's name from the cluster's) and the cluster's bodies (so a body the
 * region already has keeps its id). Read from the files as they are, without the loader's
 * checks: the import is checked as a whole afterwards (import-minutes.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allRegions } from '../../../schema/contract';
import { regionalSubgraph } from '../definition';

export interface KnownCluster {
  id: string;
  name: string;
}

export interface KnownBody {
  id: string;
  clusterId: string;
  name: string;
  level: string;
}

export interface RegionRecords {
  /** The region's slug, the prefix of its ids ("nordjylland"). */
  region: string;
  cluster: KnownCluster | null;
  clusters: KnownCluster[];
  bodies: KnownBody[];
}

/** The region a cluster id belongs to, by its prefix ("nordjylland-syd" → "nordjylland"); null when none. */
export function regionOfCluster(clusterId: string): string | null {
  return allRegions().find((r) => clusterId.startsWith(`${r.slug}-`))?.slug ?? null;
}

export function regionRecords(clusterId: string): RegionRecords | null {
  const region = regionOfCluster(clusterId);
  if (region === null) return null;
  const directory = regionalSubgraph(region).dataDirectory;
  const clusters: KnownCluster[] = [];
  const bodies: KnownBody[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(directory).filter((f) => f.endsWith('.json'));
  } catch {
    files = [];
  }
  for (const file of files) {
    let data: { clusters?: KnownCluster[]; bodies?: KnownBody[] };
    try {
      data = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    } catch {
      continue; // an unreadable file is the loader's to report, not the importer's
    }
    for (const c of data.clusters ?? []) clusters.push({ id: c.id, name: c.name });
    for (const b of data.bodies ?? []) bodies.push({ id: b.id, clusterId: b.clusterId, name: b.name, level: b.level });
  }
  return { region, cluster: clusters.find((c) => c.id === clusterId) ?? null, clusters, bodies: bodies.filter((b) => b.clusterId === clusterId) };
}
