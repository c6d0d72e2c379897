/**
 * Validates a region's data files without touching any database:
 *   npm run data:check -- nordjylland
 * Prints what was read, or every problem found, and exits non-zero on problems.
 */
import { join } from 'node:path';
import { DataSetError, readDataSet } from '../services/regional/data/read-data-set';

const regions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['nordjylland', 'syddanmark'];
let failed = false;
for (const region of regions) {
  const directory = join(__dirname, '..', 'services', region, 'data');
  try {
    const set = readDataSet(directory, region);
    const count = (name: string, n: number) => `${n} ${name}`;
    console.log(
      `${region}: ${set.files.length} files, ` +
        [
          count('clusters', set.clusters.length),
          count('bodies', set.bodies.length),
          count('people', set.people.length),
          count('memberships', set.memberships.length),
          count('meetings', set.meetings.length),
          count('agenda items', set.meetings.reduce((n, m) => n + m.agendaItems.length, 0)),
          count('initiatives', set.initiatives.length),
          count('fund tables', set.fundTables.length),
          count('grants', set.grants.length),
          count('agreements', set.agreements.length),
        ].join(', '),
    );
  } catch (error) {
    failed = true;
    console.error(error instanceof DataSetError ? error.message : error);
  }
}
process.exit(failed ? 1 : 0);
