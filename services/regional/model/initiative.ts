import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { InitiativeKind, type Cost, type InitiativeDecision, type SuccessorRecommendation, type Target } from '../../../schema/contract';
import type { TextReadingValue } from '../data/readings';
import { ClusterEntity } from './cluster';
import { RecordRowEntity } from './sourced';
import { SearchVector } from './search-vector';

@Entity({ tableName: 'initiative' })
export class InitiativeEntity extends RecordRowEntity {
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

  @Enum({ items: () => InitiativeKind })
  kind!: InitiativeKind;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  purpose!: string | null;

  @Property({ type: 'text', nullable: true })
  maturity!: string | null;

  // Costs, decisions, targets and the recommendation belong to the initiative alone and are
  // always read with it, so they are stored with the row instead of in tables of their own.
  @Property({ type: 'json' })
  costs!: Cost[];

  @Property({ type: 'text', nullable: true })
  status!: string | null;

  @Property({ type: 'json' })
  decisions!: InitiativeDecision[];

  @Property({ type: 'json' })
  targets!: Target[];

  @Property({ type: 'json' })
  attachments!: string[];

  @Property({ type: 'json', nullable: true })
  successorRecommendation!: SuccessorRecommendation | null;

  // The file's corrections (printed → reading) per field; the API derives the read text from them.
  @Property({ type: 'json' })
  readings!: TextReadingValue[];

  @Property({ type: 'text', nullable: true })
  note!: string | null;

  /** Position in the data files, for a stable order. */
  @Property({ type: 'integer' })
  ordinal!: number;

  /** Search: title A; purpose B; status, the decisions' texts and maturity C (search-vector.ts). */
  @SearchVector([
    { text: 'title', weight: 'A' },
    { text: 'purpose', weight: 'B' },
    { text: 'status', weight: 'C' },
    { json: "jsonb_path_query_array(decisions, '$[*].text')", weight: 'C' },
    { text: 'maturity', weight: 'C' },
  ])
  @Index({ type: 'fulltext' })
  searchVector?: unknown;
}
