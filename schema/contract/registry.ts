/**
 * The one registry of regions and subgraphs (plain data: the gateway and the tools read it
 * without loading any GraphQL type). Composition, the gateway's default subgraph
 * URLs, the hub starter, every script, the councils subgraph's per-region types and the
 * tests all loop over it; nothing else lists the regions.
 *
 * Adding a region takes three things: its data folder (`services/<slug>/data/`), one entry
 * in REGION_ENTRIES below, and its reform data (its clusters and councils in
 * `services/councils/data/`). The subgraph, its cluster type (`<Region>Cluster`), its root
 * fields (`<slug>Clusters` …), its `start:` command and its place in the supergraph follow
 * from the entry.
 */

export interface RegionEntry {
  /** The GraphQL enum value (RegionCode), e.g. "NORDJYLLAND". Upper-case ASCII. */
  code: string;
  /** The official name, e.g. "Region Nordjylland". */
  name: string;
  /** The English name, for descriptions, e.g. "North Denmark Region". */
  englishName: string;
  /** Which clusters the region has, for the cluster type's description, e.g. "Nord, Midt, Syd or Vest". */
  clustersInBrief: string;
  /** The port the region's subgraph listens on by default. */
  defaultPort: number;
  /** A real cluster id of the region, used in descriptions and error messages. */
  exampleClusterId: string;
  /** A real meeting id of the region, likewise. */
  exampleMeetingId: string;
  /** The region's data folder relative to the repository root; default `services/<slug>/data`. */
  dataDirectory?: string;
}

/** A region as the code sees it: the entry and what follows from it. */
export interface RegionDefinition extends Required<RegionEntry> {
  /** Lower-case code: the subgraph's name, the prefix of every id it owns, of its env variables and root fields. */
  slug: string;
  /** The GraphQL type of the region's clusters, e.g. "NordjyllandCluster". */
  clusterTypeName: string;
}

const REGION_ENTRIES: RegionEntry[] = [
  {
    code: 'NORDJYLLAND',
    name: 'Region Nordjylland',
    englishName: 'North Denmark Region',
    clustersInBrief: 'Nord, Midt, Syd or Vest',
    defaultPort: 4001,
    exampleClusterId: 'nordjylland-midt',
    exampleMeetingId: 'nordjylland-midt-direktoerforum-2024-02-08',
  },
  {
    code: 'SYDDANMARK',
    name: 'Region Syddanmark',
    englishName: 'Region of Southern Denmark',
    clustersInBrief: 'Fyn, Lillebælt, Sydvestjylland or Sønderjylland',
    defaultPort: 4002,
    exampleClusterId: 'syddanmark-sydvestjylland',
    exampleMeetingId: 'syddanmark-sydvestjylland-politisk-2023-12-05',
  },
];

/** The subgraphs that are not a region's. */
export const COUNCILS_SUBGRAPH = { name: 'councils', defaultPort: 4003 } as const;
/** The gateway's default port: listed here so the registry's validation can keep every default port distinct. */
export const GATEWAY_DEFAULT_PORT = 4000;

export class RegistryError extends Error {
  constructor(problems: string[]) {
    super(`invalid region registry:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RegistryError';
  }
}

const CODE = /^[A-Z][A-Z0-9_]*$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineRegion(entry: RegionEntry): RegionDefinition {
  const slug = entry.code.toLowerCase();
  return {
    ...entry,
    slug,
    clusterTypeName: `${slug.charAt(0).toUpperCase()}${slug.slice(1)}Cluster`,
    dataDirectory: entry.dataDirectory ?? `services/${slug}/data`,
  };
}

/**
 * Every invariant the code relies on: codes are enum-safe and unique, the subgraph name is
 * the lower-cased code (ids, env variables and root fields are prefixed with it), example
 * ids belong to their region, and no two services share a default port.
 */
export function validateRegions(regions: readonly RegionDefinition[]): string[] {
  const problems: string[] = [];
  const ports = new Map<number, string>([
    [GATEWAY_DEFAULT_PORT, 'gateway'],
    [COUNCILS_SUBGRAPH.defaultPort, COUNCILS_SUBGRAPH.name],
  ]);
  const slugs = new Set<string>();
  for (const r of regions) {
    if (!CODE.test(r.code)) problems.push(`region code "${r.code}" must be upper-case ASCII (a GraphQL enum value)`);
    if (r.slug !== r.code.toLowerCase()) problems.push(`region ${r.code}: subgraph name "${r.slug}" must be the lower-cased code`);
    if (slugs.has(r.slug)) problems.push(`region ${r.code} is registered twice`);
    slugs.add(r.slug);
    if (r.slug === COUNCILS_SUBGRAPH.name) problems.push(`region ${r.code} would take the councils subgraph's name`);
    for (const [what, id] of [['exampleClusterId', r.exampleClusterId], ['exampleMeetingId', r.exampleMeetingId]] as const) {
      if (!ID.test(id) || !id.startsWith(`${r.slug}-`)) problems.push(`region ${r.code}: ${what} "${id}" must be an id starting with "${r.slug}-"`);
    }
    const taken = ports.get(r.defaultPort);
    if (taken) problems.push(`region ${r.code}: default port ${r.defaultPort} is also ${taken}'s`);
    if (!Number.isInteger(r.defaultPort) || r.defaultPort < 1 || r.defaultPort > 65535) problems.push(`region ${r.code}: default port ${r.defaultPort} is no port`);
    ports.set(r.defaultPort, r.slug);
  }
  return problems;
}

const regions: RegionDefinition[] = [];

/**
 * The region codes: the values of the GraphQL enum RegionCode (registered in regions.ts).
 * Filled from the registry, so a registered region is a value before any schema is built.
 */
export type RegionCode = string;
export const RegionCode: Record<string, RegionCode> = {};
export const regionCodeDescriptions: Record<string, { description: string }> = {};

/**
 * Adds a region to the registry. The built-in regions are added when this module loads; a
 * deployment or test that brings a region of its own calls this before any schema is built
 * (schemas read the registry when they are built, not when their modules load).
 */
export function registerRegion(entry: RegionEntry): RegionDefinition {
  const region = defineRegion(entry);
  const problems = validateRegions([...regions, region]);
  if (problems.length > 0) throw new RegistryError(problems);
  regions.push(region);
  RegionCode[region.code] = region.code;
  regionCodeDescriptions[region.code] = { description: `${region.name} (${region.englishName}).` };
  return region;
}

for (const entry of REGION_ENTRIES) registerRegion(entry);

/** Every registered region, in registry order. */
export function allRegions(): readonly RegionDefinition[] {
  return regions;
}

/** A region by code or by slug; throws for one the registry does not hold. */
export function regionDefinition(codeOrSlug: string): RegionDefinition {
  const found = regions.find((r) => r.code === codeOrSlug || r.slug === codeOrSlug);
  if (!found) throw new RegistryError([`no region "${codeOrSlug}" (known: ${regions.map((r) => r.slug).join(', ')})`]);
  return found;
}

export function isRegionCode(code: unknown): code is RegionCode {
  return typeof code === 'string' && regions.some((r) => r.code === code);
}

/** The region whose subgraph owns an id, from its prefix; null for an id of no region. */
export function regionOfId(id: string): RegionCode | null {
  return regions.find((r) => id.startsWith(`${r.slug}-`))?.code ?? null;
}

/** Every subgraph the gateway composes: the regions' in registry order, then the councils'. */
export function allSubgraphs(): Array<{ name: string; defaultPort: number; region: RegionDefinition | null }> {
  return [
    ...regions.map((r) => ({ name: r.slug, defaultPort: r.defaultPort, region: r })),
    { name: COUNCILS_SUBGRAPH.name, defaultPort: COUNCILS_SUBGRAPH.defaultPort, region: null },
  ];
}

export function defaultSubgraphUrl(defaultPort: number): string {
  return `http://127.0.0.1:${defaultPort}/graphql`;
}

