/**
 * Database commands for a regional IT team, against the same database the subgraph uses
 * (<REGION>_DATABASE_URL or DATABASE_URL; otherwise the embedded database under .data/):
 *   npm run db:migrate -- nordjylland     apply pending migrations
 *   npm run db:load -- nordjylland        validate the data files, then import every file (one transaction each):
 *                                        the records of each file's document are created, updated or withdrawn;
 *                                        records written through the API are kept, and conflicts are listed
 *                                        (the files of <REGION>_DATA_FILES when set; invalid files: exit 1, nothing written);
 *                                        with REDIS_URL, the gateways' shared cache is told the data changed
 *   npm run data:check                    validate and reconcile the data files only (no database)
 */
import { allRegions } from '../schema/contract/registry';
import { regionalSubgraph } from '../services/regional/definition';
import { connectDatabase } from '../services/regional/database/connect';
import { migrate } from '../services/regional/database/prepare';
import { claimDatabase } from '../services/regional/database/region-stamp';
import { importDataFiles } from '../services/regional/records/import-files';
import { regionalConfigFromEnv } from '../services/regional/service';
import { cacheInvalidation } from '../services/regional/cache-invalidation';
import { createLogger } from '../platform/logger';

const names = allRegions().map((r) => r.slug).join('|');
const usage = `usage: npm run db:migrate -- <${names}>   or   npm run db:load -- <${names}>`;

async function main() {
  const [command, regionName] = process.argv.slice(2);
  if (!['migrate', 'load'].includes(command) || !allRegions().some((r) => r.slug === regionName)) {
    console.error(usage);
    process.exit(2);
  }
  const definition = regionalSubgraph(regionName);
  const config = regionalConfigFromEnv(definition);
  const db = await connectDatabase({ url: config.databaseUrl, embeddedDataDir: config.embeddedDataDir });
  try {
    console.log(`${definition.name}: ${db.description}`);
    await claimDatabase(db.orm, definition.region);
    const applied = await migrate(db.orm);
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations: up to date');
    if (command === 'load') {
      const dataDirectory = config.dataDirectory ?? definition.dataDirectory;
      const { imported } = await importDataFiles(db.orm.em.fork(), definition.region, dataDirectory, { all: true, progress: (m) => console.log(`  ${m}`) });
      for (const r of imported) {
        console.log(`${r.file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.withdrawn} withdrawn${r.removedPeople ? `, ${r.removedPeople} records without people removed from the hub` : ''}`);
        for (const c of r.conflicts) console.log(`  conflict: ${c.kind} ${c.id} ${c.field}: ${c.reason}; kept ${JSON.stringify(c.kept)}, the document says ${JSON.stringify(c.document)}`);
      }
      // Gateways sharing their cache in Redis answer from the new data at once (services/regional/cache-invalidation.ts).
      if (config.redis) {
        const invalidation = cacheInvalidation(config.redis, createLogger(definition.name));
        if (await invalidation.bump('npm run db:load')) console.log("the gateways' shared cache: data version moved on");
        await invalidation.close();
      }
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
