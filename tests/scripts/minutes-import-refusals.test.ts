/**
 * `npm run minutes:import` as a process on files it must refuse: random bytes, an empty file,
 * a scanned PDF (an image, no text layer: OCR is out of scope) and a `.docx` that is a zip of
 * something else. Each is refused with one line on stderr saying why and a non-zero exit, and
 * the --out file is not written.
 *
 * The scanned PDF is printed by Chromium; SKIP_BROWSER_TESTS=1 skips that case explicitly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchOfflineBrowser, SKIP_BROWSER_TESTS } from '../sandbox/browser';
import { minutesTempDir, SEEDS_DIR, writeEmpty, writeGarbage, writeScannedPdf, writeZipAsDocx } from '../support/minutes-formats';
import { runScript } from '../support/run-script';

const SCRIPT = 'scripts/minutes-import.ts';
const CLUSTER = 'nordjylland-midt';

if (SKIP_BROWSER_TESTS) {
  // eslint-disable-next-line no-console
  console.warn('SKIP_BROWSER_TESTS=1: skipping the refusal of a scanned PDF (no Chromium to print one).');
}

describe('npm run minutes:import refuses what is no set of minutes it can read', () => {
  const dir = minutesTempDir();

  const cases: Array<{ name: string; make: () => Promise<string> | string; reason: RegExp; browser?: boolean }> = [
    { name: 'random bytes as a .pdf', make: () => writeGarbage(join(dir, 'garbage.pdf')), reason: /pdf/i },
    { name: 'random bytes as a .txt', make: () => writeGarbage(join(dir, 'garbage.txt')), reason: /text|utf-8/i },
    { name: 'random bytes as a .docx', make: () => writeGarbage(join(dir, 'garbage.docx')), reason: /word|docx|zip/i },
    { name: 'an empty .txt', make: () => writeEmpty(join(dir, 'empty.txt')), reason: /empty/i },
    { name: 'an empty .pdf', make: () => writeEmpty(join(dir, 'empty.pdf')), reason: /empty/i },
    { name: 'an empty .docx', make: () => writeEmpty(join(dir, 'empty.docx')), reason: /empty/i },
    { name: 'a .docx that is a zip of a readme', make: () => writeZipAsDocx(join(dir, 'bilag.docx')), reason: /word|docx/i },
    {
      name: 'a scanned PDF (an image of the minutes, no text layer)',
      make: async () => {
        const browser = await launchOfflineBrowser();
        try {
          return await writeScannedPdf(readFileSync(join(SEEDS_DIR, '001_f3d27487db9cbfb0.txt'), 'utf8'), browser, join(dir, 'scannet.pdf'));
        } finally {
          await browser.close();
        }
      },
      reason: /scan|text layer|no text|ocr/i,
      browser: true,
    },
  ];

  for (const { name, make, reason, browser } of cases) {
    const run = browser === true && SKIP_BROWSER_TESTS ? it.skip : it;
    run(`refuses ${name}: one line on stderr, a non-zero exit, no --out file`, async () => {
      const file = await make();
      const out = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      const result = await runScript(SCRIPT, [file, '--cluster', CLUSTER, '--out', out]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^[^\n]+\n$/);
      expect(result.stderr).toMatch(reason);
      expect(existsSync(out)).toBe(false);
    }, 60_000);
  }
});
