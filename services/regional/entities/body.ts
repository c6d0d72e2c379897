import { Entity, Index, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { ClusterEntity } from './cluster';
import { SourcedEntity } from './sourced';

@Entity({ tableName: 'body' })
export class BodyEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => ClusterEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  cluster!: Ref<ClusterEntity>;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  level!: string;

  @Property({ type: 'text', nullable: true })
  description!: string | null;

  @Property({ type: 'integer' })
  ordinal!: number;
}
