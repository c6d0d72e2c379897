/**
 * `npm run minutes:score` as a process: a table per kind of fact for a draft and a reference;
 * a missing file, a file that is no data set and a reference without the draft's meeting are
 * refused with one line on stderr and a non-zero exit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/run-script';

const SCRIPT = 'scripts/minutes-score.ts';
const ROOT = join(__dirname, '..', '..');
const SEED_001 = join(ROOT, 'services/nordjylland/data/seed-001-direktoerforum-midt-2024-02-08.json');
const SEED_004 = join(ROOT, 'services/syddanmark/data/seed-004-sydvestjylland-2023-12-05.json');

describe('npm run minutes:score', () => {
  it('prints one row per kind of fact, and a removed agenda item as one missing from recall', async () => {
    const draft = JSON.parse(readFileSync(SEED_001, 'utf8'));
    const held = draft.meetings.find((m: { status: string }) => m.status === 'HELD');
    const items = held.agendaItems.length;
    held.agendaItems.pop();
    const path = join(mkdtempSync(join(tmpdir(), 'minutes-score-')), 'draft.json');
    writeFileSync(path, JSON.stringify(draft));

    const run = await runScript(SCRIPT, [path, SEED_001]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const row = (kind: string) => run.stdout.split('\n').find((line) => line.startsWith(kind))?.slice(kind.length).trim().split(/\s{2,}/);
    expect(row('agenda item number+title')).toEqual([String(items), String(items - 1), String(items - 1), '100.0 %', `${((100 * (items - 1)) / items).toFixed(1)} %`]);
    for (const kind of ['participant with role', 'meeting date', 'meeting time', 'meeting place']) expect(row(kind)?.slice(3)).toEqual(['100.0 %', '100.0 %']);

    const listed = await runScript(SCRIPT, [path, SEED_001, '--unmatched']);
    const removed = held.agendaItems.length;
    const reference = JSON.parse(readFileSync(SEED_001, 'utf8')).meetings.find((m: { status: string }) => m.status === 'HELD').agendaItems[removed];
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`agenda item number+title:\n  - ${JSON.stringify([reference.number, reference.title])}\n`);
    expect(listed.stdout).not.toMatch(/^  \+ /m);
  });

  it.each([
    ['a missing draft', () => ['/nonexistent/draft.json', SEED_001], /^cannot read \/nonexistent\/draft\.json: no such file\n$/],
    ['a draft that is not JSON', () => [writeTemp('draft.json', 'REFERAT Direktørforum'), SEED_001], /^\S+draft\.json is not a data set: not valid JSON \(.*\)\n$/],
    ['a reference that is JSON but no data set', () => [SEED_001, writeTemp('reference.json', '{"name":"x"}')], /^\S+reference\.json is not a data set: document: .*\n$/],
    ['a reference without the draft\'s meeting', () => [SEED_001, SEED_004], /^\S+seed-004-\S+ holds no held meeting of the draft's date \(2024-02-08\)\n$/],
    ['one file only', () => [SEED_001], /^usage: npm run minutes:score -- <draft\.json> <reference data set\.json> \[--unmatched\]\n$/],
  ])('refuses %s with one line on stderr and a non-zero exit', async (_name, args, message) => {
    const run = await runScript(SCRIPT, args());
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'minutes-score-')), name);
  writeFileSync(path, text);
  return path;
}
