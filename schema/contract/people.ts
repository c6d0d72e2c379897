/**
 * Bodies, people and their seats, modelled on Popolo / OParl (Organization, Person,
 * Membership). All are @shareable value types: each regional subgraph resolves those
 * of its own clusters.
 */
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Source } from './source';

export enum BodyLevel {
  POLITICAL = 'POLITICAL',
  STRATEGIC = 'STRATEGIC',
  DIRECTORS = 'DIRECTORS',
  MANAGERS = 'MANAGERS',
  SECRETARIAT = 'SECRETARIAT',
  OPERATIONAL = 'OPERATIONAL',
  OTHER = 'OTHER',
}
registerEnumType(BodyLevel, {
  name: 'BodyLevel',
  description: 'The level a forum of a health cluster works at.',
  valuesConfig: {
    POLITICAL: { description: 'Politisk niveau: the political level (mayors, regional councillors, general practice).' },
    STRATEGIC: { description: 'Fagligt-strategisk niveau: the professional-strategic level.' },
    DIRECTORS: { description: 'Direktørforum: the directors’ forum.' },
    MANAGERS: { description: 'Chefforum: the managers’ forum.' },
    SECRETARIAT: { description: 'Sekretariat: the secretariat.' },
    OPERATIONAL: { description: 'Driftsforum: an operational forum.' },
    OTHER: { description: 'Any other forum.' },
  },
});

export enum AttendanceStatus {
  PARTICIPANT = 'PARTICIPANT',
  SENT_APOLOGIES = 'SENT_APOLOGIES',
  ABSENT = 'ABSENT',
}
registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  description: 'How the minutes record a person at a meeting.',
  valuesConfig: {
    PARTICIPANT: { description: 'Listed among the participants (mødedeltagere) with no absence recorded.' },
    SENT_APOLOGIES: { description: 'Sent apologies (afbud).' },
    ABSENT: { description: 'Recorded as absent (fravær) without an apology.' },
  },
});

@ObjectType({ description: 'How many were present, sent apologies and were absent, in one capacity.' })
@Directive('@shareable')
export class AttendanceCount {
  @Field(() => Int, { description: 'Listed as participants (PARTICIPANT).' })
  present!: number;

  @Field(() => Int, { description: 'Sent apologies (afbud, SENT_APOLOGIES).' })
  apologies!: number;

  @Field(() => Int, { description: 'Recorded absent without an apology (fravær, ABSENT).' })
  absent!: number;
}

@ObjectType({
  description:
    'Attendance counted apart by capacity, so an observer or an administrative participant is never counted as an absent member. The capacity is the seat the person holds in the meeting’s body.',
})
@Directive('@shareable')
export class AttendanceSummary {
  @Field(() => AttendanceCount, { description: 'Members with a vote (votingRight true).' })
  votingMembers!: AttendanceCount;

  @Field(() => AttendanceCount, { description: 'Observers: seats without a vote (votingRight false), e.g. "Udvalgsformænd med observatørstatus".' })
  observers!: AttendanceCount;

  @Field(() => AttendanceCount, { description: 'Members whose voting right the documents do not state (votingRight null).' })
  membersVotingRightNotStated!: AttendanceCount;

  @Field(() => AttendanceCount, {
    description: 'Participants without a seat in the meeting’s body, e.g. "Administrativ deltagelse" (administrative participants) or the secretariat.',
  })
  administrative!: AttendanceCount;
}

@ObjectType({ description: 'A person named in the documents. Names are kept exactly as written; differently spelled names are different records.' })
@Directive('@shareable')
export class Person {
  @Field(() => ID, { description: 'Stable id, unique across the hub, e.g. "nordjylland-person-eva-sejersdal-knudsen".' })
  id!: string;

  @Field({ description: 'The name as the document writes it.' })
  name!: string;

  @Field(() => [Membership], { description: 'The person’s seats in the bodies of the cluster(s).' })
  memberships!: Membership[];

  @Field(() => AttendanceSummary, {
    description: 'The person’s attendance over the meetings of this region, each meeting counted in the capacity the person had there (voting member, observer, …).',
  })
  attendanceSummary!: AttendanceSummary;

  @Field(() => Source, { description: 'Where the person is first named.' })
  source!: Source;
}

@ObjectType({ description: 'A forum of a health cluster that meets, e.g. Politisk niveau or Direktørforum (OParl Organization).' })
@Directive('@shareable')
export class Body {
  @Field(() => ID, { description: 'Stable id, e.g. "nordjylland-midt-direktoerforum".' })
  id!: string;

  @Field({ description: 'The forum’s name as the documents write it, e.g. "Direktørforum".' })
  name!: string;

  @Field(() => BodyLevel, { description: 'The level the forum works at.' })
  level!: BodyLevel;

  @Field(() => String, { nullable: true, description: 'What the documents say the forum does; null when they say nothing.' })
  description!: string | null;

  @Field(() => [Membership], { description: 'Who sits in the forum, as the documents list them.' })
  memberships!: Membership[];

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

@ObjectType({ description: 'A person’s seat in a body (Popolo/OParl Membership).' })
@Directive('@shareable')
export class Membership {
  @Field(() => ID, { description: 'Stable id of the seat.' })
  id!: string;

  @Field(() => Person, { description: 'Who holds the seat.' })
  person!: Person;

  @Field(() => Body, { description: 'The body the seat is in.' })
  body!: Body;

  @Field(() => String, { nullable: true, description: 'The role as written, e.g. "Direktør i Region Nordjylland (medformand)" or "PLO-R".' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'The organisation the person represents, e.g. "Aalborg Kommune" (kommune = municipality).' })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'Party letter where the document gives one, e.g. "V" (Venstre), "A" (Socialdemokratiet).' })
  party!: string | null;

  @Field(() => String, { nullable: true, description: 'The heading the document lists the person under, e.g. "Udvalgsformænd med observatørstatus" (committee chairs with observer status).' })
  group!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the seat carries a vote (OParl votingRight): true for a member listed as such ("Sundhedsklyngens medlemmer"), false for an observer ("Udvalgsformænd med observatørstatus"); null where the document does not say.',
  })
  votingRight!: boolean | null;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

@ObjectType({ description: 'A person’s presence at a meeting as its minutes (referat) record it.' })
@Directive('@shareable')
export class Attendance {
  @Field(() => Person, { description: 'Who is listed.' })
  person!: Person;

  @Field(() => AttendanceStatus, { description: 'Participant, apologies (afbud) or absent (fravær).' })
  status!: AttendanceStatus;

  @Field(() => String, { nullable: true, description: 'The heading the person is listed under at this meeting, e.g. "Chefforum" or "Administrativ deltagelse".' })
  group!: string | null;

  @Field(() => String, { nullable: true, description: 'Role as written for this meeting.' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation as written for this meeting.' })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'Party letter where given.' })
  party!: string | null;

  @Field({ description: 'True for the person who led the meeting (mødeleder or ordstyrer).' })
  isChair!: boolean;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

