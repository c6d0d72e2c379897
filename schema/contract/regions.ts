/** The region as a GraphQL type, and the RegionCode enum whose values the registry holds. */
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { RegionCode, regionCodeDescriptions, regionDefinition } from './registry';

registerEnumType(RegionCode, {
  name: 'RegionCode',
  description: 'A Danish region (region) taking part in the hub.',
  // The same object the registry fills: read when a schema is built, so every registered region is a value.
  valuesConfig: regionCodeDescriptions,
});

@ObjectType({ description: 'A Danish region (region) whose health clusters the hub covers.' })
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => RegionCode, { description: 'The region code, e.g. NORDJYLLAND.' })
  code!: RegionCode;

  @Field({ description: 'The official name, e.g. "Region Nordjylland".' })
  @Directive('@shareable')
  name!: string;
}

export function regionOf(code: RegionCode): Region {
  return { code, name: regionDefinition(code).name };
}
