import { Migration } from '@mikro-orm/migrations';

/**
 * The database becomes the system of record (model/record.ts):
 * - `record` holds every record in the data files' format with its version and provenance,
 *   `record_change` the history of every change, `document_import` the documents imported;
 * - every record's row gets `withdrawn_at` (a withdrawn record leaves the lists, stays by id);
 * - a meeting may be CANCELLED.
 * Until now every row was derived from the data files, and the loader replaced all of them at
 * each load: the rows are emptied here and the next start imports the files again, now as
 * records with a history (nothing is lost: nothing was written but the files' data).
 * The schema statements are MikroORM's schema diff (schema-diff.ts).
 */
export class Migration20261125000000Records extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `truncate "agenda_item_absentee", "agenda_item", "attendance", "grant_record", "fund_table", "initiative", "meeting", "membership", "person", "body", "health_agreement", "cluster";`,
    );
    this.addSql(`drop table if exists "data_load" cascade;`);

    this.addSql(`create table "document_import" ("document" text not null, "position" int not null, "file" text null, "digest" text not null, "imported_at" timestamptz not null, "counts" jsonb not null, constraint "document_import_pkey" primary key ("document"));`);
    this.addSql(`create table "record_change" ("id" serial primary key, "at" timestamptz not null, "subject" text not null, "operation" text not null, "kind" text not null, "record_id" text not null, "version" int not null, "document" text null, "before" jsonb null, "after" jsonb null);`);
    this.addSql(`create index "record_change_kind_record_id_id_index" on "record_change" ("kind", "record_id", "id");`);
    this.addSql(`create table "record" ("kind" text not null, "id" text not null, "document" text not null, "origin" text not null, "version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "withdrawn_at" timestamptz null, "data" jsonb not null, "corrected" jsonb not null, constraint "record_pkey" primary key ("kind", "id"));`);
    this.addSql(`create index "record_document_index" on "record" ("document");`);

    this.addSql(`alter table "meeting" drop constraint if exists "meeting_status_check";`);
    this.addSql(`alter table "meeting" add constraint "meeting_status_check" check("status" in ('HELD', 'PLANNED', 'CANCELLED'));`);
    for (const table of ['cluster', 'body', 'health_agreement', 'initiative', 'meeting', 'grant_record', 'fund_table', 'person', 'membership']) {
      this.addSql(`alter table "${table}" add column "withdrawn_at" timestamptz null;`);
    }
  }
}
