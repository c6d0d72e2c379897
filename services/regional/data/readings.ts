/**
 * Corrected readings of printed text (the rule of format.ts `TextReading`): a record keeps
 * every text exactly as the document prints it, OCR damage included, and lists beside it the
 * corrections a reader makes, printed → reading, each field once. Nothing is corrected
 * silently: the printed text is what the field serves; the reading is derived from it here,
 * so the two cannot drift apart.
 */

export interface TextCorrectionValue {
  printed: string;
  reading: string;
}

export interface TextReadingValue {
  field: string;
  corrections: TextCorrectionValue[];
  note: string | null;
}

// A correction applies to whole words: "pa" reads "på" without touching "kapacitet".
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The start offsets where `printed` occurs in `text` with no letter or digit glued to either end. */
function wholeWordOccurrences(text: string, printed: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(printed); at !== -1; at = text.indexOf(printed, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + printed.length] ?? '';
    const gluedBefore = LETTER_OR_DIGIT.test(printed[0]) && LETTER_OR_DIGIT.test(before);
    const gluedAfter = LETTER_OR_DIGIT.test(printed[printed.length - 1]) && LETTER_OR_DIGIT.test(after);
    if (!gluedBefore && !gluedAfter) found.push(at);
  }
  return found;
}

/** The text as read: every whole-word occurrence of each correction's printed form replaced, in order. */
export function applyCorrections(printed: string, corrections: readonly TextCorrectionValue[]): string {
  let text = printed;
  for (const { printed: from, reading } of corrections) {
    const parts: string[] = [];
    let last = 0;
    for (const at of wholeWordOccurrences(text, from)) {
      if (at < last) continue; // an overlapping occurrence was consumed by the previous one
      parts.push(text.slice(last, at), reading);
      last = at + from.length;
    }
    text = parts.join('') + text.slice(last);
  }
  return text;
}

/** The string a reading's `field` path ("status", "decisions.0.text") names in a record, or undefined. */
export function fieldText(record: unknown, field: string): string | null | undefined {
  let node: unknown = record;
  for (const step of field.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return typeof node === 'string' || node === null ? node : undefined;
}

/**
 * Why a record's readings break the rule: a field that is not a text of the record, a field
 * listed twice, a correction whose printed form the field does not hold as a whole word (it
 * would be a silent no-op, or a typo), or one that changes nothing. `place` prefixes each.
 */
export function readingProblems(record: unknown, readings: readonly TextReadingValue[], place: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  readings.forEach((reading, i) => {
    const at = `${place}.readings.${i}`;
    if (seen.has(reading.field)) problems.push(`${at}.field: "${reading.field}" has a reading already; list its corrections once`);
    seen.add(reading.field);
    const text = fieldText(record, reading.field);
    if (typeof text !== 'string') {
      problems.push(`${at}.field: "${reading.field}" is not a text of this record`);
      return;
    }
    let current = text;
    reading.corrections.forEach((correction, j) => {
      if (correction.printed === correction.reading) problems.push(`${at}.corrections.${j}: reads "${correction.printed}" as itself`);
      else if (wholeWordOccurrences(current, correction.printed).length === 0) {
        problems.push(`${at}.corrections.${j}.printed: "${correction.printed}" is not a word of the printed ${reading.field}`);
      }
      current = applyCorrections(current, [correction]);
    });
  });
  return problems;
}
