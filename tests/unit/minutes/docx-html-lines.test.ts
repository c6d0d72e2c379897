/**
 * mammoth's HTML of a Word document as the lines the importer reads: list items keep their
 * marks ("- ", "1. "), paragraphs and headings are lines followed by a blank line, table rows
 * are tab-separated cells, entities are decoded and inline formatting is dropped.
 */
import { docxHtmlLines } from '../../../services/regional/minutes/docx-html-lines';

describe('docxHtmlLines', () => {
  it('keeps bulleted and numbered list items as "- " and "N. " lines', () => {
    const html = '<h2>Punkt 3a: Status</h2><p>Beslutning</p><ul><li>Godkendt.</li><li>Taget til <strong>efterretning</strong>.</li></ul><ol><li>Første</li><li>Anden</li></ol>';
    expect(docxHtmlLines(html)).toBe('Punkt 3a: Status\n\nBeslutning\n\n- Godkendt.\n- Taget til efterretning.\n\n1. Første\n2. Anden\n');
  });

  it('reads a table row as tab-separated cells and decodes entities', () => {
    const html = '<table><tr><td><p>Indsats &amp; mål</p></td><td><p>1.000</p></td></tr><tr><td><p>I alt</p></td><td></td></tr></table><p>&quot;Tekst&quot; &#248;</p>';
    expect(docxHtmlLines(html)).toBe('Indsats & mål\t1.000\nI alt\t\n\n"Tekst" ø\n');
  });
});
