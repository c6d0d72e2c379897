/**
 * The importer on the three sets of minutes as the secretariats have them: printed to PDF by
 * Chromium (page.pdf(), the text in a page of its own, wrapped by the page's width) and written
 * as Word documents (the `docx` library, one paragraph a line). Each must give what the text
 * gives against the hand-made data sets: agenda items, decisions (whitespace aside), proposals,
 * apologies and absences, date, time and place; participants with role for at least 90 %.
 * Also: a PDF with no text layer (only a drawing, as a scan has) is refused.
 * Needs Debian's /usr/bin/chromium; SKIP_BROWSER_TESTS=1 skips the PDF part explicitly.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { readDataSet } from '../../services/regional/data/read-data-set';
import { regionalSubgraph } from '../../services/regional/definition';
import { extractTextFromBytes, MinutesRefusedError } from '../../services/regional/minutes/extract-text';
import { importMinutesText } from '../../services/regional/minutes/import-minutes';
import { launchOfflineBrowser, SKIP_BROWSER_TESTS, type OfflineBrowser } from '../sandbox/browser';

const SEEDS = join(__dirname, '../../../shared/seeds');
const normal = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const cases = [
  { prefix: '001_', region: 'nordjylland', cluster: 'nordjylland-midt' },
  { prefix: '002_', region: 'nordjylland', cluster: 'nordjylland-syd' },
  { prefix: '004_', region: 'syddanmark', cluster: 'syddanmark-sydvestjylland' },
].map((c) => ({ ...c, file: readdirSync(SEEDS).find((f) => f.startsWith(c.prefix))! }));

let browser: OfflineBrowser | null = null;

beforeAll(async () => {
  if (!SKIP_BROWSER_TESTS) browser = await launchOfflineBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function printed(html: string): Promise<Uint8Array> {
  const { page, close } = await browser!.newOfflinePage();
  try {
    await page.setContent(html);
    return await page.pdf({ format: 'A4', margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' } });
  } finally {
    await close();
  }
}

const asPdf = (text: string) => printed(`<html><body><pre style="white-space: pre-wrap; font-family: sans-serif; font-size: 11pt">${escapeHtml(text)}</pre></body></html>`);

async function asDocx(text: string): Promise<Uint8Array> {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
}

function expectAsHandMade(text: string, { file, region, cluster }: (typeof cases)[number]) {
  const meeting = importMinutesText(text, { clusterId: cluster, document: file }).dataSet.meetings[0];
  const reference = readDataSet(regionalSubgraph(region).dataDirectory, region).meetings.find((m) => m.document === file && m.status === 'HELD' && m.agendaItems.length > 0)!;
  expect([meeting.id, meeting.date, meeting.startsAt, meeting.place]).toEqual([reference.id, reference.date, reference.startsAt, reference.place]);
  const items = (m: typeof meeting) =>
    m.agendaItems.map((i) => ({ number: i.number, title: i.title, decision: normal(i.decision), proposals: i.recommendations.map((r) => [r.number, normal(r.text)]), absent: i.absentPersonIds }));
  expect(items(meeting)).toEqual(items(reference));
  const status = (m: typeof meeting) => Object.fromEntries(m.attendance.map((a) => [a.personId, a.status]));
  expect(status(meeting)).toEqual(status(reference));
  const withRole = (m: typeof meeting) => m.attendance.map((a) => JSON.stringify([a.personId, a.role, a.organisation, a.party]));
  const expected = new Set(withRole(reference));
  expect(withRole(meeting).filter((p) => expected.has(p)).length / expected.size).toBeGreaterThanOrEqual(0.9);
}

describe.each(cases)('minutes $prefix', (c) => {
  const text = readFileSync(join(SEEDS, c.file), 'utf8');

  (SKIP_BROWSER_TESTS ? it.skip : it)('as a PDF printed by Chromium', async () => {
    expectAsHandMade(await extractTextFromBytes(await asPdf(text), '.pdf'), c);
  });

  it('as a Word document', async () => {
    expectAsHandMade(await extractTextFromBytes(await asDocx(text), '.docx'), c);
  });
});

(SKIP_BROWSER_TESTS ? it.skip : it)('refuses a PDF without a text layer, as a scan is', async () => {
  const scan = await printed('<html><body><svg width="400" height="300"><rect x="10" y="10" width="380" height="280" fill="#888"/></svg></body></html>');
  const error = await extractTextFromBytes(scan, '.pdf').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MinutesRefusedError);
  expect((error as Error).message).toBe('no text layer: a scanned PDF? OCR is not supported');
});
