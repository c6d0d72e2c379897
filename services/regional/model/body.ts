import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { BodyLevel } from '../../../schema/contract';
import { ClusterEntity } from './cluster';
import { RecordRowEntity } from './sourced';

@Entity({ tableName: 'body' })
export class BodyEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  cluster!: Ref<ClusterEntity>;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => BodyLevel })
  level!: BodyLevel;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  /** Position in the data files, for a stable order. */
  @Property({ type: 'integer' })
  ordinal!: number;
}
