/**
 * Removes a person's data from a region's database (docs/PRIVACY.md), against the database
 * the subgraph uses (<REGION>_DATABASE_URL or DATABASE_URL; otherwise the embedded one under .data/):
 *   npm run person:remove -- <region> <person-id> [--reason "…"]
 * The person, their memberships, attendance and absences, and their name in the records'
 * text go from the records, the read tables and the history, in one transaction; later
 * imports of the data files leave them out. On PostgreSQL it may run while the subgraph
 * serves; the embedded database must be stopped first (it refuses while the subgraph holds it).
 */
import { allRegions } from '../schema/contract/registry';
import { regionalSubgraph } from '../services/regional/definition';
import { connectDatabase } from '../services/regional/database/connect';
import { migrate } from '../services/regional/database/prepare';
import { claimDatabase } from '../services/regional/database/region-stamp';
import { removePerson } from '../services/regional/records/remove-person';
import { regionalConfigFromEnv } from '../services/regional/service';

const names = allRegions().map((r) => r.slug).join('|');
const usage = `usage: npm run person:remove -- <${names}> <person-id> [--reason "…"]`;

function parseArguments(args: string[]): { region: string; personId: string; reason: string | null } | null {
  const positional: string[] = [];
  let reason: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--reason') {
      if (i + 1 >= args.length) return null;
      reason = args[++i];
    } else if (args[i].startsWith('--reason=')) {
      reason = args[i].slice('--reason='.length);
    } else {
      positional.push(args[i]);
    }
  }
  if (positional.length !== 2 || !allRegions().some((r) => r.slug === positional[0])) return null;
  return { region: positional[0], personId: positional[1], reason };
}

async function main() {
  const parsed = parseArguments(process.argv.slice(2));
  if (!parsed) {
    console.error(usage);
    process.exit(2);
  }
  const definition = regionalSubgraph(parsed.region);
  const config = regionalConfigFromEnv(definition);
  // Refuses with EmbeddedDatabaseInUseError while a subgraph holds the embedded data directory.
  const db = await connectDatabase({ url: config.databaseUrl, embeddedDataDir: config.embeddedDataDir });
  try {
    await claimDatabase(db.orm, definition.region);
    await migrate(db.orm);
    const report = await removePerson(db.orm.em.fork(), definition.region, parsed.personId, { subject: 'person:remove', reason: parsed.reason });
    console.log(
      `${definition.name}: removal ${report.number} (person ${report.personHash}): ${report.deleted.length} records deleted, ${report.changed.length} rewritten, ` +
        `${report.historyRewritten} history entries rewritten, ${report.historyDeleted} deleted`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
