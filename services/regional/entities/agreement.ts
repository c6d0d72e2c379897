import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { SourcedEntity } from './sourced';

/** A region-wide health agreement; its parts are read whole, so they are stored as JSON. */
@Entity({ tableName: 'health_agreement' })
export class HealthAgreementEntity extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  period!: string;

  @Property({ type: 'text' })
  vision!: string;

  @Property({ type: 'json' })
  principles!: Array<{ title: string; points: string[] }>;

  @Property({ type: 'json' })
  goalAreas!: Array<{ title: string; goals: string[] }>;

  @Property({ type: 'json' })
  organisation!: Array<{ name: string; description: string }>;

  @Property({ type: 'json' })
  followUp!: Array<{ year: number; date: string | null; forum: string | null; items: string[] }>;

  @Property({ type: 'json' })
  facts!: Array<{ text: string; date: string | null; section: string }>;
}
