import { Migration } from '@mikro-orm/migrations';

/**
 * The initial schema of a regional database: clusters, bodies, people and their seats,
 * meetings with attendance and agenda items, initiatives, fund tables, grants, the
 * region's health agreements and the log of data loads. Generated from the entities by
 * MikroORM's schema generator, then checked in: from here on the schema only changes
 * through new migrations.
 */
export class Migration20261123000000Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "cluster" ("id" text not null, "document" text not null, "section" text null, "name" text not null, "region_code" text not null, "municipalities" jsonb not null, "note" text null, constraint "cluster_pkey" primary key ("id"));`);
    this.addSql(`create table "body" ("id" text not null, "document" text not null, "section" text null, "cluster_id" text not null, "name" text not null, "level" text not null, "description" text null, "ordinal" int not null, constraint "body_pkey" primary key ("id"));`);
    this.addSql(`create index "body_cluster_id_index" on "body" ("cluster_id");`);
    this.addSql(`create table "data_load" ("id" serial primary key, "loaded_at" timestamptz not null, "digest" text not null, "counts" jsonb not null);`);
    this.addSql(`create table "fund_table" ("id" text not null, "document" text not null, "section" text null, "cluster_id" text not null, "title" text not null, "reported_on" date not null, "meeting_id" text null, "columns" jsonb not null, "rows" jsonb not null, "position" jsonb null, "note" text null, constraint "fund_table_pkey" primary key ("id"));`);
    this.addSql(`create index "fund_table_cluster_id_index" on "fund_table" ("cluster_id");`);
    this.addSql(`create table "grant_record" ("id" text not null, "document" text not null, "section" text null, "cluster_id" text null, "grantor" text null, "recipient" text null, "amount" bigint null, "purpose" text not null, "meeting_id" text null, "initiative_id" text null, "date" date null, "to_council_id" text null, constraint "grant_record_pkey" primary key ("id"));`);
    this.addSql(`create index "grant_record_cluster_id_index" on "grant_record" ("cluster_id");`);
    this.addSql(`create table "health_agreement" ("id" text not null, "document" text not null, "section" text null, "title" text not null, "period" text not null, "vision" text not null, "principles" jsonb not null, "goal_areas" jsonb not null, "organisation" jsonb not null, "follow_up" jsonb not null, "facts" jsonb not null, constraint "health_agreement_pkey" primary key ("id"));`);
    this.addSql(`create table "initiative" ("id" text not null, "document" text not null, "section" text null, "cluster_id" text not null, "parent_id" text null, "number" text null, "kind" text not null, "title" text not null, "purpose" text null, "maturity" text null, "costs" jsonb not null, "status" text null, "decisions" jsonb not null, "targets" jsonb not null, "attachments" jsonb not null, "successor_recommendation" jsonb null, "note" text null, "ordinal" int not null, constraint "initiative_pkey" primary key ("id"));`);
    this.addSql(`create index "initiative_cluster_id_index" on "initiative" ("cluster_id");`);
    this.addSql(`create index "initiative_parent_id_index" on "initiative" ("parent_id");`);
    this.addSql(`create table "meeting" ("id" text not null, "document" text not null, "section" text null, "cluster_id" text not null, "body_id" text not null, "title" text not null, "status" text not null, "date" date null, "starts_at" timestamptz null, "date_text" text null, "place" text null, "case_number" text null, "planned_agenda" jsonb not null, "note" text null, constraint "meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "meeting_body_id_index" on "meeting" ("body_id");`);
    this.addSql(`create index "meeting_cluster_id_date_index" on "meeting" ("cluster_id", "date");`);
    this.addSql(`create table "agenda_item" ("id" text not null, "document" text not null, "section" text null, "meeting_id" text not null, "number" int not null, "title" text not null, "duration_minutes" int null, "summary" text null, "case_description" text null, "recommendation_intro" text null, "recommendations" jsonb not null, "decision" text null, "attachments" jsonb not null, "absent_person_ids" jsonb not null, constraint "agenda_item_pkey" primary key ("id"));`);
    this.addSql(`create index "agenda_item_meeting_id_index" on "agenda_item" ("meeting_id");`);
    this.addSql(`create table "person" ("id" text not null, "document" text not null, "section" text null, "name" text not null, constraint "person_pkey" primary key ("id"));`);
    this.addSql(`create table "membership" ("id" text not null, "document" text not null, "section" text null, "person_id" text not null, "body_id" text not null, "role" text null, "organisation" text null, "party" text null, "group_label" text null, "ordinal" int not null, constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_person_id_index" on "membership" ("person_id");`);
    this.addSql(`create index "membership_body_id_index" on "membership" ("body_id");`);
    this.addSql(`create table "attendance" ("meeting_id" text not null, "person_id" text not null, "document" text not null, "section" text null, "status" text not null, "group_label" text null, "role" text null, "organisation" text null, "party" text null, "is_chair" boolean not null, "ordinal" int not null, constraint "attendance_pkey" primary key ("meeting_id", "person_id"));`);
    this.addSql(`create index "attendance_person_id_index" on "attendance" ("person_id");`);
    this.addSql(`alter table "body" add constraint "body_cluster_id_foreign" foreign key ("cluster_id") references "cluster" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "fund_table" add constraint "fund_table_cluster_id_foreign" foreign key ("cluster_id") references "cluster" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "grant_record" add constraint "grant_record_cluster_id_foreign" foreign key ("cluster_id") references "cluster" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "initiative" add constraint "initiative_cluster_id_foreign" foreign key ("cluster_id") references "cluster" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "initiative" add constraint "initiative_parent_id_foreign" foreign key ("parent_id") references "initiative" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "meeting" add constraint "meeting_cluster_id_foreign" foreign key ("cluster_id") references "cluster" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "meeting" add constraint "meeting_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agenda_item" add constraint "agenda_item_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_body_id_foreign" foreign key ("body_id") references "body" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "attendance" add constraint "attendance_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "attendance" add constraint "attendance_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    for (const table of ['attendance', 'membership', 'agenda_item', 'meeting', 'initiative', 'grant_record', 'fund_table', 'body', 'person', 'health_agreement', 'data_load', 'cluster']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
