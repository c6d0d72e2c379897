import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { MappingBasis } from '../../../schema/contract';
import type { FundColumnValue, FundPositionRefsValue, FundRowValue } from '../data/format';
import { ClusterEntity } from './cluster';
import { InitiativeEntity } from './initiative';
import { MeetingEntity } from './meeting';
import { RecordRowEntity } from './sourced';

/**
 * A fund table as printed. Rows live in one JSON column: a table is always read whole,
 * and keeping it whole keeps it exactly as the document prints it.
 */
@Entity({ tableName: 'fund_table' })
export class FundTableEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  cluster!: Ref<ClusterEntity>;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', columnType: 'date' })
  reportedOn!: string;

  /** The meeting that reported the table. */
  @ManyToOne(() => MeetingEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index()
  meeting!: Ref<MeetingEntity> | null;

  @Property({ type: 'json' })
  columns!: FundColumnValue[];

  @Property({ type: 'json' })
  rows!: FundRowValue[];

  @Property({ type: 'json', nullable: true })
  position!: FundPositionRefsValue | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

@Entity({ tableName: 'grant_record' })
export class GrantEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, nullable: true, deleteRule: 'cascade' })
  @Index()
  cluster!: Ref<ClusterEntity> | null;

  @Property({ type: 'text', nullable: true })
  grantor!: string | null;

  @Property({ type: 'text', nullable: true })
  recipient!: string | null;

  // Whole kroner can outgrow a 32-bit integer in aggregates; read back as a JS number (safe to 2^53).
  @Property({ type: new BigIntType('number'), nullable: true })
  amount!: number | null;

  @Property({ type: 'text' })
  purpose!: string;

  /** The meeting that decided or reported the grant. */
  @ManyToOne(() => MeetingEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index()
  meeting!: Ref<MeetingEntity> | null;

  /** The initiative the money is for. */
  @ManyToOne(() => InitiativeEntity, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index()
  initiative!: Ref<InitiativeEntity> | null;

  @Property({ type: 'text', nullable: true, columnType: 'date' })
  date!: string | null;

  /** A health council of the councils subgraph: another database, so no foreign key. */
  @Property({ type: 'text', nullable: true })
  toCouncilId!: string | null;

  @Enum({ items: () => MappingBasis, default: MappingBasis.SOURCED })
  basis!: MappingBasis;
}
