/**
 * Compares an imported draft of minutes with a hand-made data set of the same minutes:
 *   npm run minutes:score -- <draft.json> <reference data set.json> [--unmatched]
 * e.g. the draft of `npm run minutes:import -- referat.pdf --cluster nordjylland-midt --out draft.json`
 * against services/nordjylland/data/seed-001-direktoerforum-midt-2024-02-08.json.
 * Prints, per kind of fact, how many the reference holds (expected), the draft holds (found)
 * and agree exactly (matched), with precision and recall (services/regional/minutes/score.ts).
 * A file that cannot be read or is no data set, or a reference without the draft's meeting,
 * is refused with one line and a non-zero exit. `--unmatched` lists, below the table, each fact
 * the draft lacks (-) or holds beyond the reference (+), to see what an import got wrong.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DataFile } from '../services/regional/data/format';
import { parseDataFile } from '../services/regional/data/read-data-set';
import { draftMeetingOf, scoreMinutes, unmatchedFacts } from '../services/regional/minutes/score';
import { scoreTable } from '../services/regional/minutes/score-table';

const usage = 'usage: npm run minutes:score -- <draft.json> <reference data set.json> [--unmatched]';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function readDataFile(path: string): DataFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return fail(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : message}`, 1);
  }
  const label = basename(path);
  const parsed = parseDataFile(bytes, label);
  if (!parsed.ok) {
    const first = parsed.problems[0].slice(label.length + 2).replace(/\s+/g, ' ');
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more problems)` : '';
    return fail(`${path} is not a data set: ${first}${more}`, 1);
  }
  return parsed.data;
}

const argv = process.argv.slice(2);
const listUnmatched = argv.includes('--unmatched');
const args = argv.filter((a) => a !== '--unmatched');
if (args.length !== 2 || args.some((a) => a.startsWith('-'))) fail(usage, 2);
const [draftPath, referencePath] = args;
const draft = readDataFile(draftPath);
const reference = readDataFile(referencePath);
const draftMeeting = draftMeetingOf(draft);
if (draftMeeting === null) fail(`${draftPath} holds no meeting to score`, 1);
const { meetingId, scores } = scoreMinutes(draft, reference);
if (meetingId === null) fail(`${referencePath} holds no held meeting of the draft's date (${draftMeeting.date ?? 'the draft gives no date'})`, 1);
console.log(`${draftPath} against ${referencePath}, meeting ${meetingId}\n`);
console.log(scoreTable(scores));
if (listUnmatched) {
  for (const { kind, missing, extra } of unmatchedFacts(draft, reference)) {
    if (missing.length + extra.length === 0) continue;
    console.log(`\n${kind}:`);
    for (const fact of missing) console.log(`  - ${fact}`);
    for (const fact of extra) console.log(`  + ${fact}`);
  }
}
