/**
 * The text layer of a PDF as lines and paragraphs, by pdfjs-dist (Mozilla's maintained PDF
 * reader, pure JavaScript, runs on Node 20). A PDF has no lines or paragraphs, only positioned
 * runs of text, so they are rebuilt from the positions:
 * - runs on one baseline are one line, in reading order; a wide gap between runs (a table's
 *   columns, a contents leader) is a tab;
 * - a vertical gap larger than the usual line distance of that text size (a paragraph's
 *   margin), or a change of text size (a heading), is a blank line, so paragraphs survive;
 * - a line followed at the usual distance by one whose first word would have fitted after it
 *   was not wrapped by the layout: it ends a line of the text (a label, a name in a list of
 *   participants); only a line that reaches the right edge goes on in the next;
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
      const inked = inOrder.filter((run) => run.str.trim() !== '');
      let text = '';
      let end = -Infinity;
      // Runs of spaces are left out and the spaces come from the gaps between the runs with
      // ink: a run of spaces may be as wide as a table's column gap or a table of contents'
      // leader, and then the gap is a tab.
      for (const run of inked) {
        // A gap wider than a space's width between runs is a space the PDF does not print.
        const gap = run.x - end;
        if (text !== '' && gap > run.height * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.str)) text += gap > run.height ? '\t' : ' ';
        text += run.str;
        end = run.x + run.width;
      }
      const height = Math.max(0, ...inked.map((r) => r.height));
      return { y: l.y, left: inked[0]?.x ?? 0, right: end, height, text: text.replace(/\s+$/, '') };
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
      // heading and its text) is a new block whatever the gap. Across a page break: a line that
      // would have fitted below the last one on its page (down to the lowest foot of a page)
      // was not put there, so its paragraph had ended; otherwise the right edge decides.
      const blank =
        previous !== null &&
        (above === null ? step > lineStep * 0.5 || previous.y - lineStep > pageFoot - lineStep * 0.1 : step > lineStep * 1.2 || !sameSize(previous, line));
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
    // A line in columns (a table's row) is not a paragraph's line: its end is a cell's.
    if (line.text.includes('\t') || next.text.includes('\t')) return false;
    const text = next.text.trim();
    const firstWord = text.split(/\s+/)[0] ?? '';
    // The two lines' scale: their width over their letters' widths in a common sans-serif face,
    // so the first word's width counts its wide and narrow letters.
    const scale = (line.right - line.left + next.right - next.left) / Math.max(1, advance(line.text.trim()) + advance(text));
    const room = rightMargin - line.right - scale * advance(` ${firstWord}`);
    // Measured against the widest line, which is about the layout's width; the estimate errs
    // by a fraction of a letter, so a word that only just fits (within a sixth of an "n") is
    // taken as not fitting.
    return room < scale * ADVANCE.n * 0.15;
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

/**
 * Advance widths of letters in a common sans-serif face (DejaVu Sans, the sans-serif of most
 * Linux systems; in thousandths of the font size): the estimate of how wide a word is, where
 * only a whole line's width is known. Other faces differ in scale more than in proportion.
 */
const ADVANCE: Record<string, number> = (() => {
  const widths: Record<string, number> = {};
  const groups: Array<[string, number]> = [
    ["'ijlIJ", 285],
    [' .,:;/', 325],
    ['f-()[]t!r', 390],
    ['"*–§_', 480],
    ['szc?', 530],
    ['LFkvxyPTY', 590],
    ['oøaåeéEhnubdgpqS0123456789K', 630],
    ['AVÅXZBRC', 690],
    ['UNHDG&', 750],
    ['OQØwM+#<>=', 810],
    ['%mÆæW', 970],
  ];
  for (const [letters, width] of groups) for (const letter of letters) widths[letter] = width;
  return widths;
})();

function advance(text: string): number {
  let total = 0;
  for (const letter of text) total += ADVANCE[letter] ?? ADVANCE[letter.normalize('NFD')[0]] ?? 630;
  return total;
}
