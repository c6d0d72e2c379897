/**
 * Maps database rows to the shapes the GraphQL types resolve from. Relations are kept as
 * ids (`bodyId`, `personId` …) and resolved by field resolvers through the request's
 * DataLoaders, so a list of N meetings never costs N queries.
 */
import {
  AgendaItemEntity,
  AttendanceEntity,
  BodyEntity,
  ClusterEntity,
  FundTableEntity,
  GrantEntity,
  HealthAgreementEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  PersonEntity,
} from '../entities';
import { RegionCode, sourceOf } from '../../../schema/contract';

export const clusterRecord = (c: ClusterEntity) => ({
  id: c.id,
  name: c.name,
  regionCode: c.regionCode as RegionCode,
  municipalities: c.municipalities.map((name) => ({ name })),
  municipalitiesNote: c.note,
  source: sourceOf(c),
});
export type ClusterRecord = ReturnType<typeof clusterRecord>;

export const bodyRecord = (b: BodyEntity) => ({
  id: b.id,
  clusterId: b.cluster.id,
  name: b.name,
  level: b.level,
  description: b.description,
  source: sourceOf(b),
});
export type BodyRecord = ReturnType<typeof bodyRecord>;

export const personRecord = (p: PersonEntity) => ({ id: p.id, name: p.name, source: sourceOf(p) });
export type PersonRecord = ReturnType<typeof personRecord>;

export const membershipRecord = (m: MembershipEntity) => ({
  id: m.id,
  personId: m.person.id,
  bodyId: m.body.id,
  role: m.role,
  organisation: m.organisation,
  party: m.party,
  group: m.group,
  source: sourceOf(m),
});
export type MembershipRecord = ReturnType<typeof membershipRecord>;

export const meetingRecord = (m: MeetingEntity) => ({
  id: m.id,
  clusterId: m.cluster.id,
  bodyId: m.body.id,
  title: m.title,
  status: m.status,
  date: m.date,
  startsAt: m.startsAt,
  dateText: m.dateText,
  place: m.place,
  caseNumber: m.caseNumber,
  plannedAgenda: m.plannedAgenda,
  note: m.note,
  source: sourceOf(m),
});
export type MeetingRecord = ReturnType<typeof meetingRecord>;

export const attendanceRecord = (a: AttendanceEntity) => ({
  meetingId: a.meeting.id,
  personId: a.person.id,
  status: a.status,
  group: a.group,
  role: a.role,
  organisation: a.organisation,
  party: a.party,
  isChair: a.isChair,
  source: sourceOf(a),
});
export type AttendanceRecord = ReturnType<typeof attendanceRecord>;

export const agendaItemRecord = (i: AgendaItemEntity) => ({
  id: i.id,
  meetingId: i.meeting.id,
  number: i.number,
  title: i.title,
  durationMinutes: i.durationMinutes,
  summary: i.summary,
  caseDescription: i.caseDescription,
  recommendationIntro: i.recommendationIntro,
  recommendations: i.recommendations,
  decision: i.decision,
  attachments: i.attachments,
  absentPersonIds: i.absentPersonIds,
  source: sourceOf(i),
});
export type AgendaItemRecord = ReturnType<typeof agendaItemRecord>;

export const initiativeRecord = (i: InitiativeEntity) => ({
  id: i.id,
  clusterId: i.cluster.id,
  parentId: i.parent?.id ?? null,
  number: i.number,
  kind: i.kind,
  title: i.title,
  purpose: i.purpose,
  maturity: i.maturity,
  costs: i.costs,
  status: i.status,
  decisions: i.decisions,
  targets: i.targets,
  attachments: i.attachments,
  successorRecommendation: i.successorRecommendation,
  note: i.note,
  source: sourceOf(i),
});
export type InitiativeRecord = ReturnType<typeof initiativeRecord>;

export const fundTableRecord = (t: FundTableEntity) => ({
  id: t.id,
  clusterId: t.cluster.id,
  title: t.title,
  reportedOn: t.reportedOn,
  meetingId: t.meetingId,
  columns: t.columns,
  rawRows: t.rows,
  positionRefs: t.position,
  note: t.note,
  source: sourceOf(t),
});
export type FundTableRecord = ReturnType<typeof fundTableRecord>;

export const grantRecord = (g: GrantEntity) => ({
  id: g.id,
  clusterId: g.cluster?.id ?? null,
  grantor: g.grantor,
  recipient: g.recipient,
  amount: g.amount,
  purpose: g.purpose,
  date: g.date,
  meetingId: g.meetingId,
  initiativeId: g.initiativeId,
  toCouncilId: g.toCouncilId,
  source: sourceOf(g),
});
export type GrantRecord = ReturnType<typeof grantRecord>;

export const agreementRecord = (a: HealthAgreementEntity) => ({
  id: a.id,
  title: a.title,
  period: a.period,
  vision: a.vision,
  principles: a.principles,
  goalAreas: a.goalAreas,
  organisation: a.organisation,
  followUp: a.followUp,
  facts: a.facts.map((f) => ({ text: f.text, date: f.date, source: { document: a.document, section: f.section } })),
  source: sourceOf(a),
});
