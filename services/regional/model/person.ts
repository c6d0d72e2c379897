import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { BodyEntity } from './body';
import { RecordRowEntity } from './sourced';

@Entity({ tableName: 'person' })
export class PersonEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;
}

@Entity({ tableName: 'membership' })
export class MembershipEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => PersonEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  person!: Ref<PersonEntity>;

  @ManyToOne(() => BodyEntity, { ref: true, deleteRule: 'cascade' })
  @Index()
  body!: Ref<BodyEntity>;

  @Property({ type: 'text', nullable: true })
  role!: string | null;

  @Property({ type: 'text', nullable: true })
  organisation!: string | null;

  @Property({ type: 'text', nullable: true })
  party!: string | null;

  @Property({ type: 'text', nullable: true, fieldName: 'group_label' })
  group!: string | null;

  @Property({ type: 'boolean', nullable: true })
  votingRight!: boolean | null;

  @Property({ type: 'integer' })
  ordinal!: number;
}
