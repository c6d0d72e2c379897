/**
 * Database commands for a regional IT team, against the same database the subgraph uses
 * (<REGION>_DATABASE_URL or DATABASE_URL; otherwise the embedded database under .data/):
 *   npm run db:migrate -- nordjylland     apply pending migrations
 *   npm run db:load -- nordjylland        validate the data files, then replace the data in one transaction
 *                                        (the files of <REGION>_DATA_FILES when set; invalid files: exit 1, nothing written)
 *   npm run data:check                    validate and reconcile the data files only (no database)
 */
import { allRegions } from '../schema/contract/registry';
import { regionalSubgraph } from '../services/regional/definition';
import { connectDatabase } from '../services/regional/database/connect';
import { migrate } from '../services/regional/database/prepare';
import { claimDatabase } from '../services/regional/database/region-stamp';
import { digestDataDirectory, loadDataSet } from '../services/regional/data/load-data-set';
import { readDataSet } from '../services/regional/data/read-data-set';
import { regionalConfigFromEnv } from '../services/regional/service';

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
      const set = readDataSet(dataDirectory, definition.name);
      console.log(`validated ${set.files.length} data files; loading …`);
      const { counts } = await loadDataSet(db.orm.em.fork(), set, digestDataDirectory(dataDirectory), (m) => console.log(`  ${m}`));
      console.log(`loaded ${Object.values(counts).reduce((a, b) => a + b, 0)} rows`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
