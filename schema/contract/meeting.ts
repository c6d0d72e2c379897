/** Meetings and their agenda items, modelled on OParl Meeting / AgendaItem. */
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MappingBasis } from './basis';
import { Attendance, AttendanceSummary, Body, Person } from './people';
import { DateScalar, DateTimeScalar } from './scalars';
import { Source } from './source';
import { PageInfo } from './paging';

export enum MeetingStatus {
  HELD = 'HELD',
  PLANNED = 'PLANNED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description: 'Whether a meeting took place, is to take place or was called off.',
  valuesConfig: {
    HELD: { description: 'Held: minutes (referat) exist, or a document records its decisions.' },
    PLANNED: { description: 'Announced by a document; no record that it was held.' },
    CANCELLED: { description: 'Announced, then called off (aflyst), as its body or secretariat records.' },
  },
});

@ObjectType({ description: 'One numbered proposal of an agenda item’s recommendation (indstilling: "Det indstilles, at …").' })
@Directive('@shareable')
export class Recommendation {
  @Field(() => Int, { nullable: true, description: 'The proposal’s number as printed; null when unnumbered.' })
  number!: number | null;

  @Field({ description: 'The proposal, verbatim.' })
  text!: string;
}

@ObjectType({ description: 'Someone who presented an agenda item (an oplæg or a presentation), with role and organisation as the minutes print them there.' })
@Directive('@shareable')
export class AgendaItemPresenter {
  @Field(() => Person, { description: 'The person who presented.' })
  person!: Person;

  @Field(() => String, { nullable: true, description: 'The role as printed with the presentation, e.g. "AC-fuldmægtig"; null when none is printed.' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'The organisation as printed with the presentation, e.g. "Aalborg Kommune"; null when none is printed apart from the role.' })
  organisation!: string | null;
}

@ObjectType({ description: 'An item on a meeting’s agenda (dagsordenspunkt) with what the minutes record of it.' })
@Directive('@shareable')
export class AgendaItem {
  @Field(() => ID, { description: 'Stable id, e.g. "nordjylland-midt-direktoerforum-2024-02-08-punkt-3".' })
  id!: string;

  @Field({ description: 'The item number (punkt) as the minutes print it, e.g. "3"; later minutes also number items "3a" or "10.1". Items come in the order of the agenda.' })
  number!: string;

  @Field({ description: 'The item title, in Danish as printed.' })
  title!: string;

  @Field(() => Int, { nullable: true, description: 'Time set aside for the item, in minutes, where the agenda gives it.' })
  durationMinutes!: number | null;

  @Field(() => String, { nullable: true, description: 'Resumé: the summary.' })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: 'Sagsfremstilling: the case description, verbatim; paragraphs separated by blank lines.' })
  caseDescription!: string | null;

  @Field(() => String, { nullable: true, description: 'The sentence introducing the proposals, e.g. "Det indstilles, at Direktørforum:".' })
  recommendationIntro!: string | null;

  @Field(() => [Recommendation], { description: 'Indstilling: the numbered proposals put to the meeting.' })
  recommendations!: Recommendation[];

  @Field(() => String, { nullable: true, description: 'Beslutning: the decision, verbatim; null where the minutes record none.' })
  decision!: string | null;

  @Field(() => [String], { description: 'Bilag: attachment titles as printed.' })
  attachments!: string[];

  @Field(() => [Person], { description: 'People recorded as absent (fraværende) for this item.' })
  absentees!: Person[];

  @Field(() => [AgendaItemPresenter], { description: 'Who presented the item (oplæg, præsentation), in the order the minutes name them; people who are not members or participants are named here.' })
  presenters!: AgendaItemPresenter[];

  @Field({ description: 'Whether the item was dealt with in public (OParl AgendaItem.public); false for a closed item (lukket punkt). Every item in the documents so far is public.' })
  public!: boolean;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

@ObjectType({ description: 'A meeting (møde) of a body of a health cluster, held or announced.' })
@Directive('@shareable')
export class Meeting {
  @Field(() => ID, { description: 'Stable id, e.g. "nordjylland-midt-direktoerforum-2024-02-08".' })
  id!: string;

  @Field({ description: 'A title naming the body and cluster, in Danish.' })
  title!: string;

  @Field(() => MeetingStatus, { description: 'Held or planned.' })
  status!: MeetingStatus;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the meeting; null when the document gives none (see dateText).' })
  date!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the meeting starts; null when the document gives no time of day.' })
  startsAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'How the document states the date when it is vaguer than a day, e.g. "2. møde i 2024 på politisk niveau".' })
  dateText!: string | null;

  @Field(() => String, { nullable: true, description: 'Mødested: the place.' })
  place!: string | null;

  @Field(() => String, { nullable: true, description: 'Sagsnummer: the case number, e.g. "22/43402".' })
  caseNumber!: string | null;

  @Field(() => [String], { description: 'For planned meetings: the agenda or theme the documents announce.' })
  plannedAgenda!: string[];

  @Field(() => String, { nullable: true, description: 'What else the documents say about this meeting.' })
  note!: string | null;

  @Field(() => MappingBasis, { description: 'SOURCED when the document states the meeting; INFERRED when the hub infers it (e.g. a meeting recorded from a decision the document dates but does not call a meeting; the note says from what).' })
  basis!: MappingBasis;

  @Field(() => [ID], { description: 'The other clusters that hold the meeting jointly with its body’s cluster (a fællesmøde). The meeting is one record with one id, listed in the meetings of each of these clusters and of its own.' })
  jointClusterIds!: string[];

  @Field(() => Body, { description: 'The body that meets.' })
  body!: Body;

  @Field(() => [AgendaItem], { description: 'The agenda items in order.' })
  agendaItems!: AgendaItem[];

  @Field(() => [Attendance], { description: 'Everyone the minutes list, with apologies (afbud) and absences (fravær).' })
  attendance!: Attendance[];

  @Field(() => [Person], { description: 'People listed as participants with no absence recorded.' })
  participants!: Person[];

  @Field(() => [Person], { description: 'People who sent apologies (afbud) or were absent.' })
  apologies!: Person[];

  @Field(() => Person, { nullable: true, description: 'Who led the meeting (mødeleder, ordstyrer); null when the minutes do not say.' })
  chair!: Person | null;

  @Field(() => AttendanceSummary, {
    description: 'The attendance counted apart for voting members, observers, members whose voting right is not stated and administrative participants (present / apologies / absent).',
  })
  attendanceSummary!: AttendanceSummary;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

@ObjectType({ description: 'A meeting with its cursor.' })
@Directive('@shareable')
export class MeetingEdge {
  @Field({ description: 'Pass as `after` to continue after this meeting.' })
  cursor!: string;

  @Field(() => Meeting, { description: 'The meeting.' })
  node!: Meeting;
}

@ObjectType({ description: 'A page of meetings, in the order of `meetings`: by date and time, then id; undated meetings last.' })
@Directive('@shareable')
export class MeetingConnection {
  @Field(() => Int, { description: 'All meetings the arguments select, not only this page.' })
  totalCount!: number;

  @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to continue from.' })
  pageInfo!: PageInfo;

  @Field(() => [MeetingEdge], { description: 'The meetings of this page.' })
  edges!: MeetingEdge[];
}
