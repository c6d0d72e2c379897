/**
 * Validates a region's data files without touching any database:
 *   npm run data:check                                  every region, its folder in the repository
 *   npm run data:check -- nordjylland                   one region (or several)
 *   npm run data:check -- --dir /tmp/new-data nordjylland   a folder of files for one region, e.g. before copying them in
 * Prints what was read, or every problem found (file and JSON path), and exits non-zero on problems.
 * The same validation runs in `npm run db:load` and in the subgraph's load at start-up.
 */
import { join, resolve } from 'node:path';
import { DataSetError, readDataSet } from '../services/regional/data/read-data-set';

const args = process.argv.slice(2);
const dirAt = args.indexOf('--dir');
const dir = dirAt >= 0 ? args[dirAt + 1] : undefined;
const named = dirAt >= 0 ? args.filter((_, i) => i !== dirAt && i !== dirAt + 1) : args;
if (dirAt >= 0 && (!dir || named.length !== 1)) {
  console.error('usage: npm run data:check -- [--dir <folder> <region>] [<region> …]');
  process.exit(2);
}
const regions = named.length > 0 ? named : ['nordjylland', 'syddanmark'];
let failed = false;
for (const region of regions) {
  const directory = dir !== undefined ? resolve(dir) : join(__dirname, '..', 'services', region, 'data');
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
