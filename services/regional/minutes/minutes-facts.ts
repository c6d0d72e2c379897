/**
 * The facts of one meeting's minutes, as sets of normalised tuples, for scoring an import
 * against a hand-made data set (score.ts). A fact is what a reader checks in the minutes:
 * an item's number and title, a decision's text, a proposal, who took part in which role,
 * who was away, and the meeting's date, time and place. Tuples are compared exactly after
 * collapsing whitespace, so a rejoined line break or a trailing space is no difference but a
 * changed word, letter case or punctuation mark is.
 */
import { AttendanceStatus } from '../../../schema/contract';
import type { DataFile, MeetingData } from '../data/format';

export const FACT_KINDS = [
  'agenda item number+title',
  'decision text',
  'recommendation proposal',
  'participant with role',
  'apology/absence',
  'meeting date',
  'meeting time',
  'meeting place',
] as const;

export type FactKind = (typeof FACT_KINDS)[number];

/** Each kind's facts, every fact a tuple serialised to one string key. */
export type MeetingFacts = Record<FactKind, Set<string>>;

/** Whitespace (line breaks included) collapsed to one space and trimmed; nothing else changed. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const tuple = (...parts: Array<string | number | null>): string =>
  JSON.stringify(parts.map((part) => (typeof part === 'string' ? normaliseText(part) : part)));

/**
 * The facts of `meeting`, a meeting of `dataSet`. People are named as the data set's person
 * record writes them; a person id with no record in the data set keeps its id in angle
 * brackets, so it can never match a name by accident.
 */
export function meetingFacts(dataSet: DataFile, meeting: MeetingData): MeetingFacts {
  const names = new Map(dataSet.people.map((person) => [person.id, person.name]));
  const nameOf = (personId: string) => names.get(personId) ?? `<${personId}>`;
  const facts = Object.fromEntries(FACT_KINDS.map((kind) => [kind, new Set<string>()])) as MeetingFacts;

  for (const item of meeting.agendaItems) {
    facts['agenda item number+title'].add(tuple(item.number, item.title));
    if (item.decision !== null) facts['decision text'].add(tuple(item.number, item.decision));
    for (const proposal of item.recommendations) facts['recommendation proposal'].add(tuple(item.number, proposal.number, proposal.text));
    // Absentees per item are their own tuples (item, name), beside the meeting's apologies (name, status).
    for (const personId of item.absentPersonIds) facts['apology/absence'].add(tuple(item.number, nameOf(personId)));
  }
  for (const attendance of meeting.attendance) {
    facts['participant with role'].add(tuple(nameOf(attendance.personId), attendance.role));
    if (attendance.status === AttendanceStatus.SENT_APOLOGIES || attendance.status === AttendanceStatus.ABSENT) {
      facts['apology/absence'].add(tuple(nameOf(attendance.personId), attendance.status));
    }
  }
  if (meeting.date !== null) facts['meeting date'].add(tuple(meeting.date));
  if (meeting.startsAt !== null) facts['meeting time'].add(tuple(meeting.startsAt));
  if (meeting.place !== null) facts['meeting place'].add(tuple(meeting.place));
  return facts;
}

/** A meeting with no facts: what an import is scored against when the reference holds no such meeting. */
export function noFacts(): MeetingFacts {
  return Object.fromEntries(FACT_KINDS.map((kind) => [kind, new Set<string>()])) as MeetingFacts;
}
