/** The region registry's invariants, which ids, env variables, root fields and ports rely on. */
import {
  COUNCILS_SUBGRAPH,
  GATEWAY_DEFAULT_PORT,
  allRegions,
  defineRegion,
  regionDefinition,
  regionOfId,
  validateRegions,
  type RegionEntry,
} from '../../schema/contract/registry';

const entry = (overrides: Partial<RegionEntry> = {}): RegionEntry => ({
  code: 'HOVEDSTADEN',
  name: 'Region Hovedstaden',
  englishName: 'Capital Region of Denmark',
  clustersInBrief: 'test',
  defaultPort: 4005,
  exampleClusterId: 'hovedstaden-nord',
  exampleMeetingId: 'hovedstaden-nord-2025-01-01',
  ...overrides,
});

describe('region registry', () => {
  it('holds the two regions with what follows from their entries', () => {
    expect(allRegions().map((r) => [r.code, r.slug, r.clusterTypeName, r.defaultPort, r.dataDirectory])).toEqual([
      ['NORDJYLLAND', 'nordjylland', 'NordjyllandCluster', 4001, 'services/nordjylland/data'],
      ['SYDDANMARK', 'syddanmark', 'SyddanmarkCluster', 4002, 'services/syddanmark/data'],
    ]);
    expect(validateRegions(allRegions())).toEqual([]);
  });

  it('finds regions by code, slug and id prefix, and refuses unknown ones', () => {
    expect(regionDefinition('SYDDANMARK').slug).toBe('syddanmark');
    expect(regionDefinition('nordjylland').code).toBe('NORDJYLLAND');
    expect(regionOfId('syddanmark-fyn')).toBe('SYDDANMARK');
    expect(regionOfId('hovedstaden-nord')).toBeNull();
    expect(() => regionDefinition('hovedstaden')).toThrow(/no region "hovedstaden" \(known: nordjylland, syddanmark\)/);
  });

  it('accepts a well-formed new region', () => {
    expect(validateRegions([...allRegions(), defineRegion(entry())])).toEqual([]);
  });

  it.each([
    ['a code that is no enum value', entry({ code: 'hoved-staden' }), /must be upper-case ASCII/],
    ['a region twice', defineRegion(allRegions()[0]), /registered twice/],
    ['the gateway’s port', entry({ defaultPort: GATEWAY_DEFAULT_PORT }), /default port 4000 is also gateway's/],
    ['the councils’ port', entry({ defaultPort: COUNCILS_SUBGRAPH.defaultPort }), /default port 4003 is also councils's/],
    ['another region’s port', entry({ defaultPort: 4001 }), /default port 4001 is also nordjylland's/],
    ['an example id of another region', entry({ exampleClusterId: 'nordjylland-midt' }), /exampleClusterId "nordjylland-midt" must be an id starting with "hovedstaden-"/],
    ['a malformed example id', entry({ exampleMeetingId: 'hovedstaden-Nord' }), /exampleMeetingId/],
    ['the councils subgraph’s name', entry({ code: 'COUNCILS', exampleClusterId: 'councils-a', exampleMeetingId: 'councils-b' }), /councils subgraph's name/],
  ])('refuses %s', (_what, candidate: RegionEntry, problem) => {
    const region = defineRegion(candidate);
    expect(validateRegions([...allRegions(), region]).join('\n')).toMatch(problem);
  });

  it('refuses a subgraph name that is not the lower-cased code', () => {
    const region = { ...defineRegion(entry()), slug: 'hoved' };
    expect(validateRegions([region])).toContain('region HOVEDSTADEN: subgraph name "hoved" must be the lower-cased code');
  });
});
