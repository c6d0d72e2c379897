import { Entity, Index, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { BodyEntity } from './body';
import { ClusterEntity } from './cluster';
import { PersonEntity } from './person';
import { SourcedEntity } from './sourced';

@Entity({ tableName: 'meeting' })
@Index({ properties: ['cluster', 'date'] })
export class MeetingEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  cluster!: Ref<ClusterEntity>;

  @ManyToOne(() => BodyEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  body!: Ref<BodyEntity>;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  status!: string;

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
}

@Entity({ tableName: 'attendance' })
export class AttendanceEntity extends SourcedEntity {
  @ManyToOne(() => MeetingEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  meeting!: Ref<MeetingEntity>;

  @ManyToOne(() => PersonEntity, { ref: true, primary: true, deleteRule: 'cascade' })
  @Index()
  person!: Ref<PersonEntity>;

  @Property({ type: 'text' })
  status!: string;

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

  @Property({ type: 'integer' })
  ordinal!: number;
}

export interface RecommendationValue {
  number: number | null;
  text: string;
}

@Entity({ tableName: 'agenda_item' })
export class AgendaItemEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => MeetingEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  meeting!: Ref<MeetingEntity>;

  @Property({ type: 'integer' })
  number!: number;

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
  recommendations!: RecommendationValue[];

  @Property({ type: 'text', nullable: true })
  decision!: string | null;

  @Property({ type: 'json' })
  attachments!: string[];

  /** Person ids; resolved through the batched person loader. */
  @Property({ type: 'json' })
  absentPersonIds!: string[];
}
