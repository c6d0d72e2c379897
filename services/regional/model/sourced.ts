import { Property } from '@mikro-orm/core';

/** Every stored record names the document and section it was read from. */
export abstract class SourcedEntity {
  @Property({ type: 'text' })
  document!: string;

  @Property({ type: 'text', nullable: true })
  section!: string | null;
}

/**
 * The row of a record of its own (a meeting, a person …; not a part such as an agenda item).
 * A withdrawn record leaves every list but still answers by id (as OParl's `deleted`); its
 * state of record is the `record` table (model/record.ts), of which this column is the copy
 * the list queries filter on.
 */
export abstract class RecordRowEntity extends SourcedEntity {
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}
