/**
 * The plain-text rule of the data files (services/regional/data/text.ts): the documents' text
 * extractions carry Markdown in places; the data files keep the words and strip the markup,
 * and a data check refuses markup. Each case quotes a document's own line.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSetError, readDataSet } from '../../../services/regional/data/read-data-set';
import { markupProblem } from '../../../services/regional/data/text';
import { regionalSubgraph } from '../../../services/regional/definition';

describe('markupProblem', () => {
  it('finds the emphasis 001 prints around the vision', () => {
    // 001, Punkt 4: "Sundhedsaftalens vision er: *Nordjyderne bliver sundere … sundhedsvæsen*"
    const line = 'Sundhedsaftalens vision er: *Nordjyderne bliver sundere og tager medansvar for egen sundhed med hjælp fra et sammenhængende sundhedsvæsen*';
    expect(markupProblem(line)).toMatch(/^contains Markdown emphasis "\*Nordjyderne bliver sundere/);
    expect(markupProblem(line.replace(/\*/g, ''))).toBeNull();
  });

  it('finds strong emphasis (002: "- **mødeleder**") and a heading (003: "## **POLITISK HANDLEPLAN KLYNGE SYD**")', () => {
    expect(markupProblem('Mads Duedahl, Regionsrådsformand (medformand) - **mødeleder**')).toMatch(/emphasis "\*\*mødeleder\*\*"/);
    expect(markupProblem('## POLITISK HANDLEPLAN KLYNGE SYD')).toMatch(/heading mark/);
  });

  it('finds the links 001, 002 and 004 print as "[…](#)"', () => {
    expect(markupProblem('Regeringens dugfriske "[Endelig aftale om 500 mio. til mere behandling i eget hjem](#)"')).toMatch(/Markdown link/);
    expect(markupProblem('Alle høringssvarene kan læses på regionens hjemmeside [her](#), og håndteringen')).toMatch(/Markdown link "\[her\]\(#\)"/);
  });

  it('keeps the footnote asterisk of 004 ("1.944.443 kr.*" … "*Forventet politisk godkendt den 5. december 2023.")', () => {
    expect(markupProblem("samt 'Akutområdet' (1.944.443 kr.*), hvilket resulterer i et tilbagestående på 2.728.707 kr.")).toBeNull();
    expect(markupProblem('*Forventet politisk godkendt den 5. december 2023.')).toBeNull();
    expect(markupProblem("(1.944.443 kr.*), hvilket resulterer i et tilbagestående\n\n*Forventet politisk godkendt den 5. december 2023.")).toBeNull();
  });

  it('keeps "- " list lines and a "#" inside a line as plain text', () => {
    expect(markupProblem('Løbende igennem hele aftaleperioden\n- Arbejde med lokale initiativer')).toBeNull();
    expect(markupProblem('Sag # 22/43402')).toBeNull();
  });
});

describe('the data files are plain text', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it.each(['nordjylland', 'syddanmark'])('every string of %s’s files passes the check', (region) => {
    expect(() => readDataSet(regionalSubgraph(region).dataDirectory, region)).not.toThrow();
  });

  it('a file with the vision’s emphasis put back is refused, naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-data-'));
    dirs.push(dir);
    cpSync(regionalSubgraph('nordjylland').dataDirectory, dir, { recursive: true });
    const file = readdirSync(dir).find((name) => name.startsWith('seed-001'))!;
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const item = data.meetings[0].agendaItems.findIndex((i: { caseDescription: string | null }) => i.caseDescription?.includes('Sundhedsaftalens vision er: Nordjyderne'));
    expect(item).toBeGreaterThanOrEqual(0);
    data.meetings[0].agendaItems[item].caseDescription = data.meetings[0].agendaItems[item].caseDescription.replace(
      'vision er: Nordjyderne bliver sundere og tager medansvar for egen sundhed med hjælp fra et sammenhængende sundhedsvæsen',
      'vision er: *Nordjyderne bliver sundere og tager medansvar for egen sundhed med hjælp fra et sammenhængende sundhedsvæsen*',
    );
    writeFileSync(join(dir, file), JSON.stringify(data, null, 2));
    try {
      readDataSet(dir, 'nordjylland');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DataSetError);
      expect((error as DataSetError).problems).toEqual([
        expect.stringMatching(new RegExp(`^${file}: meetings\\.0\\.agendaItems\\.${item}\\.caseDescription: contains Markdown emphasis "\\*Nordjyderne`)),
      ]);
    }
  });
});
