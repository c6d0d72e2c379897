/**
 * The text layer of a PDF as lines and paragraphs, by pdfjs-dist (Mozilla's maintained PDF
 * reader, pure JavaScript, runs on Node 20). A PDF has no lines or paragraphs, only positioned
 * runs of text, so they are rebuilt from the positions:
 * - runs on one baseline are one line, in reading order;
 * - a vertical gap clearly larger than the page's usual line distance is a blank line, so
 *   paragraphs survive;
 * - a line followed at the usual distance by one whose first word would have fitted after it
 *   was not wrapped by the layout: it ends a line of the text (a name in a list of
 *   participants); otherwise the two are one line of the text;
 * - space left blank at the top or the foot of a page is a blank line, as between lines.
 * A PDF without a text layer (a scan) is refused: OCR is out of scope.
 */
import { MinutesRefusedError } from './refused';

interface Run {
  x: number;
  y: number;
  width: number;
  height: number;
  str: string;
}

interface PdfLine {
  y: number;
  left: number;
  right: number;
  height: number;
  text: string;
}

const PDF_HEADER = '%PDF-';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf(PDF_HEADER) < 0) {
    throw new MinutesRefusedError('not a PDF: the file has no PDF header');
  }
  // ESM-only package: the legacy build is the one for Node without a DOM.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (error) {
    throw new MinutesRefusedError(`not a readable PDF: ${(error as Error).message.split('\n')[0]}`);
  }
  const pages: PdfLine[][] = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        runs.push({ x: item.transform[4], y: item.transform[5], width: item.width, height: item.height || Math.abs(item.transform[3]), str: item.str });
      }
      pages.push(linesOf(runs));
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
  if (pages.every((p) => p.every((l) => l.text.trim() === ''))) {
    throw new MinutesRefusedError('no text layer: a scanned PDF? OCR is not supported');
  }
  return paragraphs(pages);
}

/** Runs on one baseline (within a fraction of the text height) as lines, top to bottom. */
function linesOf(runs: Run[]): PdfLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; runs: Run[] }> = [];
  for (const run of sorted) {
    const line = lines.find((l) => Math.abs(l.y - run.y) <= Math.max(2, run.height * 0.4));
    if (line) line.runs.push(run);
    else lines.push({ y: run.y, runs: [run] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const inOrder = l.runs.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const run of inOrder) {
        // A gap wider than a space's width between runs is a space the PDF does not print.
        const gap = run.x - end;
        if (text !== '' && gap > run.height * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.str)) text += gap > run.height * 2 ? '\t' : ' ';
        text += run.str;
        end = run.x + run.width;
      }
      const height = Math.max(...inOrder.map((r) => r.height));
      return { y: l.y, left: inOrder[0].x, right: end, height, text: text.replace(/\s+$/, '') };
    })
    .filter((l) => l.text.trim() !== '');
}

/** The value below which a fraction `q` of the values lie. */
const percentile = (values: number[], q: number) => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
};

function paragraphs(pages: PdfLine[][]): string {
  const all = pages.flat();
  // The distance of two lines of one paragraph, in units of their text height (a heading's
  // lines are further apart than a paragraph's, in proportion to its size): the small end of
  // the distances of lines of one size (most lines of minutes are one-line paragraphs, so the
  // median would be the distance across a paragraph's gap).
  const ratios = pages.flatMap((p) => p.slice(1).filter((l, i) => sameSize(p[i], l)).map((l) => (p[p.indexOf(l) - 1].y - l.y) / l.height)).filter((d) => d > 0);
  const lineRatio = percentile(ratios, 0.1);
  const rightMargin = Math.max(...all.map((l) => l.right));
  // Where a page's text starts when nothing is left blank at its top.
  const filled = pages.filter((p) => p.length > 0);
  const pageTop = Math.max(...filled.map((p) => p[0].y));
  // Where a page's text ends when nothing is left blank at its foot (the last page ends anywhere).
  const pageFoot = filled.length > 1 ? Math.min(...filled.slice(0, -1).map((p) => p[p.length - 1].y)) : -Infinity;
  const out: string[] = [];
  let previous: PdfLine | null = null;
  for (const page of pages) {
    let above: PdfLine | null = null;
    for (const line of page) {
      const lineStep = lineRatio * line.height;
      const step = above === null ? pageTop - line.y : above.y - line.y;
      // A paragraph's margin makes a gap a fifth of a line or more; a change of text size (a
      // heading and its text) is a new block whatever the gap.
      const blank =
        previous !== null &&
        (above === null ? step > lineStep * 0.5 || previous.y > pageFoot + lineStep * 0.5 : step > lineStep * 1.2 || !sameSize(previous, line));
      const wrapped = previous !== null && !blank && sameSize(previous, line) && wasWrapped(previous, line) && !startsItem(line.text);
      if (blank) out.push('', line.text);
      else if (wrapped) out[out.length - 1] += ` ${line.text.trim()}`;
      else out.push(line.text);
      above = line;
      previous = line;
    }
  }
  /**
   * A line was wrapped by the layout when the next line's first word would not have fitted
   * after it: the layout would have put it there otherwise. A line that ends well before the
   * text block's right edge ends its paragraph (a label on a line of its own).
   */
  function wasWrapped(line: PdfLine, next: PdfLine): boolean {
    const text = next.text.trim();
    const charWidth = (next.right - next.left) / Math.max(1, text.length);
    const firstWord = text.split(/\s+/)[0] ?? '';
    // Measured against the widest line, which is at most the layout's width: in doubt, two lines.
    return line.right + charWidth * (firstWord.length + 1) > rightMargin;
  }
  return out.join('\n');
}

/** Two lines of one text size (within a tenth): a heading's lines and a paragraph's differ. */
function sameSize(a: PdfLine, b: PdfLine): boolean {
  return Math.abs(a.height - b.height) <= 0.1 * Math.max(a.height, b.height);
}

/** A line that starts a list item, a numbered proposal or an agenda item: never the rest of a wrapped line. */
function startsItem(text: string): boolean {
  return /^\s*([-–•]\s|\d+[.)]\s|Punkt\s+\d)/.test(text);
}
