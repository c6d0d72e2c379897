/**
 * The text of a set of minutes from the file the secretariat has: `.txt` (strict UTF-8),
 * `.pdf` (the text layer, by pdfjs-dist; a scanned PDF has none and is refused: OCR is out of
 * scope) or `.docx` (mammoth's HTML conversion as lines, which keeps list marks:
 * docx-html-lines.ts). The extension says which, and the content must agree: a `.docx` that
 * is a zip of something else, a `.pdf` without the PDF header, binary bytes in a `.txt` are
 * each refused with one line saying why.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { textProblem, utf8Problem } from '../data/text';
import { docxHtmlLines } from './docx-html-lines';
import { pdfText } from './pdf-text';
import { MinutesRefusedError } from './refused';

export { MinutesRefusedError };

export async function extractText(path: string): Promise<string> {
  const extension = extname(path).toLowerCase();
  if (!['.txt', '.pdf', '.docx'].includes(extension)) {
    throw new MinutesRefusedError(`unknown file type "${extension || '(none)'}": the importer reads .txt, .pdf and .docx`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new MinutesRefusedError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return extractTextFromBytes(bytes, extension);
}

/** The text of a file's bytes, read as `extension` says (".txt", ".pdf", ".docx"). */
export async function extractTextFromBytes(bytes: Uint8Array, extension: string): Promise<string> {
  if (bytes.length === 0) throw new MinutesRefusedError('empty: the file has no bytes');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = extension === '.txt' ? plainText(buffer) : extension === '.pdf' ? await pdfText(buffer) : extension === '.docx' ? await docxText(buffer) : null;
  if (text === null) throw new MinutesRefusedError(`unknown file type "${extension || '(none)'}": the importer reads .txt, .pdf and .docx`);
  if (text.trim() === '') throw new MinutesRefusedError('empty: the file holds no text');
  return text;
}

/** Strict UTF-8 without control characters: anything else is not a text file. */
export function plainText(bytes: Uint8Array): string {
  const encoding = utf8Problem(bytes);
  if (encoding !== null) throw new MinutesRefusedError(`not text: ${encoding}`);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const control = textProblem(text.replace(/\f/g, '\n'));
  if (control !== null) throw new MinutesRefusedError(`not text: ${control}`);
  return text;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

async function docxText(bytes: Buffer): Promise<string> {
  if (!ZIP.every((b, i) => bytes[i] === b)) throw new MinutesRefusedError('not a Word document: a .docx is a zip archive, and this file is not one');
  // A Word document's zip holds word/document.xml; a zip of anything else does not.
  if (!bytes.includes(Buffer.from('word/document.xml'))) throw new MinutesRefusedError('not a Word document: the zip archive holds no word/document.xml');
  const mammoth = await import('mammoth');
  let value: string;
  try {
    // The HTML conversion, not the raw text: it keeps a list's bullets and numbers.
    value = docxHtmlLines((await mammoth.convertToHtml({ buffer: bytes })).value);
  } catch (error) {
    throw new MinutesRefusedError(`not a readable Word document: ${(error as Error).message.split('\n')[0]}`);
  }
  const control = textProblem(value);
  if (control !== null) throw new MinutesRefusedError(`not text: the Word document ${control}`);
  return value;
}
