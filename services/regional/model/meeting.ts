import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { AttendanceStatus, MappingBasis, MeetingStatus, type Recommendation } from '../../../schema/contract';
import { BodyEntity } from './body';
import { ClusterEntity } from './cluster';
import { PersonEntity } from './person';
import { RecordRowEntity, SourcedEntity } from './sourced';
import { SearchVector } from './search-vector';

@Entity({ tableName: 'meeting' })
@Index({ properties: ['cluster', 'date'] })
export class MeetingEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  cluster!: Ref<ClusterEntity>;

  @ManyToOne(() => BodyEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  body!: Ref<BodyEntity>;

  @Property({ type: 'text' })
  title!: string;

  @Enum({ items: () => MeetingStatus })
  status!: MeetingStatus;

  /** Kept as text: a calendar date has no time zone, and a JS Date would invent one. */
  @Property({ type: 'text', nullable: true, columnType: 'date' })
  date!: string | null;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz' })
  startsAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  dateText!: string | null;

  @Property({ type: 'text', nullable: true })
  place!: string | null;

  @Property({ type: 'text', nullable: true })
  caseNumber!: string | null;

  @Property({ type: 'json' })
  plannedAgenda!: string[];

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Enum({ items: () => MappingBasis, default: MappingBasis.SOURCED })
  basis!: MappingBasis;

  /**
   * The other clusters of a joint meeting (fællesmøde). Few meetings have any, and they are
   * read with the meeting, so a JSON list beside `cluster` serves the meetings loader's one statement.
   */
  @Property({ type: 'json', default: '[]' })
  jointClusterIds!: string[];

  /** Search: title A; place, the planned agenda and the note C (search-vector.ts). */
  @SearchVector([
    { text: 'title', weight: 'A' },
    { text: 'place', weight: 'C' },
    { json: 'planned_agenda', weight: 'C' },
    { text: 'note', weight: 'C' },
  ])
  @Index({ type: 'fulltext' })
  searchVector?: unknown;
}

@Entity({ tableName: 'attendance' })
export class AttendanceEntity extends SourcedEntity {
  @ManyToOne(() => MeetingEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  meeting!: Ref<MeetingEntity>;

  @ManyToOne(() => PersonEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  @Index()
  person!: Ref<PersonEntity>;

  @Enum({ items: () => AttendanceStatus })
  status!: AttendanceStatus;

  @Property({ type: 'text', nullable: true, fieldName: 'group_label' })
  group!: string | null;

  @Property({ type: 'text', nullable: true })
  role!: string | null;

  @Property({ type: 'text', nullable: true })
  organisation!: string | null;

  @Property({ type: 'text', nullable: true })
  party!: string | null;

  @Property({ type: 'boolean' })
  isChair!: boolean;

  /** Position in the minutes' list of attendees. */
  @Property({ type: 'integer' })
  ordinal!: number;
}

@Entity({ tableName: 'agenda_item' })
export class AgendaItemEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => MeetingEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  meeting!: Ref<MeetingEntity>;

  /** The number as the minutes print it: "3", later also "3a" or "10.1". */
  @Property({ type: 'text' })
  number!: string;

  /** Position of the item in its meeting (as OParl's AgendaItem.order); items are ordered by it. */
  @Property({ type: 'integer' })
  ordinal!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'integer', nullable: true })
  durationMinutes!: number | null;

  @Property({ type: 'text', nullable: true })
  summary!: string | null;

  @Property({ type: 'text', nullable: true })
  caseDescription!: string | null;

  @Property({ type: 'text', nullable: true })
  recommendationIntro!: string | null;

  @Property({ type: 'json' })
  recommendations!: Recommendation[];

  @Property({ type: 'text', nullable: true })
  decision!: string | null;

  @Property({ type: 'json' })
  attachments!: string[];

  /** OParl's `public`: false for a closed item (lukket punkt). */
  @Property({ type: 'boolean', default: true })
  public!: boolean;

  /** Search: title A; summary, the recommendation and its proposals, the decision B; the case description C (search-vector.ts). */
  @SearchVector([
    { text: 'title', weight: 'A' },
    { text: 'summary', weight: 'B' },
    { text: 'recommendation_intro', weight: 'B' },
    { json: "jsonb_path_query_array(recommendations, '$[*].text')", weight: 'B' },
    { text: 'decision', weight: 'B' },
    { text: 'case_description', weight: 'C' },
  ])
  @Index({ type: 'fulltext' })
  searchVector?: unknown;
}

/** A person recorded as absent (fraværende) for one agenda item. */
@Entity({ tableName: 'agenda_item_absentee' })
export class AgendaItemAbsenteeEntity {
  @ManyToOne(() => AgendaItemEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  agendaItem!: Ref<AgendaItemEntity>;

  @ManyToOne(() => PersonEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  @Index()
  person!: Ref<PersonEntity>;

  /** Position in the item's list of absentees. */
  @Property({ type: 'integer' })
  ordinal!: number;
}

/** Someone who presented an agenda item (oplæg, præsentation), with role and organisation as printed there. */
@Entity({ tableName: 'agenda_item_presenter' })
export class AgendaItemPresenterEntity {
  @ManyToOne(() => AgendaItemEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  agendaItem!: Ref<AgendaItemEntity>;

  @ManyToOne(() => PersonEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  @Index()
  person!: Ref<PersonEntity>;

  @Property({ type: 'text', nullable: true })
  role!: string | null;

  @Property({ type: 'text', nullable: true })
  organisation!: string | null;

  /** Position in the item's list of presenters. */
  @Property({ type: 'integer' })
  ordinal!: number;
}
