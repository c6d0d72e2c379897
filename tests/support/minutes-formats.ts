/**
 * The documents' minutes in the formats a secretariat publishes them in, made from their text
 * in ../shared/seeds, and the files an importer must refuse:
 * - a PDF printed by Chromium (`page.pdf()`) from an HTML rendering of the text, as a meeting
 *   system prints one: the title a heading, each `Punkt N:` line a heading, `- ` lines list
 *   items, tab-separated lines table rows, every other line a paragraph. Long paragraphs wrap
 *   at the page's width and break across pages, so the PDF's text layer has lines the text
 *   does not have: an importer has to rejoin them;
 * - a Word document (`docx`) of the same structure: headings, paragraphs, bulleted items, tables;
 * - a scanned PDF: a page that is only an image of the rendered minutes, with no text layer;
 * - a `.docx` that is a zip of something else, a file of random bytes and an empty file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import JSZip from 'jszip';
import type { OfflineBrowser } from '../sandbox/browser';

/** The source documents, beside the repository (`../shared/seeds` from its root). */
export const SEEDS_DIR = join(__dirname, '..', '..', '..', 'shared', 'seeds');

/** A fresh temporary folder for the files a test makes. */
export function minutesTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'minutes-formats-'));
}

/** A block of the rendered minutes: consecutive list items and table rows make one block. */
export type MinutesBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: string[][] };

const ITEM_HEADING = /^Punkt \d+[a-z]?(\.\d+)*:/;
const LIST_ITEM = /^- /;

/** The text's non-empty lines as blocks, in order (the first line is the title). */
export function minutesBlocks(text: string): MinutesBlock[] {
  const blocks: MinutesBlock[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const last = blocks.at(-1);
    if (raw.includes('\t')) {
      const cells = raw.split('\t').map((cell) => cell.trim());
      if (last?.kind === 'table') last.rows.push(cells);
      else blocks.push({ kind: 'table', rows: [cells] });
    } else if (LIST_ITEM.test(raw.trim())) {
      const item = raw.trim().replace(LIST_ITEM, '');
      if (last?.kind === 'list') last.items.push(item);
      else blocks.push({ kind: 'list', items: [item] });
    } else if (blocks.length === 0) {
      blocks.push({ kind: 'title', text: raw.trim() });
    } else if (ITEM_HEADING.test(raw.trim())) {
      blocks.push({ kind: 'heading', text: raw.trim() });
    } else {
      blocks.push({ kind: 'paragraph', text: raw.trim() });
    }
  }
  return blocks;
}

/** A run of a line's text, with the emphasis the text extraction marked in Markdown. */
export interface InlineRun {
  text: string;
  bold: boolean;
  italic: boolean;
  link: boolean;
}

// `**bold**`, `[link](…)`, `*italic*`; a lone asterisk (a footnote mark, "kr.*") is text.
const INLINE_MARKUP = /\*\*([^*]+)\*\*|\[([^\]]+)\]\([^)]*\)|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g;

/**
 * A line as runs: the seed texts carry the original's bold, italics and links as Markdown, which
 * a printed or Word document shows as formatting; the words are what its text layer holds.
 */
export function inlineRuns(line: string): InlineRun[] {
  const runs: InlineRun[] = [];
  let at = 0;
  for (const match of line.matchAll(INLINE_MARKUP)) {
    if (match.index > at) runs.push({ text: line.slice(at, match.index), bold: false, italic: false, link: false });
    const [, bold, link, italic] = match;
    runs.push({ text: bold ?? link ?? italic, bold: bold !== undefined, italic: italic !== undefined, link: link !== undefined });
    at = match.index + match[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at), bold: false, italic: false, link: false });
  return runs;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The text escaped, with each word that holds a hyphen kept on one line. Chromium breaks a
 * line after a hyphen inside a word ("08-" / "02-2024"), and no reader of a PDF can tell such
 * a break from one after a hyphen before a space ("Børne-" / "og"): the text layer has lost
 * which it was. Lines then break at spaces only, which a reader rejoins with one space.
 */
function wrapAtSpaces(text: string): string {
  return inlineRuns(text)
    .map((run) => {
      const html = run.text
        .split(/( +)/)
        .map((part) => (/\S-\S/.test(part) ? `<span class="word">${escapeHtml(part)}</span>` : escapeHtml(part)))
        .join('');
      return run.bold ? `<strong>${html}</strong>` : run.italic ? `<em>${html}</em>` : run.link ? `<a href="#">${html}</a>` : html;
    })
    .join('');
}

/** The minutes as a printable HTML page. */
export function minutesHtml(text: string): string {
  const body = minutesBlocks(text)
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `<h1>${wrapAtSpaces(block.text)}</h1>`;
        case 'heading':
          return `<h2>${wrapAtSpaces(block.text)}</h2>`;
        case 'paragraph':
          return `<p>${wrapAtSpaces(block.text)}</p>`;
        case 'list':
          // The dash is printed text, as the case systems print it, not a bullet drawn by CSS
          // (which a PDF's text layer would not hold).
          return `<ul>${block.items.map((item) => `<li>- ${wrapAtSpaces(item)}</li>`).join('')}</ul>`;
        case 'table':
          return `<table>${block.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</table>`;
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Referat</title>
<style>
  body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.35; margin: 0; }
  h1 { font-size: 16pt; margin: 0 0 12pt; }
  h2 { font-size: 13pt; margin: 16pt 0 6pt; }
  p { margin: 0 0 6pt; }
  ul { margin: 0 0 6pt; padding-left: 18pt; list-style: none; }
  li { text-indent: -8pt; }
  .word { white-space: nowrap; }
  table { border-collapse: collapse; margin: 0 0 8pt; }
  td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; }
</style></head>
<body>
${body}
</body></html>`;
}

/** Prints the minutes to PDF with Chromium, A4 with margins; returns the file's path. */
export async function writeMinutesPdf(text: string, browser: OfflineBrowser, path: string): Promise<string> {
  const page = await browser.newOfflinePage();
  try {
    await page.page.setContent(minutesHtml(text), { waitUntil: 'load' });
    await page.page.pdf({ path, format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' }, printBackground: true });
  } finally {
    await page.close();
  }
  return path;
}

/**
 * A scanned PDF: the first screen of the rendered minutes as a PNG, printed as the page's only
 * content, so the PDF looks like minutes but has no text layer.
 */
export async function writeScannedPdf(text: string, browser: OfflineBrowser, path: string): Promise<string> {
  const page = await browser.newOfflinePage();
  try {
    await page.page.setContent(minutesHtml(text), { waitUntil: 'load' });
    const png = await page.page.screenshot({ type: 'png' });
    await page.page.setContent(
      `<!doctype html><html><body style="margin:0"><img alt="" style="width:100%" src="data:image/png;base64,${png.toString('base64')}"></body></html>`,
      { waitUntil: 'load' },
    );
    await page.page.pdf({ path, format: 'A4', printBackground: true });
  } finally {
    await page.close();
  }
  return path;
}

const textRuns = (line: string) => inlineRuns(line).map((run) => new TextRun({ text: run.text, bold: run.bold, italics: run.italic, underline: run.link ? {} : undefined }));

/** The minutes as a Word document: title and item headings as headings, lists bulleted, tables as tables. */
export async function writeMinutesDocx(text: string, path: string): Promise<string> {
  const children: Array<Paragraph | Table> = [];
  for (const block of minutesBlocks(text)) {
    switch (block.kind) {
      case 'title':
        children.push(new Paragraph({ children: textRuns(block.text), heading: HeadingLevel.HEADING_1 }));
        break;
      case 'heading':
        children.push(new Paragraph({ children: textRuns(block.text), heading: HeadingLevel.HEADING_2 }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: textRuns(block.text) }));
        break;
      case 'list':
        for (const item of block.items) children.push(new Paragraph({ children: textRuns(item), bullet: { level: 0 } }));
        break;
      case 'table': {
        const columns = Math.max(...block.rows.map((row) => row.length));
        const rows = block.rows.map(
          (row) =>
            new TableRow({
              children: Array.from({ length: columns }, (_, i) => new TableCell({ children: [new Paragraph({ text: row[i] ?? '', alignment: AlignmentType.LEFT })] })),
            }),
        );
        children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
        // Word needs a paragraph between two tables, or it merges them.
        children.push(new Paragraph({ text: '' }));
        break;
      }
    }
  }
  const document = new Document({ sections: [{ children }] });
  writeFileSync(path, await Packer.toBuffer(document));
  return path;
}

/** A `.docx` that is a zip, but of a readme, not of a Word document. */
export async function writeZipAsDocx(path: string): Promise<string> {
  const zip = new JSZip();
  zip.file('readme.txt', 'Bilag til referatet: se mappen.\n');
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
  return path;
}

/** Random bytes (seeded by nothing: any garbage will do; 4 KiB). */
export function writeGarbage(path: string): string {
  writeFileSync(path, randomBytes(4096));
  return path;
}

export function writeEmpty(path: string): string {
  writeFileSync(path, '');
  return path;
}
