import { Migration } from '@mikro-orm/migrations';

/**
 * References become foreign keys and enums become checked:
 * - agenda items: `number` is the text the minutes print ("3", later "3a", "10.1") and a new
 *   `ordinal` orders them; their absentees move from a JSON array of person ids into the
 *   join table agenda_item_absentee (agenda item, person, ordinal);
 * - fund_table.meeting_id, grant_record.meeting_id and grant_record.initiative_id reference
 *   their rows;
 * - body.level, meeting.status, attendance.status and initiative.kind only hold the
 *   contract's enum values.
 * The schema statements are MikroORM's schema diff (services/regional/migrations/schema-diff.ts)
 * from the initial migration to the entities; the statements between them carry the data
 * already there across. Runs in one transaction, as every migration here.
 */
export class Migration20261124000000ModelReferences extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agenda_item_absentee" ("agenda_item_id" text not null, "person_id" text not null, "ordinal" int not null, constraint "agenda_item_absentee_pkey" primary key ("agenda_item_id", "person_id"));`);
    this.addSql(`create index "agenda_item_absentee_person_id_index" on "agenda_item_absentee" ("person_id");`);
    this.addSql(`alter table "agenda_item_absentee" add constraint "agenda_item_absentee_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agenda_item_absentee" add constraint "agenda_item_absentee_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);

    // Absentees: from the JSON array into the join table, in the array's order (people the
    // array names twice or who are not in the person table cannot be rows of it).
    this.addSql(`insert into "agenda_item_absentee" ("agenda_item_id", "person_id", "ordinal")
      select i."id", a."person_id", min(a."position")::int - 1
      from "agenda_item" i
      cross join lateral jsonb_array_elements_text(i."absent_person_ids") with ordinality as a("person_id", "position")
      join "person" p on p."id" = a."person_id"
      group by i."id", a."person_id";`);
    this.addSql(`alter table "agenda_item" drop column "absent_person_ids";`);

    // Agenda item number as printed, and its position in the meeting (numbers so far were 1, 2, 3 …).
    this.addSql(`alter table "agenda_item" add column "ordinal" int null;`);
    this.addSql(`update "agenda_item" i set "ordinal" = o."ordinal"
      from (select "id", (row_number() over (partition by "meeting_id" order by "number", "id"))::int - 1 as "ordinal" from "agenda_item") o
      where o."id" = i."id";`);
    this.addSql(`alter table "agenda_item" alter column "ordinal" set not null;`);
    this.addSql(`alter table "agenda_item" alter column "number" type text using ("number"::text);`);

    this.addSql(`alter table "body" add constraint "body_level_check" check("level" in ('POLITICAL', 'STRATEGIC', 'DIRECTORS', 'MANAGERS', 'SECRETARIAT', 'OPERATIONAL', 'OTHER'));`);
    this.addSql(`alter table "initiative" add constraint "initiative_kind_check" check("kind" in ('ACTION_PLAN_INITIATIVE', 'SUB_INITIATIVE', 'FOCUS_AREA', 'PILOT_PROJECT'));`);
    this.addSql(`alter table "meeting" add constraint "meeting_status_check" check("status" in ('HELD', 'PLANNED'));`);
    this.addSql(`alter table "attendance" add constraint "attendance_status_check" check("status" in ('PARTICIPANT', 'SENT_APOLOGIES', 'ABSENT'));`);

    // A reference to a row that is not there would stop the foreign keys: it becomes null,
    // as the keys' own delete rule would have made it.
    this.addSql(`update "grant_record" g set "meeting_id" = null where "meeting_id" is not null and not exists (select 1 from "meeting" m where m."id" = g."meeting_id");`);
    this.addSql(`update "grant_record" g set "initiative_id" = null where "initiative_id" is not null and not exists (select 1 from "initiative" i where i."id" = g."initiative_id");`);
    this.addSql(`update "fund_table" t set "meeting_id" = null where "meeting_id" is not null and not exists (select 1 from "meeting" m where m."id" = t."meeting_id");`);

    this.addSql(`alter table "grant_record" add constraint "grant_record_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "grant_record" add constraint "grant_record_initiative_id_foreign" foreign key ("initiative_id") references "initiative" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "grant_record_meeting_id_index" on "grant_record" ("meeting_id");`);
    this.addSql(`create index "grant_record_initiative_id_index" on "grant_record" ("initiative_id");`);
    this.addSql(`alter table "fund_table" add constraint "fund_table_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "fund_table_meeting_id_index" on "fund_table" ("meeting_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fund_table" drop constraint "fund_table_meeting_id_foreign";`);
    this.addSql(`drop index "fund_table_meeting_id_index";`);
    this.addSql(`alter table "grant_record" drop constraint "grant_record_meeting_id_foreign";`);
    this.addSql(`alter table "grant_record" drop constraint "grant_record_initiative_id_foreign";`);
    this.addSql(`drop index "grant_record_meeting_id_index";`);
    this.addSql(`drop index "grant_record_initiative_id_index";`);
    this.addSql(`alter table "attendance" drop constraint "attendance_status_check";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_status_check";`);
    this.addSql(`alter table "initiative" drop constraint "initiative_kind_check";`);
    this.addSql(`alter table "body" drop constraint "body_level_check";`);
    // Printed numbers that are not whole numbers ("3a") cannot go back: the down step fails on them.
    this.addSql(`alter table "agenda_item" alter column "number" type int using ("number"::int);`);
    this.addSql(`alter table "agenda_item" drop column "ordinal";`);
    this.addSql(`alter table "agenda_item" add column "absent_person_ids" jsonb not null default '[]';`);
    this.addSql(`update "agenda_item" i set "absent_person_ids" = a."ids"
      from (select "agenda_item_id", jsonb_agg("person_id" order by "ordinal") as "ids" from "agenda_item_absentee" group by "agenda_item_id") a
      where a."agenda_item_id" = i."id";`);
    this.addSql(`alter table "agenda_item" alter column "absent_person_ids" drop default;`);
    this.addSql(`drop table "agenda_item_absentee";`);
  }
}
