import { BigIntType, Entity, Index, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { ClusterEntity } from './cluster';
import { SourcedEntity } from './sourced';

export interface FundFormula {
  plus: string[];
  minus: string[];
}
export interface FundColumnValue {
  key: string;
  label: string;
  /** How the column's printed cells are made of other columns, e.g. "I alt". */
  formula?: FundFormula | null;
}
export interface FundRowValue {
  key: string;
  label: string;
  kind: string;
  initiativeId: string | null;
  /** Column key → whole kroner; null for a blank cell. */
  cells: Record<string, number | null>;
  /** How the row's printed cells are made of other rows ("LINES": every LINE row). */
  formula?: FundFormula | null;
}
export interface FundRefValue {
  column: string;
  row: string | null;
  rows: string[] | null;
}
export interface FundPositionRefs {
  received: FundRefValue | null;
  spent: FundRefValue | null;
  committed: FundRefValue | null;
  uncommitted: FundRefValue | null;
  note: string | null;
}

/**
 * A fund table as printed. Rows live in one JSON column: a table is always read whole,
 * and keeping it whole keeps it exactly as the document prints it.
 */
@Entity({ tableName: 'fund_table' })
export class FundTableEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  cluster!: Ref<ClusterEntity>;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', columnType: 'date' })
  reportedOn!: string;

  @Property({ type: 'text', nullable: true })
  meetingId!: string | null;

  @Property({ type: 'json' })
  columns!: FundColumnValue[];

  @Property({ type: 'json' })
  rows!: FundRowValue[];

  @Property({ type: 'json', nullable: true })
  position!: FundPositionRefs | null;

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

@Entity({ tableName: 'grant_record' })
export class GrantEntity extends SourcedEntity {
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

  @Property({ type: 'text', nullable: true })
  meetingId!: string | null;

  @Property({ type: 'text', nullable: true })
  initiativeId!: string | null;

  @Property({ type: 'text', nullable: true, columnType: 'date' })
  date!: string | null;

  @Property({ type: 'text', nullable: true })
  toCouncilId!: string | null;
}
