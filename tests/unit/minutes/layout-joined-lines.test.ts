/**
 * Lines of the layout's own that a PDF's line-joining put at the end of the line above are
 * read as lines of their own: a case number after an item's heading, the contents' heading
 * after the front page's place. A title or place without them is left as printed.
 */
import { readLayout, labelValue } from '../../../services/regional/minutes/layout';

const lines = (text: string) => text.split('\n').map((t, i) => ({ number: i + 1, text: t }));

describe('readLayout with joined lines', () => {
  it('splits a case number off an item heading and keeps it as the item\'s first line', () => {
    const layout = readLayout(lines('REFERAT Chefforum Klynge Øst d. 03-03-2025\n\nPunkt 3a: Drøftelse af emner for kommende møder 25/12345\n\nBeslutning\nGodkendt.'));
    expect(layout.items.map((i) => [i.number, i.title, i.body[0]?.text])).toEqual([['3a', 'Drøftelse af emner for kommende møder', '25/12345']]);
  });

  it('keeps a title that only holds a number as printed', () => {
    const layout = readLayout(lines('Punkt 4: Budget 2025/26\n\nBeslutning\nGodkendt.'));
    expect(layout.items.map((i) => i.title)).toEqual(['Budget 2025/26']);
  });

  it('reads the contents\' heading joined to the place as the start of the contents', () => {
    const layout = readLayout(lines('REFERAT Chefforum Klynge Øst d. 03-03-2025\n\nMødested Rådhuset, 9000 Aalborg Indholdsfortegnelse\nVelkomst.....\t3\n\nPunkt 1: Velkomst'));
    expect(labelValue(layout.placeLine)).toBe('Rådhuset, 9000 Aalborg');
    expect(layout.contents.map((l) => l.text)).toEqual(['Indholdsfortegnelse', 'Velkomst.....\t3']);
  });
});
