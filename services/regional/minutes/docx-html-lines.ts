/**
 * The lines of a Word document from mammoth's HTML conversion, in the plain-text form the
 * importer reads. mammoth's raw text drops a list's bullets and numbers (Word draws them, they
 * are not in the text), and a list item is then an ordinary paragraph; its HTML keeps them as
 * `<ul>`/`<ol>` and `<li>`. Each block becomes what the minutes' plain text holds:
 * - a paragraph or a heading: its line, then a blank line (as mammoth's raw text does);
 * - an item of a bulleted list: "- " and its text; of a numbered list: "1. " and its text
 *   (data/text.ts reads "- " lines as the plain-text form of a list);
 * - a table row: its cells, separated by tabs, one row a line.
 * mammoth's HTML is a small, regular set of elements (no scripts, no attributes that matter),
 * so a tokenizer of tags and text is enough; entities are decoded.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+)/g;

interface OpenList {
  ordered: boolean;
  count: number;
}

export function docxHtmlLines(html: string): string {
  const out: string[] = [];
  const lists: OpenList[] = [];
  // The text of the block being read (a paragraph, a heading, a list item's own text).
  let text = '';
  let prefix = '';
  // A table being read: its row's cells, and the cell's text.
  let cells: string[] | null = null;
  let cell: string[] | null = null;
  let tableDepth = 0;

  const flushBlock = () => {
    const line = text.replace(/[ \t]+/g, ' ').trim();
    if (cell !== null) {
      if (line !== '') cell.push(line);
    } else if (line !== '' || prefix !== '') {
      out.push(`${prefix}${line}`);
      // List items follow one another; a paragraph or heading is followed by a blank line.
      if (prefix === '') out.push('');
    }
    text = '';
    prefix = '';
  };

  for (const match of html.matchAll(TOKEN)) {
    const [, closing, rawTag, chars] = match;
    if (chars !== undefined) {
      text += decode(chars);
      continue;
    }
    const tag = rawTag.toLowerCase();
    const opening = closing === '';
    switch (tag) {
      case 'p':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        flushBlock();
        break;
      case 'br':
        text += '\n';
        break;
      case 'ul':
      case 'ol':
        flushBlock();
        if (opening) lists.push({ ordered: tag === 'ol', count: 0 });
        else {
          lists.pop();
          if (lists.length === 0 && cell === null) out.push('');
        }
        break;
      case 'li': {
        flushBlock();
        const list = lists.at(-1);
        if (opening && list !== undefined) {
          list.count += 1;
          prefix = list.ordered ? `${list.count}. ` : '- ';
        }
        break;
      }
      case 'table':
        flushBlock();
        tableDepth += opening ? 1 : -1;
        if (!opening && tableDepth === 0) out.push('');
        break;
      case 'tr':
        flushBlock();
        if (tableDepth > 1) break;
        if (opening) cells = [];
        else if (cells !== null) {
          if (cells.some((c) => c !== '')) out.push(cells.join('\t'));
          cells = null;
        }
        break;
      case 'td':
      case 'th':
        if (tableDepth > 1) {
          flushBlock();
          break;
        }
        if (opening) {
          flushBlock();
          cell = [];
        } else {
          flushBlock();
          if (cell !== null) cells?.push(cell.join(' '));
          cell = null;
        }
        break;
      default:
        // Inline elements (strong, em, a, sup, …) carry no line structure; their text is kept.
        break;
    }
  }
  flushBlock();
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}
