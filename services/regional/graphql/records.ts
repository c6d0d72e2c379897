/**
 * The shapes the GraphQL types resolve from: the model's plain rows (services/regional/model,
 * keyed by property name, a reference as the referenced id) plus the computed `source`.
 * Relations stay ids and are resolved by field resolvers through the request's
 * DataLoaders, so a list of N meetings never costs N queries.
 */
import { sourceOf, type Source } from '../../../schema/contract';
import type {
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
  Plain,
} from '../model';

/** A stored row with the document and section it was read from as its `source`. */
export type Sourced<T extends { document: string; section: string | null }> = T & { source: Source };

/** Adds `source` to a row read from the database, in place (rows are fresh per statement). */
export function withSource<T extends { document: string; section: string | null }>(row: T): Sourced<T> {
  return Object.assign(row, { source: sourceOf(row) });
}

export type ClusterRecord = Sourced<Plain<ClusterEntity>>;
export type BodyRecord = Sourced<Plain<BodyEntity>>;
export type PersonRecord = Sourced<Plain<PersonEntity>>;
export type MembershipRecord = Sourced<Plain<MembershipEntity>>;
export type MeetingRecord = Sourced<Plain<MeetingEntity>>;
export type AttendanceRecord = Sourced<Plain<AttendanceEntity>>;
/** An agenda item with the ids of its absentees, read in the same statement. */
export type AgendaItemRecord = Sourced<Plain<AgendaItemEntity>> & { absentees: string[] };
export type InitiativeRecord = Sourced<Plain<InitiativeEntity>>;
export type FundTableRecord = Sourced<Plain<FundTableEntity>>;
export type GrantRecord = Sourced<Plain<GrantEntity>>;

/** A health agreement: its facts carry their own section, and another document when one reports them, which the API gives as a Source. */
export function agreementRecord(a: Plain<HealthAgreementEntity>) {
  return {
    ...withSource(a),
    // Facts stored before they named a document are the agreement's own (endDate and note likewise absent).
    facts: a.facts.map((f) => ({ text: f.text, date: f.date, endDate: f.endDate ?? null, note: f.note ?? null, source: { document: f.document ?? a.document, section: f.section } })),
  };
}
