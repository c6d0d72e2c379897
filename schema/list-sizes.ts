/**
 * How many items the cost model assumes a list field answers, for every service's operation
 * limits (platform/operation-limits.ts): a list's items are counted that many times, so a
 * path that goes round a cycle (Body.memberships → Membership.body → Body.memberships …)
 * multiplies at every turn, as the answer would.
 *
 * Plain data, readable by the gateway and the subgraphs alike. Keys are `Type.field` (the
 * one type) or `field` (that field on every type, interfaces and their implementations
 * alike); a list named nowhere counts as `defaultSize`. The sizes are generous upper
 * estimates for one parent, not today's counts (the transcribed documents hold at most
 * 14 members per body, 6 meetings and 19 fund-table rows per cluster): they must keep
 * holding as the regions load years of meetings.
 */
import type { ListSizes } from '../platform/operation-limits';

export const LIST_SIZES: ListSizes = {
  defaultSize: 20,
  fields: {
    // The reform's structure: Denmark has 5 regions, 17 health councils, a few clusters each.
    regions: 5,
    'Query.clusters': 20,
    'Region.clusters': 20,
    healthCouncils: 20,
    predecessors: 5,
    municipalities: 20,
    // Below a cluster: the lists that grow with the years.
    bodies: 10,
    'Body.memberships': 30,
    'Person.memberships': 5,
    people: 50,
    meetings: 50,
    agendaItems: 20,
    attendance: 30,
    participants: 30,
    apologies: 10,
    absentees: 10,
    recommendations: 5,
    initiatives: 50,
    parts: 10,
    grants: 20,
    // A fund table is printed on a page or two: a few columns, a few dozen rows.
    fundTables: 5,
    columns: 6,
    rows: 25,
    cells: 6,
    checks: 25,
    // A page of a connection (search, meetingsConnection, historyConnection): at most MAX_PAGE_SIZE
    // (schema/contract/paging.ts), whatever `first` asks for, since the model does not read arguments.
    edges: 100,
  },
};
