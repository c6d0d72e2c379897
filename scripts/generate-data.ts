/**
 * Fills regional databases with a large synthetic data set, on top of the real data:
 *   npm run data:generate -- nordjylland [--meetings 2000] [--items 10] [--seed 1]
 * Uses the region's configured database (<REGION>_DATABASE_URL, or the embedded one), with a
 * progress bar. The synthetic records are the data of one document, named as generated, imported
 * as records with their history (`generate:<seed>`); a database takes them once, so generate
 * anew into a new database.
 */
import { SingleBar, Presets } from 'cli-progress';
import { allRegions } from '../schema/contract/registry';
import { regionalSubgraph } from '../services/regional/definition';
import { connectDatabase } from '../services/regional/database/connect';
import { prepareDatabase } from '../services/regional/database/prepare';
import { claimDatabase } from '../services/regional/database/region-stamp';
import { BENCHMARK_SIZE, generateSyntheticData } from '../services/regional/data/generate';
import { regionalConfigFromEnv } from '../services/regional/service';


function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

async function main() {
  const regionName = process.argv[2];
  if (!allRegions().some((r) => r.slug === regionName)) {
    console.error(`usage: npm run data:generate -- <${allRegions().map((r) => r.slug).join('|')}> [--meetings N] [--items N] [--seed N]`);
    process.exit(2);
  }
  const definition = regionalSubgraph(regionName);
  const config = regionalConfigFromEnv(definition);
  const db = await connectDatabase({ url: config.databaseUrl, embeddedDataDir: config.embeddedDataDir });
  const bar = new SingleBar({ format: `${definition.name} [{bar}] {percentage}% | {value}/{total} records | {duration_formatted}`, hideCursor: true }, Presets.shades_classic);
  try {
    // The real data first (claimed, migrated and loaded as the subgraph would), then the synthetic records.
    await claimDatabase(db.orm, definition.region);
    await prepareDatabase(db.orm, definition, 'always');
    let started = false;
    const report = await generateSyntheticData(db.orm.em.fork(), definition.region, {
      ...BENCHMARK_SIZE,
      meetingsPerCluster: option('meetings', BENCHMARK_SIZE.meetingsPerCluster),
      itemsPerMeeting: option('items', BENCHMARK_SIZE.itemsPerMeeting),
      seed: option('seed', 1),
      progress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    });
    bar.stop();
    console.log(`${definition.name}: ${Object.entries(report.counts).map(([kind, n]) => `${n} ${kind}`).join(', ')} (synthetic records) in ${db.description}`);
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
