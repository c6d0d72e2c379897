import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

export enum RegionCode {
  NORDJYLLAND = 'NORDJYLLAND',
  SYDDANMARK = 'SYDDANMARK',
}

registerEnumType(RegionCode, {
  name: 'RegionCode',
  description: 'A Danish region (region) taking part in the hub.',
  valuesConfig: {
    NORDJYLLAND: { description: 'Region Nordjylland (North Denmark Region).' },
    SYDDANMARK: { description: 'Region Syddanmark (Region of Southern Denmark).' },
  },
});

/** The regions' official names. Part of the contract so every subgraph resolves any region alike. */
export const REGION_NAMES: Record<RegionCode, string> = {
  [RegionCode.NORDJYLLAND]: 'Region Nordjylland',
  [RegionCode.SYDDANMARK]: 'Region Syddanmark',
};

/** The GraphQL type of a region's clusters, e.g. NordjyllandCluster: one concrete entity type per region. */
export function clusterTypeName(code: RegionCode): string {
  return `${code.charAt(0)}${code.slice(1).toLowerCase()}Cluster`;
}

/** The region whose subgraph owns an id, from its prefix; null for an id of no region. */
export function regionOfId(id: string): RegionCode | null {
  return Object.values(RegionCode).find((code) => id.startsWith(`${regionSlug(code)}-`)) ?? null;
}

/** The id prefix of everything a region's subgraph owns, e.g. "nordjylland-midt". */
export function regionSlug(code: RegionCode): string {
  return code.toLowerCase();
}

@ObjectType({ description: 'A Danish region (region), one of the two whose health clusters the hub covers.' })
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => RegionCode, { description: 'The region code, e.g. NORDJYLLAND.' })
  code!: RegionCode;

  @Field({ description: 'The official name, e.g. "Region Nordjylland".' })
  @Directive('@shareable')
  name!: string;
}

export function regionOf(code: RegionCode): Region {
  return { code, name: REGION_NAMES[code] };
}
