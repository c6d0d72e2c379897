import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One row per completed load: what was loaded and when, so a start-up knows whether to load. */
@Entity({ tableName: 'data_load' })
export class DataLoadEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  loadedAt!: Date;

  /** SHA-256 over the data files, to tell whether the files changed since. */
  @Property({ type: 'text' })
  digest!: string;

  @Property({ type: 'json' })
  counts!: Record<string, number>;
}
