/**
 * Maps database rows to the shapes the GraphQL types resolve from. Relations are kept as
 * ids (`bodyId`, `personId` …) and resolved by field resolvers through the request's
 * DataLoaders, so a list of N meetings never costs N queries.
 *
 * Reads go around MikroORM's entity hydration on purpose: building tracked entities for
 * data that is only read and serialised cost ~6 ms per hundred meetings (measured with
 * the benchmark data), more than the SQL itself. The entities stay the schema's source
 * of truth, for migrations and the loader.
 */
import { RegionCode, sourceOf } from '../../../schema/contract';
import type { FundColumnValue, FundPositionRefs, FundRowValue, RecommendationValue } from '../entities';

/** A row of a sourced table: every one has its document and section columns. */
export type Row = { document: string; section: string | null; [column: string]: any };

export const clusterRecord = (c: Row) => ({
  id: c.id as string,
  name: c.name as string,
  regionCode: c.region_code as RegionCode,
  municipalities: (c.municipalities as string[]).map((name) => ({ name })),
  municipalitiesNote: c.note as string | null,
  source: sourceOf(c),
});
export type ClusterRecord = ReturnType<typeof clusterRecord>;

export const bodyRecord = (b: Row) => ({
  id: b.id as string,
  clusterId: b.cluster_id as string,
  name: b.name as string,
  level: b.level as string,
  description: b.description as string | null,
  source: sourceOf(b),
});
export type BodyRecord = ReturnType<typeof bodyRecord>;

export const personRecord = (p: Row) => ({ id: p.id as string, name: p.name as string, source: sourceOf(p) });
export type PersonRecord = ReturnType<typeof personRecord>;

export const membershipRecord = (m: Row) => ({
  id: m.id as string,
  personId: m.person_id as string,
  bodyId: m.body_id as string,
  role: m.role as string | null,
  organisation: m.organisation as string | null,
  party: m.party as string | null,
  group: m.group_label as string | null,
  source: sourceOf(m),
});
export type MembershipRecord = ReturnType<typeof membershipRecord>;

export const meetingRecord = (m: Row) => ({
  id: m.id as string,
  clusterId: m.cluster_id as string,
  bodyId: m.body_id as string,
  title: m.title as string,
  status: m.status as string,
  date: m.date as string | null,
  startsAt: m.starts_at as Date | string | null,
  dateText: m.date_text as string | null,
  place: m.place as string | null,
  caseNumber: m.case_number as string | null,
  plannedAgenda: m.planned_agenda as string[],
  note: m.note as string | null,
  source: sourceOf(m),
});
export type MeetingRecord = ReturnType<typeof meetingRecord>;

export const attendanceRecord = (a: Row) => ({
  meetingId: a.meeting_id as string,
  personId: a.person_id as string,
  status: a.status as string,
  group: a.group_label as string | null,
  role: a.role as string | null,
  organisation: a.organisation as string | null,
  party: a.party as string | null,
  isChair: a.is_chair as boolean,
  source: sourceOf(a),
});
export type AttendanceRecord = ReturnType<typeof attendanceRecord>;

export const agendaItemRecord = (i: Row) => ({
  id: i.id as string,
  meetingId: i.meeting_id as string,
  number: i.number as number,
  title: i.title as string,
  durationMinutes: i.duration_minutes as number | null,
  summary: i.summary as string | null,
  caseDescription: i.case_description as string | null,
  recommendationIntro: i.recommendation_intro as string | null,
  recommendations: i.recommendations as RecommendationValue[],
  decision: i.decision as string | null,
  attachments: i.attachments as string[],
  absentPersonIds: i.absent_person_ids as string[],
  source: sourceOf(i),
});
export type AgendaItemRecord = ReturnType<typeof agendaItemRecord>;

export const initiativeRecord = (i: Row) => ({
  id: i.id as string,
  clusterId: i.cluster_id as string,
  parentId: i.parent_id as string | null,
  number: i.number as string | null,
  kind: i.kind as string,
  title: i.title as string,
  purpose: i.purpose as string | null,
  maturity: i.maturity as string | null,
  costs: i.costs,
  status: i.status as string | null,
  decisions: i.decisions,
  targets: i.targets,
  attachments: i.attachments as string[],
  successorRecommendation: i.successor_recommendation,
  note: i.note as string | null,
  source: sourceOf(i),
});
export type InitiativeRecord = ReturnType<typeof initiativeRecord>;

export const fundTableRecord = (t: Row) => ({
  id: t.id as string,
  clusterId: t.cluster_id as string,
  title: t.title as string,
  reportedOn: t.reported_on as string,
  meetingId: t.meeting_id as string | null,
  columns: t.columns as FundColumnValue[],
  rawRows: t.rows as FundRowValue[],
  positionRefs: t.position as FundPositionRefs | null,
  note: t.note as string | null,
  source: sourceOf(t),
});
export type FundTableRecord = ReturnType<typeof fundTableRecord>;

export const grantRecord = (g: Row) => ({
  id: g.id as string,
  clusterId: g.cluster_id as string | null,
  grantor: g.grantor as string | null,
  recipient: g.recipient as string | null,
  // bigint arrives as a string from node-postgres; whole kroner fit a JS number exactly.
  amount: g.amount === null ? null : Number(g.amount),
  purpose: g.purpose as string,
  date: g.date as string | null,
  meetingId: g.meeting_id as string | null,
  initiativeId: g.initiative_id as string | null,
  toCouncilId: g.to_council_id as string | null,
  source: sourceOf(g),
});
export type GrantRecord = ReturnType<typeof grantRecord>;

export const agreementRecord = (a: Row) => ({
  id: a.id as string,
  title: a.title as string,
  period: a.period as string,
  vision: a.vision as string,
  principles: a.principles,
  goalAreas: a.goal_areas,
  organisation: a.organisation,
  followUp: a.follow_up,
  facts: (a.facts as Array<{ text: string; date: string | null; section: string }>).map((f) => ({
    text: f.text,
    date: f.date,
    source: { document: a.document as string, section: f.section },
  })),
  source: sourceOf(a),
});
