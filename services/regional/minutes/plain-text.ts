/**
 * The minutes as plain lines: the text extractions carry some Markdown (`**mødeleder**`,
 * `*projektets titel*`, `[her](#)`, `# OVERSKRIFT`), and the data files hold plain text
 * (data/text.ts), so the markup goes and the words stay. A lone asterisk that marks a footnote
 * ("1.944.443 kr.*", "*Forventet …") has no pair and stays, as text.ts requires.
 */

/** One line of the extracted text with its 1-based number, for the report of what was not placed. */
export interface Line {
  number: number;
  text: string;
}

// The same shapes data/text.ts refuses, here to keep their words.
const EMPHASIS = /(^|[\s(\["'“„])(\*{1,2})(?=[\p{L}\p{N}])([^*\n]*?[\p{L}\p{N}.!?)"”])\2(?=$|[\s)\].,;:!?"'”])/gu;
const LINK = /\[([^\]\n]+)\]\([^)\s]*\)/g;
const HEADING = /^#{1,6}[ \t]+/;

/** The line without Markdown markup, whitespace at its ends and non-breaking spaces. */
export function plainLine(text: string): string {
  let line = text.replace(/\u00a0/g, ' ').replace(HEADING, '');
  line = line.replace(LINK, '$1');
  // Emphasis can nest (`***…***`) or follow another on the line: repeat until stable.
  for (let previous = ''; previous !== line; ) {
    previous = line;
    line = line.replace(EMPHASIS, '$1$3');
  }
  return line.trim();
}

/** The text as numbered plain lines (blank lines kept: they separate paragraphs). */
export function plainLines(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => ({ number: i + 1, text: plainLine(raw) }));
}

/**
 * Paragraphs of a block joined as the data files hold long texts: lines of one paragraph by a
 * line break, paragraphs by a blank line; list items ("- …") that follow one another are one
 * list, so a blank line between two of them is not kept.
 */
export function joinBlock(lines: readonly Line[]): string | null {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  const close = () => {
    if (current.length > 0) paragraphs.push(current);
    current = [];
  };
  for (const line of lines) {
    if (line.text === '') close();
    else current.push(line.text);
  }
  close();
  if (paragraphs.length === 0) return null;
  let out = paragraphs[0].join('\n');
  for (let i = 1; i < paragraphs.length; i++) {
    const listContinues = isListItem(paragraphs[i - 1][paragraphs[i - 1].length - 1]) && isListItem(paragraphs[i][0]);
    out += (listContinues ? '\n' : '\n\n') + paragraphs[i].join('\n');
  }
  return out;
}

export function isListItem(text: string): boolean {
  return /^[-–•]\s/.test(text);
}
