import { Migration } from '@mikro-orm/migrations';

/**
 * The last facts of the documents:
 * - agenda items name who presented them (agenda_item_presenter: item, person, role and
 *   organisation as printed, ordinal) and say whether they were public (OParl `public`);
 * - meetings and grants say whether a source states them or the hub infers them (`basis`);
 * - a joint meeting (fællesmøde) lists the other clusters that hold it (`joint_cluster_ids`);
 * - an agreement a document reports on without its text has no vision (`vision` nullable).
 * Existing rows take the defaults (stated, public, no joint clusters); the import that follows
 * (IMPORT_VERSION) writes the documents' values. The statements are the schema diff
 * (services/regional/migrations/schema-diff.ts).
 */
export class Migration20261126000000FactsOfTheDocuments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agenda_item_presenter" ("agenda_item_id" text not null, "person_id" text not null, "role" text null, "organisation" text null, "ordinal" int not null, constraint "agenda_item_presenter_pkey" primary key ("agenda_item_id", "person_id"));`);
    this.addSql(`create index "agenda_item_presenter_person_id_index" on "agenda_item_presenter" ("person_id");`);
    this.addSql(`alter table "agenda_item_presenter" add constraint "agenda_item_presenter_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agenda_item_presenter" add constraint "agenda_item_presenter_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "health_agreement" alter column "vision" drop not null;`);
    this.addSql(`alter table "meeting" add column "basis" text check ("basis" in ('SOURCED', 'INFERRED')) not null default 'SOURCED', add column "joint_cluster_ids" jsonb not null default '[]';`);
    this.addSql(`alter table "grant_record" add column "basis" text check ("basis" in ('SOURCED', 'INFERRED')) not null default 'SOURCED';`);
    this.addSql(`alter table "agenda_item" add column "public" boolean not null default true;`);
  }
}
