/**
 * The text rule of the data files: printed text stays as printed, OCR damage included, and a
 * record's `readings` give each damaged field as read, correction by correction
 * (services/regional/data/readings.ts). Checked against the words of 000 (the action plan,
 * OCR'd) and of 003 (the health agreement, which reprints the plan's titles and purposes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataSet } from '../../../services/regional/data/read-data-set';
import { applyCorrections, fieldText, readingProblems } from '../../../services/regional/data/readings';
import { regionalSubgraph } from '../../../services/regional/definition';

const SEEDS = join(__dirname, '../../../../shared/seeds');
const set = readDataSet(regionalSubgraph('nordjylland').dataDirectory, 'nordjylland');
const fromPlan = set.initiatives.filter((i) => i.document === '000_6059671c5b4e88b7.txt');
const initiative = (id: string) => fromPlan.find((i) => i.id === `nordjylland-syd-indsats-${id}`)!;
const read = (id: string, field: string) => {
  const record = initiative(id);
  const reading = record.readings.find((r) => r.field === field);
  return reading ? applyCorrections(fieldText(record, field)!, reading.corrections) : fieldText(record, field);
};
// 000's lines joined as the data file joins a cell's lines.
const plan = readFileSync(join(SEEDS, '000_6059671c5b4e88b7.txt'), 'utf8').replace(/\s+/g, ' ');
const agreement = readFileSync(join(SEEDS, '003_c5f691abd2c4998b.txt'), 'utf8');

describe('applyCorrections', () => {
  it('replaces whole words only: "pa" reads "på", "kapacitet" and "pas" stay', () => {
    expect(applyCorrections('er pa plads; kapacitet; pas', [{ printed: 'pa', reading: 'på' }])).toBe('er på plads; kapacitet; pas');
  });

  it('reads 000’s "| den" (a capital I read as a bar) at the start of a sentence', () => {
    expect(applyCorrections('er pa plads. | den mellemliggende periode', [{ printed: '| den', reading: 'I den' }, { printed: 'pa', reading: 'på' }])).toBe(
      'er på plads. I den mellemliggende periode',
    );
  });
});

describe('readingProblems', () => {
  const record = { status: 'Vi afventer fortsat data fra sundhedsklyngens feelles projekt FOBS.', decisions: [{ text: 'x' }] };
  it('accepts a correction the field holds', () => {
    expect(readingProblems(record, [{ field: 'status', corrections: [{ printed: 'feelles', reading: 'fælles' }], note: null }], 'r')).toEqual([]);
  });
  it('refuses a correction the field does not hold, a field that is no text, and a field listed twice', () => {
    expect(
      readingProblems(
        record,
        [
          { field: 'status', corrections: [{ printed: 'maned', reading: 'måned' }], note: null },
          { field: 'status', corrections: [{ printed: 'feelles', reading: 'fælles' }], note: null },
          { field: 'decisions.3.text', corrections: [{ printed: 'x', reading: 'y' }], note: null },
        ],
        'r',
      ),
    ).toEqual([
      'r.readings.0.corrections.0.printed: "maned" is not a word of the printed status',
      'r.readings.1.field: "status" has a reading already; list its corrections once',
      'r.readings.2.field: "decisions.3.text" is not a text of this record',
    ]);
  });
});

describe('000 as printed and as read', () => {
  it('keeps the status as printed ("kgbes en ekstern digital Igsning eller udvikles egen I@sning") and reads it', () => {
    const printed = fieldText(initiative('virtuel-borgerundervisning'), 'status')!;
    expect(plan).toContain('der skal kgbes en');
    expect(printed).toContain('om der skal kgbes en ekstern digital Igsning eller udvikles egen I@sning.');
    expect(read('virtuel-borgerundervisning', 'status')).toBe(
      'Behov for afklaring af, om der skal købes en ekstern digital løsning eller udvikles egen løsning.\n\nDer er overvejelser om at gøre projektet til case for sundhedsklyngens 5 deltagere på hold 2 i Det Nationale Ledelsesprogram.',
    );
  });

  it('keeps the decision’s "| den" and reads "I den"; the doubtful "Om 1,5 vil" stays, with a note', () => {
    const record = initiative('virtuel-borgerundervisning');
    expect(record.decisions[0].text).toContain('er pa plads. | den mellemliggende periode');
    expect(read('virtuel-borgerundervisning', 'decisions.0.text')).toContain('er på plads. I den mellemliggende periode vil kommunerne drage de relevante erfaringer, som skal indtænkes i regionens opstart af projektet.');
    expect(read('virtuel-borgerundervisning', 'decisions.0.text')).toContain('Om 1,5 vil Region Nordjylland indgå i projektet');
    expect(record.readings.find((r) => r.field === 'decisions.0.text')!.note).toMatch(/"Om 1,5 vil" .* ikke rettet/);
  });

  it('reads "gkonomiske", "naestkommende mgde" in every decision that prints them', () => {
    const decisions = fromPlan.filter((i) => i.decisions[0]?.text.includes('herunder de gkonomiske aspekter'));
    expect(decisions.map((i) => i.id)).toHaveLength(3);
    for (const i of decisions) {
      expect(read(i.id.replace('nordjylland-syd-indsats-', ''), 'decisions.0.text')).toBe(
        'Indsatsen skal beskrives yderligere frem mod næstkommende møde i juni, herunder de økonomiske aspekter for indsatsen.',
      );
    }
  });

  it('keeps the target texts with "maned", "gnske" and reads them', () => {
    const id = 'forebyggelige-indlaeggelser-og-genindlaeggelser';
    expect(initiative(id).targets[0].description).toContain('fra 20 patienter pr. maned til 16 patienter pr. maned.');
    expect(read(id, 'targets.0.description')).toContain('fra 20 patienter pr. måned til 16 patienter pr. måned.');
    expect(read(id, 'targets.0.unit')).toBe('patienter pr. måned');
    expect(read(id, 'targets.1.description')).toBe('Samtidig er der et ønske om, at antallet af sengedage reduceres fra 96 til 77 sengedage for projektets målgruppe.');
    expect(read(id, 'status')).toBe('Vi afventer fortsat data fra sundhedsklyngens fælles projekt FOBS.');
  });

  it('keeps title, purpose and maturity as 000 prints them; their reading is 003’s wording', () => {
    const id = 'boerne-og-unge-psykiatri';
    expect(initiative(id).title).toBe('Borne og Unge psykiatri — Samradsmodel, TUT og tilgeengelighedsanalyse');
    expect(plan).toContain('Borne og Unge psykiatri | At fa en feelles');
    expect(read(id, 'title')).toBe('Børne og Unge psykiatri – Samrådsmodel, TUT og tilgængelighedsanalyse');
    expect(agreement).toContain(`- **${read(id, 'title')}**`);
    expect(agreement).toContain(`- ${read(id, 'purpose')}`);
    expect(agreement).toContain(`- ${read('virtuel-borgerundervisning', 'purpose')}`);
    expect(initiative('virtuel-borgerundervisning').maturity).toBe('Hgj');
    expect(read('virtuel-borgerundervisning', 'maturity')).toBe('Høj');
    expect(initiative(id).readings.find((r) => r.field === 'title')!.note).toContain('003_c5f691abd2c4998b.txt');
  });

  it('leaves no OCR misreading the seeds README names ("gnsker", "Igbende", "Hgj") unread in 000’s texts', () => {
    for (const i of fromPlan) {
      for (const field of ['title', 'purpose', 'maturity', 'status', 'decisions.0.text', 'targets.0.description', 'targets.1.description']) {
        const text = read(i.id.replace('nordjylland-syd-indsats-', ''), field);
        if (typeof text === 'string') expect(text).not.toMatch(/\b(gnsk|Igb|Hgj|mgde|pa |feelles|maned)/);
      }
    }
  });
});
