/**
 * The documents' three sets of minutes (001, 002, 004 in ../shared/seeds) imported as text, as a
 * PDF printed by Chromium and as a Word document (tests/support/minutes-formats.ts), each
 * scored against the repository's hand-made data set of the same minutes (score.ts). The
 * floors are the issue's: agenda item numbers and titles, apologies and absences, meeting
 * date, time and place 100 %; decision texts and proposals ≥ 95 %; participants with role
 * ≥ 90 %; each in precision and in recall. After the run one line per file and format gives
 * every kind's precision/recall in % and matched/found/expected.
 *
 * The PDF cases need Debian's /usr/bin/chromium; SKIP_BROWSER_TESTS=1 skips them explicitly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MeetingStatus } from '../../schema/contract';
import { parseDataFile } from '../../services/regional/data/read-data-set';
import type { DataFile } from '../../services/regional/data/format';
import { importMinutesFile } from '../../services/regional/minutes/import-minutes';
import { scoreMinutes, type FactScore } from '../../services/regional/minutes/score';
import { scoreLine } from '../../services/regional/minutes/score-table';
import { launchOfflineBrowser, SKIP_BROWSER_TESTS, type OfflineBrowser } from '../sandbox/browser';
import { minutesTempDir, SEEDS_DIR, writeMinutesDocx, writeMinutesPdf } from '../support/minutes-formats';

const ROOT = join(__dirname, '..', '..');

/** Each set of minutes: its seed, its cluster and the repository's data set of it. */
const MINUTES = [
  { seed: '001_f3d27487db9cbfb0', clusterId: 'nordjylland-midt', reference: 'services/nordjylland/data/seed-001-direktoerforum-midt-2024-02-08.json' },
  { seed: '002_862ff6785b306e7d', clusterId: 'nordjylland-syd', reference: 'services/nordjylland/data/seed-002-politisk-syd-2025-05-19.json' },
  { seed: '004_ddf16a629fcdefaa', clusterId: 'syddanmark-sydvestjylland', reference: 'services/syddanmark/data/seed-004-sydvestjylland-2023-12-05.json' },
] as const;

type Format = 'txt' | 'pdf' | 'docx';
const FORMATS: Format[] = ['txt', 'pdf', 'docx'];

/** The floors, for precision and recall alike. */
const FLOORS: Record<string, number> = {
  'agenda item number+title': 1,
  'decision text': 0.95,
  'recommendation proposal': 0.95,
  'participant with role': 0.9,
  'apology/absence': 1,
  'meeting date': 1,
  'meeting time': 1,
  'meeting place': 1,
};

/** The kinds below their floor, each with its figures, so a failure says where and by how much. */
function belowFloors(scores: FactScore[]): string[] {
  return scores
    .filter((s) => s.precision < FLOORS[s.kind] || s.recall < FLOORS[s.kind])
    .map((s) => `${s.kind}: precision ${(100 * s.precision).toFixed(1)} %, recall ${(100 * s.recall).toFixed(1)} % (matched ${s.matched}, found ${s.found}, expected ${s.expected}; floor ${100 * FLOORS[s.kind]} %)`);
}

function readReference(path: string): DataFile {
  const parsed = parseDataFile(readFileSync(join(ROOT, path)), path);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.data;
}

if (SKIP_BROWSER_TESTS) {
  // eslint-disable-next-line no-console
  console.warn('SKIP_BROWSER_TESTS=1: skipping the minutes imported from PDF (no Chromium to print them).');
}

describe('importing the documents\' minutes, scored against the hand-made data sets', () => {
  const dir = minutesTempDir();
  const files = new Map<string, string>();
  const lines: string[] = [];

  beforeAll(async () => {
    let browser: OfflineBrowser | undefined;
    try {
      if (!SKIP_BROWSER_TESTS) browser = await launchOfflineBrowser();
      for (const { seed } of MINUTES) {
        const path = join(SEEDS_DIR, `${seed}.txt`);
        const text = readFileSync(path, 'utf8');
        files.set(`${seed}.txt`, path);
        files.set(`${seed}.docx`, await writeMinutesDocx(text, join(dir, `${seed}.docx`)));
        if (browser !== undefined) files.set(`${seed}.pdf`, await writeMinutesPdf(text, browser, join(dir, `${seed}.pdf`)));
      }
    } finally {
      await browser?.close();
    }
  }, 120_000);

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`kind precision/recall % (matched/found/expected), per file and format:\n${lines.join('\n')}`);
  });

  const cases = MINUTES.flatMap((minutes) => FORMATS.map((format) => ({ ...minutes, format })));
  for (const { seed, clusterId, reference, format } of cases) {
    const run = format === 'pdf' && SKIP_BROWSER_TESTS ? it.skip : it;
    run(`${seed} as ${format}: every kind of fact at or above its floor`, async () => {
      const file = files.get(`${seed}.${format}`);
      if (file === undefined) throw new Error(`${seed}.${format} was not made`);
      const imported = await importMinutesFile(file, { clusterId });
      const referenceData = readReference(reference);
      const { meetingId, scores } = scoreMinutes(imported.dataSet, referenceData);
      lines.push(`${seed.slice(0, 3)} ${format.padEnd(4)} ${meetingId ?? '(no reference meeting)'}: ${scoreLine(scores)}`);

      // The minutes' own meeting: the reference's held meeting with agenda items (others are mentioned ones).
      expect(meetingId).toBe(referenceData.meetings.find((m) => m.status === MeetingStatus.HELD && m.agendaItems.length > 0)?.id);
      expect(belowFloors(scores)).toEqual([]);
    }, 60_000);
  }
});
