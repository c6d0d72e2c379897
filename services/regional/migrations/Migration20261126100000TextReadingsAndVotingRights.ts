import { Migration } from '@mikro-orm/migrations';

/**
 * - `initiative.readings`: the corrected readings of an initiative's printed texts
 *   (services/regional/data/format.ts, TextReading), empty for rows written before;
 *   the next start re-imports the documents (IMPORT_VERSION) and fills them;
 * - `membership.voting_right`: OParl's votingRight of a seat, null where not stated.
 * The schema statements are MikroORM's schema diff (schema-diff.ts); the default only fills
 * existing rows and is dropped, as the entity declares none.
 */
export class Migration20261126100000TextReadingsAndVotingRights extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "initiative" add column "readings" jsonb not null default '[]';`);
    this.addSql(`alter table "initiative" alter column "readings" drop default;`);
    this.addSql(`alter table "membership" add column "voting_right" boolean null;`);
  }
}
