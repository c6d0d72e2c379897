/**
 * Scores an imported draft data set against a hand-made one: per kind of fact
 * (minutes-facts.ts), how many the reference holds (expected), how many the draft holds
 * (found), how many of those agree exactly (matched), precision = matched / found and
 * recall = matched / expected. A ratio whose denominator is 0 is 1: a draft that claims no
 * fact of a kind claims nothing wrong, and a reference with none of a kind misses nothing.
 *
 * The draft's meeting is its first HELD meeting (its first meeting when none is marked held);
 * the reference's is its HELD meeting of the same date: a reference data set of a document
 * may hold several meetings (planned ones, earlier ones the minutes mention). When there is
 * none, `meetingId` is null and every fact of the draft counts as unmatched.
 */
import { MeetingStatus } from '../../../schema/contract';
import type { DataFile, MeetingData } from '../data/format';
import { FACT_KINDS, meetingFacts, noFacts, type FactKind, type MeetingFacts } from './minutes-facts';

export interface FactScore {
  kind: string;
  expected: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
}

export interface MinutesScore {
  /** The reference meeting scored against, or null when the reference holds no held meeting of the draft's date. */
  meetingId: string | null;
  scores: FactScore[];
}

/** Scores the draft's (first held) meeting against the reference data set's meeting of the same date. */
export function scoreMinutes(draft: DataFile, reference: DataFile): MinutesScore {
  const { meetingId, expected, found } = meetingsFacts(draft, reference);
  return { meetingId, scores: FACT_KINDS.map((kind) => scoreKind(kind, expected, found)) };
}

/** Per kind, the reference's facts the draft lacks and the draft's facts the reference lacks, each a JSON tuple. */
export function unmatchedFacts(draft: DataFile, reference: DataFile): Array<{ kind: FactKind; missing: string[]; extra: string[] }> {
  const { expected, found } = meetingsFacts(draft, reference);
  return FACT_KINDS.map((kind) => ({
    kind,
    missing: [...expected[kind]].filter((fact) => !found[kind].has(fact)),
    extra: [...found[kind]].filter((fact) => !expected[kind].has(fact)),
  }));
}

function meetingsFacts(draft: DataFile, reference: DataFile): { meetingId: string | null; expected: MeetingFacts; found: MeetingFacts } {
  const draftMeeting = draftMeetingOf(draft);
  const referenceMeeting = draftMeeting === null ? null : referenceMeetingOf(reference, draftMeeting);
  return {
    meetingId: referenceMeeting?.id ?? null,
    found: draftMeeting === null ? noFacts() : meetingFacts(draft, draftMeeting),
    expected: referenceMeeting === null ? noFacts() : meetingFacts(reference, referenceMeeting),
  };
}

/** The draft's meeting: its first held one, else its first; null when it holds none. */
export function draftMeetingOf(draft: DataFile): MeetingData | null {
  return draft.meetings.find((m) => m.status === MeetingStatus.HELD) ?? draft.meetings[0] ?? null;
}

/** The reference's held meeting on the draft meeting's date; none when the draft gives no date. */
export function referenceMeetingOf(reference: DataFile, draftMeeting: MeetingData): MeetingData | null {
  if (draftMeeting.date === null) return null;
  return reference.meetings.find((m) => m.status === MeetingStatus.HELD && m.date === draftMeeting.date) ?? null;
}

function scoreKind(kind: string & keyof MeetingFacts, expected: MeetingFacts, found: MeetingFacts): FactScore {
  const want = expected[kind];
  const got = found[kind];
  const matched = [...got].filter((fact) => want.has(fact)).length;
  return {
    kind,
    expected: want.size,
    found: got.size,
    matched,
    precision: got.size === 0 ? 1 : matched / got.size,
    recall: want.size === 0 ? 1 : matched / want.size,
  };
}
