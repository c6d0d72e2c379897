/**
 * The rendering rules of the test documents (tests/support/minutes-formats.ts): which lines of
 * a text become a title, headings, list items, table rows and paragraphs, and which Markdown
 * of the text extractions becomes formatting while a footnote's asterisk stays text.
 */
import { inlineRuns, minutesBlocks, minutesHtml } from '../../support/minutes-formats';

const TEXT = [
  '',
  'REFERAT Direktørforum Sundhedsklynge Midt d. 08-02-2024',
  '',
  'Indholdsfortegnelse',
  'Deltagere.....\t3',
  'Eventuelt.....\t27',
  '',
  'Punkt 3a: Status for klyngemidlerne',
  'Beslutning',
  '- Taget til efterretning.',
  '- Budgettet blev godkendt.',
  '  5. Træning af borgere',
  'Punktet er ikke et punkt: Punkt 4 nævnes her',
].join('\n');

describe('minutes formats for the importer tests', () => {
  it('makes the first line the title, Punkt lines headings, runs of "- " lines lists and of tab lines tables', () => {
    expect(minutesBlocks(TEXT)).toEqual([
      { kind: 'title', text: 'REFERAT Direktørforum Sundhedsklynge Midt d. 08-02-2024' },
      { kind: 'paragraph', text: 'Indholdsfortegnelse' },
      { kind: 'table', rows: [['Deltagere.....', '3'], ['Eventuelt.....', '27']] },
      { kind: 'heading', text: 'Punkt 3a: Status for klyngemidlerne' },
      { kind: 'paragraph', text: 'Beslutning' },
      { kind: 'list', items: ['Taget til efterretning.', 'Budgettet blev godkendt.'] },
      { kind: 'paragraph', text: '5. Træning af borgere' },
      { kind: 'paragraph', text: 'Punktet er ikke et punkt: Punkt 4 nævnes her' },
    ]);
  });

  it('turns bold, italics and links into formatting and keeps a lone asterisk as text', () => {
    const plain = (text: string) => ({ text, bold: false, italic: false, link: false });
    expect(inlineRuns('Mads Duedahl - **mødeleder**')).toEqual([plain('Mads Duedahl - '), { text: 'mødeleder', bold: true, italic: false, link: false }]);
    expect(inlineRuns('projektet *Videosamtaler*.')).toEqual([plain('projektet '), { text: 'Videosamtaler', bold: false, italic: true, link: false }, plain('.')]);
    expect(inlineRuns('i "[Endelig aftale](#)"')).toEqual([plain('i "'), { text: 'Endelig aftale', bold: false, italic: false, link: true }, plain('"')]);
    expect(inlineRuns('(1.944.443 kr.*), hvilket')).toEqual([plain('(1.944.443 kr.*), hvilket')]);
    expect(inlineRuns('*Forventet politisk godkendt.')).toEqual([plain('*Forventet politisk godkendt.')]);
  });

  it('prints the dash of a list item as text and keeps hyphenated words whole', () => {
    const html = minutesHtml('REFERAT\n- Frank Schmidt-Hansen & co <deltog>\n');
    expect(html).toContain('<li>- Frank <span class="word">Schmidt-Hansen</span> &amp; co &lt;deltog&gt;</li>');
  });
});
