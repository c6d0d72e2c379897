/**
 * CSV as Excel in a Danish locale opens it with a double click:
 * - separator ";": Danish Excel's list separator (the comma is the decimal mark there, so a
 *   comma-separated file opens as one column);
 * - UTF-8 with a byte-order mark: without it Excel reads the file as Windows-1252 and "æøå"
 *   come out garbled; other tools (Python's csv with encoding "utf-8-sig", R, LibreOffice)
 *   accept the mark;
 * - RFC 4180 otherwise: CRLF line ends, a field with the separator, a double quote, CR or LF
 *   is enclosed in double quotes, and a double quote inside is doubled;
 * - amounts as plain integers (-1022190): no thousands separator that a locale could misread;
 * - a text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or
 *   a carriage return: OWASP's CSV injection list) gets a leading apostrophe, so it opens as
 *   text. Texts can be written through the API, and an export must not carry a formula into
 *   somebody's spreadsheet. Numbers are never altered.
 */

export const CSV_SEPARATOR = ';';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
const BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, header, rows, each line ended by CRLF. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(CSV_SEPARATOR) + '\r\n').join('');
}
