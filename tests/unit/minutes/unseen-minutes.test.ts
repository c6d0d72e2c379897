/**
 * The importer on minutes it was not written against: two short sets of our own
 * (tests/fixtures/minutes), one in each layout, with other bodies, clusters and names, items
 * numbered "3a", an item without a decision, items without a recommendation, summer dates
 * (+02:00), Markdown markup to strip, an absence without an apology and a second case layout.
 * Every field is checked against what the fixture prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataFile } from '../../../services/regional/data/read-data-set';
import { importMinutesText } from '../../../services/regional/minutes/import-minutes';

const FIXTURES = join(__dirname, '../../fixtures/minutes');
const load = (file: string, clusterId: string) => importMinutesText(readFileSync(join(FIXTURES, file), 'utf8'), { clusterId, document: file });

describe('grouped layout: Chefforum, Sundhedsklynge Nord, 12 June 2025', () => {
  const result = load('chefforum-nord-2025-06-12.txt', 'nordjylland-nord');
  const meeting = result.dataSet.meetings[0];
  const item = (n: string) => meeting.agendaItems.find((i) => i.number === n)!;

  it('is a valid data file with nothing left unplaced', () => {
    expect(parseDataFile(JSON.parse(JSON.stringify(result.dataSet)), 'draft').ok).toBe(true);
    expect(result.layout).toBe('grouped-participants');
    expect(result.unplaced).toEqual([]);
  });

  it('names the body from the title, at the managers’ level, with ids by the repository’s convention', () => {
    expect(result.dataSet.bodies).toEqual([
      { id: 'nordjylland-nord-chefforum', clusterId: 'nordjylland-nord', name: 'Chefforum Sundhedsklynge Nord', level: 'MANAGERS', description: null, section: 'REFERAT Chefforum Sundhedsklynge Nord d. 12-06-2025' },
    ]);
    expect(meeting.id).toBe('nordjylland-nord-chefforum-2025-06-12');
    expect(meeting.title).toBe('Chefforum Sundhedsklynge Nord d. 12-06-2025');
  });

  it('dates the meeting in Copenhagen summer time', () => {
    expect([meeting.date, meeting.startsAt, meeting.place, meeting.caseNumber]).toEqual(['2025-06-12', '2025-06-12T09:30:00+02:00', 'Mødelokale 3, Rådhuset, Nytorv 1, 9800 Hjørring', null]);
  });

  it('reads the participants by group with role, organisation, chair and the apology', () => {
    expect(meeting.attendance.map((a) => [a.personId, a.status, a.group, a.role, a.organisation, a.isChair])).toEqual([
      ['nordjylland-person-karen-holm-vestergaard', 'PARTICIPANT', 'Chefforum', 'Sundhedschef (medformand)', 'Hjørring Kommune', false],
      ['nordjylland-person-soeren-bak', 'PARTICIPANT', 'Chefforum', 'Kontorchef (medformand)', 'Region Nordjylland', true],
      ['nordjylland-person-ditte-lund-andersen', 'SENT_APOLOGIES', 'Chefforum', 'Ældrechef', 'Frederikshavn Kommune', false],
      ['nordjylland-person-ole-kragh', 'PARTICIPANT', 'Chefforum', 'Praktiserende læge', 'PLO-Nordjylland', false],
      ['nordjylland-person-maria-friis', 'PARTICIPANT', 'Sekretariat', null, 'Brønderslev Kommune', false],
    ]);
    expect(result.dataSet.people.map((p) => p.name)).toEqual(['Karen Holm Vestergaard', 'Søren Bak', 'Ditte Lund Andersen', 'Ole Kragh', 'Maria Friis']);
    // Seats in the body for those listed under its own heading; the secretariat attends without one.
    expect(result.dataSet.memberships.map((m) => [m.id, m.group])).toEqual([
      ['nordjylland-nord-chefforum-karen-holm-vestergaard', 'Chefforum'],
      ['nordjylland-nord-chefforum-soeren-bak', 'Chefforum'],
      ['nordjylland-nord-chefforum-ditte-lund-andersen', 'Chefforum'],
      ['nordjylland-nord-chefforum-ole-kragh', 'Chefforum'],
    ]);
  });

  it('has the items as printed: "3a" and "3b", durations, the repeated heading dropped', () => {
    expect(meeting.agendaItems.map((i) => [i.id, i.number, i.title, i.durationMinutes, i.section])).toEqual([
      ['nordjylland-nord-chefforum-2025-06-12-punkt-1', '1', 'Deltagere', null, 'Punkt 1: Deltagere'],
      ['nordjylland-nord-chefforum-2025-06-12-punkt-2', '2', 'Godkendelse af dagsorden', 5, 'Punkt 2: Godkendelse af dagsorden - 5 min'],
      ['nordjylland-nord-chefforum-2025-06-12-punkt-3a', '3a', 'Status på demensindsatsen', 20, 'Punkt 3a: Status på demensindsatsen - 20 min'],
      ['nordjylland-nord-chefforum-2025-06-12-punkt-3b', '3b', 'Fælles plan for hjemmebesøg', 15, 'Punkt 3b: Fælles plan for hjemmebesøg - 15 min'],
      ['nordjylland-nord-chefforum-2025-06-12-punkt-4', '4', 'Eventuelt', null, 'Punkt 4: Eventuelt'],
    ]);
  });

  it('reads an item without a recommendation, its text without Markdown markup', () => {
    expect(item('3a')).toMatchObject({
      caseDescription: 'Indsatsen er i gang i alle fire kommuner. Der er uddannet 40 demensvejledere.\n\nTallene fremgår af bilaget.',
      recommendationIntro: null,
      recommendations: [],
      decision: 'Taget til efterretning.',
      attachments: ['Statusnotat demens juni 2025'],
    });
  });

  it('reads an item without a decision: null, not guessed', () => {
    expect(item('3b')).toMatchObject({
      caseDescription: 'Kommunerne og regionen har udarbejdet et udkast til en fælles plan for forebyggende hjemmebesøg.',
      recommendationIntro: 'Det indstilles, at Chefforum:',
      recommendations: [
        { number: 1, text: 'Godkender udkastet til fælles plan.' },
        { number: 2, text: 'Sender planen til orientering i Direktørforum.' },
      ],
      decision: null,
      attachments: ['Udkast til fælles plan for hjemmebesøg'],
    });
    expect(item('1').decision).toBe('Afbud fra Ditte Lund Andersen');
    expect(item('2')).toMatchObject({ recommendations: [{ number: 1, text: 'Godkender dagsordenen' }], decision: 'Godkendt.' });
    expect(item('4')).toMatchObject({ recommendations: [], decision: 'Næste møde holdes i september.', caseDescription: null });
  });
});

describe('inline layout: Politisk niveau, Sundhedsklynge Fyn, 20 August 2024', () => {
  const result = load('fyn-politisk-2024-08-20.txt', 'syddanmark-fyn');
  const meeting = result.dataSet.meetings[0];
  const item = (n: string) => meeting.agendaItems.find((i) => i.number === n)!;
  const absent = ['syddanmark-person-henrik-thorup-dam', 'syddanmark-person-anja-hvid'];

  it('is a valid data file with nothing left unplaced', () => {
    expect(parseDataFile(JSON.parse(JSON.stringify(result.dataSet)), 'draft').ok).toBe(true);
    expect(result.layout).toBe('inline-participants');
    expect(result.unplaced).toEqual([]);
  });

  it('has the body at the political level, the case number and the summer offset', () => {
    expect(result.dataSet.bodies.map((b) => [b.id, b.name, b.level])).toEqual([['syddanmark-fyn-politisk-niveau', 'Politisk niveau Sundhedsklynge Fyn', 'POLITICAL']]);
    expect([meeting.id, meeting.date, meeting.startsAt, meeting.place, meeting.caseNumber]).toEqual([
      'syddanmark-fyn-politisk-niveau-2024-08-20',
      '2024-08-20',
      '2024-08-20T15:00:00+02:00',
      'Byrådssalen, Odense Rådhus',
      '24/10001',
    ]);
  });

  it('tells party letters from organisations; an apology is SENT_APOLOGIES, an absence without one ABSENT', () => {
    expect(meeting.attendance.map((a) => [a.personId, a.status, a.party, a.organisation, a.group])).toEqual([
      ['syddanmark-person-lone-kjaer-mikkelsen', 'PARTICIPANT', 'A', null, 'Mødedeltagere'],
      ['syddanmark-person-henrik-thorup-dam', 'SENT_APOLOGIES', 'V', null, 'Mødedeltagere'],
      ['syddanmark-person-ida-soenderby', 'PARTICIPANT', 'SF', null, 'Mødedeltagere'],
      ['syddanmark-person-peter-rask', 'PARTICIPANT', null, 'Nyborg Kommune', 'Mødedeltagere'],
      ['syddanmark-person-anja-hvid', 'ABSENT', null, 'Svendborg Kommune', 'Mødedeltagere'],
      ['syddanmark-person-jens-ulrik-bay', 'PARTICIPANT', null, 'PLO', 'Mødedeltagere'],
    ]);
    expect(result.dataSet.memberships.map((m) => [m.personId, m.party, m.organisation, m.group])).toEqual(
      meeting.attendance.map((a) => [a.personId, a.party, a.organisation, null]),
    );
  });

  it('reads each item: resumé, case, unnumbered proposals, decisions in bullets, absentees', () => {
    expect(meeting.agendaItems.map((i) => [i.number, i.title, i.absentPersonIds])).toEqual([
      ['1', 'Velkomst', absent],
      ['2', 'Rehabilitering efter hospitalsophold', absent],
      ['2a', 'Budget 2025 for klyngen', absent],
      ['3', 'Eventuelt', [absent[0]]],
    ]);
    expect(item('1')).toMatchObject({ recommendations: [], decision: '- Der var afbud fra Henrik Thorup Dam.' });
    expect(item('2')).toMatchObject({
      summary: 'Klyngen drøfter, hvordan genoptræningen kan starte tidligere.',
      caseDescription: 'Ventetiden på genoptræning er steget i to kommuner.\n\nDer er behov for en fælles indsats.',
      recommendationIntro: 'Det indstilles, at politisk niveau i Sundhedsklynge Fyn:',
      recommendations: [
        { number: null, text: 'Drøfter en fælles indsats for tidlig genoptræning.' },
        { number: null, text: 'Beder fagligt strategisk niveau om et oplæg.' },
      ],
      decision: '- Indstillingen blev godkendt.\n- Oplægget behandles på næste møde.',
    });
    expect(item('2a')).toMatchObject({ summary: 'Budgettet for 2025 fremlægges.', recommendations: [{ number: null, text: 'Godkender budgettet for 2025.' }], decision: null });
    expect(item('3')).toMatchObject({ recommendations: [], decision: '- Intet at bemærke.' });
  });
});

describe('what cannot be placed is reported with its line', () => {
  it('reports a line before the first item under no label, and a participant line of no known shape', () => {
    const text = [
      'REFERAT Chefforum Sundhedsklynge Vest d. 03-02-2025',
      'Mødedato Mandag d. 3. februar 2025 kl. 13:00',
      'Et afsnit uden etiket.',
      'Punkt 1: Deltagere',
      'Chefforum',
      'Anna Berg, Sundhedschef i Thisted Kommune',
      'ukendt linje, med komma',
      'Punkt 2: Eventuelt',
      'Beslutning',
      'Intet.',
    ].join('\n');
    const result = importMinutesText(text, { clusterId: 'nordjylland-vest', document: 'vest.txt' });
    expect(result.unplaced.map((u) => [u.line, u.text])).toEqual([
      [3, 'Et afsnit uden etiket.'],
      [7, 'ukendt linje, med komma'],
    ]);
    const meeting = result.dataSet.meetings[0];
    expect([meeting.startsAt, meeting.place]).toEqual(['2025-02-03T13:00:00+01:00', null]);
    expect(meeting.attendance.map((a) => a.personId)).toEqual(['nordjylland-person-anna-berg']);
  });
});

describe('lines a PDF wrapped', () => {
  it('joins a long participants line and a long heading with the line after them, up to the blank line', () => {
    const text = [
      'REFERAT Politisk niveau Sundhedsklynge Lillebælt d. 14-01-2025',
      '',
      'Mødedato Tirsdag d. 14. januar 2025 kl. 16:00',
      '',
      'Mødedeltagere Kasper Holm Nielsen, C, Birthe Aagaard, A, Jonas Lykke Bech, Kolding Kommune,',
      'Rikke Dahl, PLO (Fravær)',
      '',
      'Punkt 1: Orientering om fælles akutfunktion for kommunerne og regionen i hele klyngens',
      'område',
      '',
      'Beslutning i Sundhedsklynge Lillebælt den 14-01-2025',
      '',
      '- Taget til efterretning.',
    ].join('\n');
    const result = importMinutesText(text, { clusterId: 'syddanmark-lillebaelt', document: 'lillebaelt.txt' });
    const meeting = result.dataSet.meetings[0];
    expect(result.unplaced).toEqual([]);
    expect(meeting.startsAt).toBe('2025-01-14T16:00:00+01:00');
    expect(meeting.attendance.map((a) => [a.personId, a.status, a.party, a.organisation])).toEqual([
      ['syddanmark-person-kasper-holm-nielsen', 'PARTICIPANT', 'C', null],
      ['syddanmark-person-birthe-aagaard', 'PARTICIPANT', 'A', null],
      ['syddanmark-person-jonas-lykke-bech', 'PARTICIPANT', null, 'Kolding Kommune'],
      ['syddanmark-person-rikke-dahl', 'ABSENT', null, 'PLO'],
    ]);
    expect(meeting.agendaItems.map((i) => [i.number, i.title, i.decision])).toEqual([
      ['1', 'Orientering om fælles akutfunktion for kommunerne og regionen i hele klyngens område', '- Taget til efterretning.'],
    ]);
  });
});
