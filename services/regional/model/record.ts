/**
 * The system of record of a regional database: every record (a meeting with its agenda and
 * attendance, an initiative, a fund table, a person …) as one document in the data files'
 * format, with its version and provenance; the history of every change to it; and the
 * documents imported. The relational tables (meeting, agenda_item …) are the projection of
 * these records that the read path queries, written in the same transaction.
 */
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Where a record came from: the import of a document (a data file or a published data set), or a write through the API. */
export type RecordOrigin = 'IMPORT' | 'API';

@Entity({ tableName: 'record' })
@Index({ properties: ['document'] })
export class RecordEntity {
  /** The record kind: meeting, initiative, fundTable … (records/kinds.ts). */
  @PrimaryKey({ type: 'text' })
  kind!: string;

  @PrimaryKey({ type: 'text' })
  id!: string;

  /** The document the record was read from (or, written through the API, the one its writer names). */
  @Property({ type: 'text' })
  document!: string;

  @Property({ type: 'text' })
  origin!: RecordOrigin;

  /** Starts at 1 and grows by one with every change; an update names the version it edits. */
  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  /** The record in the data files' format (services/regional/data/format.ts), without `document`. */
  @Property({ type: 'json' })
  data!: Record<string, unknown>;

  /**
   * The fields of an imported record that were changed through the API (and `withdrawn` when
   * it was withdrawn through the API): a reload of its document keeps them and reports the
   * fields where the document now says something else.
   */
  @Property({ type: 'json' })
  corrected!: string[];
}

/** One change of one record, appended in the transaction that made it. Never updated. */
@Entity({ tableName: 'record_change' })
@Index({ properties: ['kind', 'recordId', 'id'] })
export class RecordChangeEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  /** Who: the token's subject, or `import:<file>` for the start-up load of a data file. */
  @Property({ type: 'text' })
  subject!: string;

  /** CREATE, UPDATE, WITHDRAW, REMOVE_PERSON (records/store.ts). */
  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  recordId!: string;

  /** The version the change made. */
  @Property({ type: 'integer' })
  version!: number;

  /** The document the change came with, for imports and published data sets. */
  @Property({ type: 'text', nullable: true })
  document!: string | null;

  @Property({ type: 'json', nullable: true })
  before!: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after!: Record<string, unknown> | null;

  /** For REMOVE_PERSON: the removal's number, the removed id's hash and the reason (never the removed data). */
  @Property({ type: 'text', nullable: true })
  note!: string | null;
}

/**
 * People removed from the database (npm run person:remove), known only by their id's hash:
 * an import of the data files, which still name them, drops them and every reference to them.
 */
@Entity({ tableName: 'removed_person' })
export class RemovedPersonEntity {
  /** The removal's number, named by the history entries it wrote. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  number!: number;

  /** SHA-256 of the person's id (records/person-references.ts personHash). */
  @Property({ type: 'text', unique: true })
  personHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  removedAt!: Date;

  @Property({ type: 'text', nullable: true })
  reason!: string | null;
}

/** One row per document imported (a data file at start-up, or a data set published through the API). */
@Entity({ tableName: 'document_import' })
export class DocumentImportEntity {
  @PrimaryKey({ type: 'text' })
  document!: string;

  /** Order of first import: the records of earlier documents list first. */
  @Property({ type: 'integer' })
  position!: number;

  /** The data file's name, when it came from one. */
  @Property({ type: 'text', nullable: true })
  file!: string | null;

  /** SHA-256 over the loader version and the document's data, to tell whether it changed since. */
  @Property({ type: 'text' })
  digest!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  importedAt!: Date;

  @Property({ type: 'json' })
  counts!: Record<string, number>;
}
