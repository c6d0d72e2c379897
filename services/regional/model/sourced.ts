import { Property } from '@mikro-orm/core';

/** Every stored record names the document and section it was read from. */
export abstract class SourcedEntity {
  @Property({ type: 'text' })
  document!: string;

  @Property({ type: 'text', nullable: true })
  section!: string | null;
}
