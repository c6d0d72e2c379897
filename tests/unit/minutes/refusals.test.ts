/**
 * Files the importer refuses, each with one line saying why: empty, not text, not minutes, a
 * Word file that is a zip of something else or no zip at all, a PDF without a text layer,
 * an unknown type or cluster. Nothing is returned for them, so nothing can be written.
 */
import JSZip from 'jszip';
import { extractTextFromBytes, MinutesRefusedError } from '../../../services/regional/minutes/extract-text';
import { importMinutesText } from '../../../services/regional/minutes/import-minutes';

const bytes = (text: string) => new TextEncoder().encode(text);

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MinutesRefusedError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

const syncRefusal = (run: () => unknown) => refusal(Promise.resolve().then(run));

describe('refusals', () => {
  it('an empty file', async () => {
    expect(await refusal(extractTextFromBytes(new Uint8Array(0), '.txt'))).toMatch(/^empty/);
    expect(await refusal(extractTextFromBytes(bytes(' \n\n \t\n'), '.txt'))).toMatch(/^empty/);
    expect(await syncRefusal(() => importMinutesText('', { clusterId: 'nordjylland-syd', document: 'x.txt' }))).toMatch(/^empty/);
  });

  it('binary garbage, invalid UTF-8 and control characters', async () => {
    expect(await refusal(extractTextFromBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), '.txt'))).toMatch(/^not text: not valid UTF-8/);
    expect(await refusal(extractTextFromBytes(bytes('REFERAT\u0000\u0001\u0002'), '.txt'))).toMatch(/^not text: contains the control character U\+0000/);
  });

  it('text that is not a set of minutes', async () => {
    expect(await syncRefusal(() => importMinutesText('Lorem ipsum dolor sit amet.\nNoget andet.', { clusterId: 'nordjylland-syd', document: 'x.txt' }))).toMatch(
      /^not a set of minutes: no title line/,
    );
    expect(await syncRefusal(() => importMinutesText('REFERAT Chefforum Sundhedsklynge Syd d. 01-02-2025\nIngen punkter.', { clusterId: 'nordjylland-syd', document: 'x.txt' }))).toMatch(
      /^not a set of minutes: no agenda item/,
    );
  });

  it('a .docx that is a zip of something else, or no zip', async () => {
    const zip = new JSZip();
    zip.file('billede.txt', 'ikke et Word-dokument');
    const archive = await zip.generateAsync({ type: 'uint8array' });
    expect(await refusal(extractTextFromBytes(archive, '.docx'))).toBe('not a Word document: the zip archive holds no word/document.xml');
    expect(await refusal(extractTextFromBytes(bytes('REFERAT som ren tekst'), '.docx'))).toBe('not a Word document: a .docx is a zip archive, and this file is not one');
  });

  it('a .pdf that is no PDF', async () => {
    expect(await refusal(extractTextFromBytes(bytes('REFERAT som ren tekst'), '.pdf'))).toBe('not a PDF: the file has no PDF header');
  });

  it('an unknown file type and an unknown cluster', async () => {
    expect(await refusal(extractTextFromBytes(bytes('x'), '.odt'))).toMatch(/^unknown file type ".odt"/);
    expect(await syncRefusal(() => importMinutesText('REFERAT X d. 01-02-2025\nPunkt 1: Y', { clusterId: 'nordjylland-oest', document: 'x.txt' }))).toMatch(/^unknown cluster "nordjylland-oest"/);
    expect(await syncRefusal(() => importMinutesText('REFERAT X d. 01-02-2025\nPunkt 1: Y', { clusterId: 'hovedstaden-nord', document: 'x.txt' }))).toMatch(/^unknown cluster "hovedstaden-nord"/);
  });

  it('minutes of another cluster than the one given', async () => {
    const minutes = 'REFERAT Chefforum Sundhedsklynge Sydvestjylland d. 01-02-2025\n\nPunkt 1: Eventuelt';
    expect(await syncRefusal(() => importMinutesText(minutes, { clusterId: 'nordjylland-syd', document: 'x.txt' }))).toBe(
      'the minutes are of Sundhedsklynge Sydvestjylland, not of Sundhedsklynge Syd (nordjylland-syd): give the cluster the minutes name',
    );
  });
});
