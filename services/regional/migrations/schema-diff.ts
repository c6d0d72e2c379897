/**
 * The difference between the schema the migrations build and the one the entities
 * describe, as SQL. Empty when they agree (tests/subgraphs/model-migrations.test.ts).
 *
 * To change the schema: change the entities, run `npm run db:diff`, which migrates a fresh embedded database and prints the statements a new migration
 * needs; put them in a new Migration<timestamp><Name>.ts (adding what moves existing
 * data), list it in index.ts, and run it again: it prints nothing when they agree.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { connectDatabase } from '../database/connect';

/** SQL that would take the migrated database `orm` to the entities' schema; '' when none. */
export async function schemaDiff(orm: MikroORM): Promise<string> {
  const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
  return sql.trim();
}

async function main() {
  const db = await connectDatabase({});
  try {
    await db.orm.getMigrator().up();
    const sql = await schemaDiff(db.orm);
    process.stdout.write(sql ? `${sql}\n` : '-- the migrations build the entities’ schema: nothing to do\n');
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
