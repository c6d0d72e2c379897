/**
 * Attendance counted apart by capacity: a voting member, an observer, a member whose voting
 * right no document states, or a participant without a seat in the meeting's body
 * (administrative participants, the secretariat). Counting observers as absent members would
 * mislead; so would counting the administration as members.
 */
import type { AttendanceCount, AttendanceSummary } from '../../../schema/contract';

export interface CountedAttendance {
  status: 'PARTICIPANT' | 'SENT_APOLOGIES' | 'ABSENT';
  /** The voting right of the person's seat in the meeting's body; undefined when the person has no seat there. */
  votingRight: boolean | null | undefined;
}

const zero = (): AttendanceCount => ({ present: 0, apologies: 0, absent: 0 });

/** The summary of a list of attendances, each with the voting right of the attendee's seat. */
export function summariseAttendance(entries: readonly CountedAttendance[]): AttendanceSummary {
  const summary: AttendanceSummary = { votingMembers: zero(), observers: zero(), membersVotingRightNotStated: zero(), administrative: zero() };
  for (const { status, votingRight } of entries) {
    const count =
      votingRight === undefined ? summary.administrative : votingRight === null ? summary.membersVotingRightNotStated : votingRight ? summary.votingMembers : summary.observers;
    if (status === 'PARTICIPANT') count.present++;
    else if (status === 'SENT_APOLOGIES') count.apologies++;
    else count.absent++;
  }
  return summary;
}

/** The voting right of `person`'s seat in `body` among `memberships`; undefined when none. */
export function seatVotingRight(memberships: readonly { person: string; body: string; votingRight: boolean | null }[], person: string, body: string) {
  const seat = memberships.find((m) => m.person === person && m.body === body);
  return seat ? seat.votingRight : undefined;
}
