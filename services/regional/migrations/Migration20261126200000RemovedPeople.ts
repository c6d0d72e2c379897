import { Migration } from '@mikro-orm/migrations';

/**
 * Removal of a person's data (npm run person:remove, records/remove-person.ts):
 * - `removed_person` lists the removed, by their id's hash, so that imports leave them out;
 * - a history entry can carry a note: a removal is recorded by number, hash and reason.
 * The statements are MikroORM's schema diff (schema-diff.ts).
 */
export class Migration20261126200000RemovedPeople extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "removed_person" ("number" serial primary key, "person_hash" text not null, "removed_at" timestamptz not null, "reason" text null);`);
    this.addSql(`alter table "removed_person" add constraint "removed_person_person_hash_unique" unique ("person_hash");`);
    this.addSql(`alter table "record_change" add column "note" text null;`);
  }
}
