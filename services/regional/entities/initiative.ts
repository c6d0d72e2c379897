import { Entity, Index, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { ClusterEntity } from './cluster';
import { SourcedEntity } from './sourced';

@Entity({ tableName: 'initiative' })
export class InitiativeEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  cluster!: Ref<ClusterEntity>;

  @ManyToOne(() => InitiativeEntity, { ref: true, nullable: true, deleteRule: 'cascade' })
  @Index()
  parent!: Ref<InitiativeEntity> | null;

  @Property({ type: 'text', nullable: true })
  number!: string | null;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  purpose!: string | null;

  @Property({ type: 'text', nullable: true })
  maturity!: string | null;

  // Costs, decisions, targets and the recommendation belong to the initiative alone and are
  // always read with it, so they are stored with the row instead of in tables of their own.
  @Property({ type: 'json' })
  costs!: Array<{ year: number | null; amount: number | null; text: string }>;

  @Property({ type: 'text', nullable: true })
  status!: string | null;

  @Property({ type: 'json' })
  decisions!: Array<{ date: string | null; meetingId: string | null; text: string }>;

  @Property({ type: 'json' })
  targets!: Array<{ description: string; baseline: number | null; target: number | null; unit: string | null; baselinePeriod: string | null }>;

  @Property({ type: 'json' })
  attachments!: string[];

  @Property({ type: 'json', nullable: true })
  successorRecommendation!: { councilId: string; outcome: string; text: string; meetingId: string | null } | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Property({ type: 'integer' })
  ordinal!: number;
}
