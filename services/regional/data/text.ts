/**
 * The text rules of the data files, checked on the bytes and on the parsed JSON before the
 * format's schemas run (read-data-set.ts), so `npm run data:check` and every load refuse the
 * same files with the same messages:
 * - strict UTF-8: an invalid byte sequence is refused, never stored as U+FFFD;
 * - no lone surrogate (a `"\ud800"` escape in JSON decodes to one): it is not a character,
 *   and PostgreSQL's driver would store it as U+FFFD;
 * - no C0 control character but tab, line feed and carriage return: PostgreSQL refuses NUL
 *   in text with a message that names no file or row, and the others are invisible typos;
 * - plain text, no markup: the documents are text extractions that carry some Markdown
 *   (`*vision*`, `**mødeleder**`, `[her](#)`, `## OVERSKRIFT`); a data file keeps the words and
 *   strips the markup, everywhere, so a client never has to guess whether a field is Markdown.
 *   Emphasis (`*…*`, `**…**`), links (`[…](…)`) and heading marks (`#` at a line's start) are
 *   refused in every string value; a lone asterisk that marks a footnote ("1.944.443 kr.*",
 *   "*Forventet …") is printed text, not markup, and stays. Line breaks and "- " list lines
 *   are plain text and stay.
 */

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Why `bytes` is not strict UTF-8 (with the byte offset and line of the first bad sequence), or null. */
export function utf8Problem(bytes: Uint8Array): string | null {
  try {
    STRICT_UTF8.decode(bytes);
    return null;
  } catch {
    // The shortest prefix a streaming decode refuses ends in the first bad sequence:
    // prefixes that are merely cut short are not refused while streaming.
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const middle = (good + bad) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
        good = middle;
      } catch {
        bad = middle;
      }
    }
    let line = 1;
    for (let i = 0; i < good; i++) if (bytes[i] === 0x0a) line++;
    return `not valid UTF-8: a bad byte sequence near byte ${good} (line ${line})`;
  }
}

/** Decodes strict UTF-8, throwing with utf8Problem's message. */
export function decodeStrictUtf8(bytes: Uint8Array): string {
  const problem = utf8Problem(bytes);
  if (problem !== null) throw new Error(problem);
  return STRICT_UTF8.decode(bytes);
}

// Tab (09), line feed (0A) and carriage return (0D) are the C0 characters text may hold.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 0x1b: 'ESC', 0x0b: 'vertical tab', 0x0c: 'form feed', 0x08: 'backspace', 0x07: 'bell' };

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a string breaks the text rules, or null. */
export function textProblem(text: string): string | null {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const name = CONTROL_NAMES[code] ? ` (${CONTROL_NAMES[code]})` : '';
    return `contains the control character ${hex(code)}${name} at character ${control.index + 1}; text may hold tab, line feed and carriage return only`;
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    return `contains a lone surrogate ${hex(surrogate[0].charCodeAt(0))} at character ${surrogate.index + 1}, which is not a character (a broken \\u escape?)`;
  }
  return null;
}

// Emphasis: an asterisk run that opens after a line start, a space or an opening bracket or
// quote and before a letter or digit, and closes on the same line after a letter, digit or
// closing punctuation and before a space, punctuation or the end. A footnote mark has no pair.
const EMPHASIS = /(?:^|[\s(\["'“„])(\*{1,2})(?=[\p{L}\p{N}])[^*\n]*?[\p{L}\p{N}.!?)"”]\1(?=$|[\s)\].,;:!?"'”])/mu;
const LINK = /\[[^\]\n]+\]\([^)\s]*\)/;
const HEADING = /^#{1,6}[ \t]/m;

/** Why a string value holds Markdown markup (the data files hold plain text), or null. */
export function markupProblem(text: string): string | null {
  const found = (pattern: RegExp) => {
    const match = pattern.exec(text);
    return match ? `"${match[0].trim().slice(0, 60)}" at character ${match.index + 1}` : null;
  };
  const emphasis = found(EMPHASIS);
  if (emphasis) return `contains Markdown emphasis ${emphasis}; data files hold plain text: keep the words, drop the asterisks`;
  const link = found(LINK);
  if (link) return `contains a Markdown link ${link}; data files hold plain text: keep the link's words, drop the brackets and the target`;
  const heading = found(HEADING);
  if (heading) return `contains a Markdown heading mark ${heading}; data files hold plain text: keep the heading's words, drop the #`;
  return null;
}

/** At most this many text problems are listed per file; a file full of them needs one fix, not a thousand lines. */
export const MAX_TEXT_PROBLEMS_PER_FILE = 20;

/**
 * Every string of a parsed JSON value, object keys included, checked against the text
 * rules: `path: problem`, the path in the format's notation (`meetings.3.agendaItems.2.title`).
 */
export function textProblems(value: unknown): string[] {
  const problems: string[] = [];
  let more = 0;
  const report = (path: string[], problem: string) => {
    if (problems.length < MAX_TEXT_PROBLEMS_PER_FILE) problems.push(`${path.join('.') || '(root)'}: ${problem}`);
    else more++;
  };
  const visit = (node: unknown, path: string[]) => {
    if (typeof node === 'string') {
      const problem = textProblem(node) ?? markupProblem(node);
      if (problem) report(path, problem);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)]));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const keyProblem = textProblem(key);
        // A bad key is printed escaped, as JSON writes it (JSON.stringify escapes controls and lone surrogates).
        const step = keyProblem ? JSON.stringify(key).slice(1, -1) : key;
        if (keyProblem) report([...path, step], `the key ${keyProblem}`);
        visit(child, [...path, step]);
      }
    }
  };
  visit(value, []);
  if (more > 0) problems.push(`… and ${more} more text problems in this file`);
  return problems;
}
