/**
 * Every document's facts read back through the gateway: counts per source document taken
 * by hand from ../shared/seeds, every fund table line by line with its printed totals
 * reconciled, the fund position of all clusters, and the handover to Sundhedsråd Limfjorden.
 */
import { sharedHub } from '../support/shared-hub';
import { post } from '../support/graphql';

// The hub the e2e suites share (tests/support/shared-hub.ts): this suite only reads.
const hub = sharedHub();

interface Counts {
  meetings: number;
  agendaItems: number;
  listed: number;
  apologies: number;
  initiatives: number;
  fundLines: number;
}

// Counted by hand from the documents. Meetings include those a document only announces
// or whose decisions it records (see each record's status and note).
const HAND_COUNTS: Record<string, Counts> = {
  '000_6059671c5b4e88b7.txt': { meetings: 1, agendaItems: 0, listed: 0, apologies: 0, initiatives: 7, fundLines: 0 },
  '001_f3d27487db9cbfb0.txt': { meetings: 3, agendaItems: 10, listed: 11, apologies: 0, initiatives: 17, fundLines: 16 },
  '002_862ff6785b306e7d.txt': { meetings: 2, agendaItems: 7, listed: 22, apologies: 1, initiatives: 1, fundLines: 4 },
  '004_ddf16a629fcdefaa.txt': { meetings: 6, agendaItems: 11, listed: 11, apologies: 3, initiatives: 6, fundLines: 4 },
};

describe('the documents through the gateway', () => {
  let counts: Record<string, Counts>;
  beforeAll(async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ clusters { meetings { id source { document } agendaItems { id } attendance { status } }
                    initiatives { source { document } parts { source { document } } }
                    fundTables { source { document } rows { kind } } } }`,
    );
    expect(res.errors).toBeUndefined();
    counts = {};
    const add = (document: string, key: keyof Counts, n = 1) => {
      counts[document] ??= { meetings: 0, agendaItems: 0, listed: 0, apologies: 0, initiatives: 0, fundLines: 0 };
      counts[document][key] += n;
    };
    // A joint meeting is listed under each of its clusters: one record, counted once.
    const seen = new Set<string>();
    for (const cluster of res.data!.clusters) {
      for (const m of cluster.meetings) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        add(m.source.document, 'meetings');
        add(m.source.document, 'agendaItems', m.agendaItems.length);
        add(m.source.document, 'listed', m.attendance.length);
        add(m.source.document, 'apologies', m.attendance.filter((a: { status: string }) => a.status !== 'PARTICIPANT').length);
      }
      for (const i of cluster.initiatives) {
        add(i.source.document, 'initiatives');
        for (const part of i.parts) add(part.source.document, 'initiatives');
      }
      for (const t of cluster.fundTables) add(t.source.document, 'fundLines', t.rows.filter((r: { kind: string }) => r.kind === 'LINE').length);
    }
  });

  it.each(Object.entries(HAND_COUNTS))('holds what %s says, counted against hand counts', (document, expected) => {
    expect(counts[document]).toEqual(expected);
  });

  it('holds no record from a document that is not a source', () => {
    expect(Object.keys(counts).sort()).toEqual(Object.keys(HAND_COUNTS).sort());
  });

  it('holds the Sundhedsaftale 2024-2027 (003): vision, 4 principles, 3 goal areas with 3, 4 and 3 goals', async () => {
    const res = await post(hub.gatewayUrl, '{ nordjyllandHealthAgreements { title period vision principles { title points } goalAreas { title goals } followUp { year date } source { document } } }');
    expect(res.errors).toBeUndefined();
    const [agreement] = res.data!.nordjyllandHealthAgreements;
    expect(agreement.source.document).toBe('003_c5f691abd2c4998b.txt');
    expect(agreement.vision).toContain('Nordjyderne bliver sundere');
    expect(agreement.principles.map((p: { title: string }) => p.title)).toEqual([
      'Mest mulig sundhed for de fælles ressourcer',
      'Digitale løsninger og velfærdsteknologi',
      'Sammen med borgerne sikrer vi gode forløb',
      'Øget lighed i sundhed',
    ]);
    expect(agreement.goalAreas.map((g: { goals: string[] }) => g.goals.length)).toEqual([3, 4, 3]);
    expect(agreement.followUp.map((f: { year: number }) => f.year)).toEqual(expect.arrayContaining([2024, 2025, 2026, 2027]));
  });

  it('reads every fund table back line by line, every printed total equal to its computed one', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ clusters { id fundTables { id title reportedOn source { document section }
           columns { key label } rows { label kind cells { column amount } } checks { row column printed computed matches } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const tables = res.data!.clusters.flatMap((c: { fundTables: unknown[] }) => c.fundTables);
    expect(tables.map((t: { id: string }) => t.id).sort()).toEqual([
      'nordjylland-midt-klyngemidler-2023',
      'nordjylland-syd-klyngemidler-2025-05-19',
      'syddanmark-sydvestjylland-budget-den-akutte-patient',
      'syddanmark-sydvestjylland-klyngemidler-2023',
    ]);
    for (const table of tables) {
      expect(table.checks.length).toBeGreaterThan(0);
      for (const check of table.checks) expect(check).toMatchObject({ matches: true, printed: check.computed });
      expect(table.source.section).toBeTruthy();
    }
    const midt = tables.find((t: { id: string }) => t.id === 'nordjylland-midt-klyngemidler-2023');
    const row = (label: string) => midt.rows.find((r: { label: string }) => r.label.startsWith(label));
    expect(row('I alt ultimo 2023').cells).toEqual([
      { column: 'jammerbugt', amount: 1588000 },
      { column: 'aalborg', amount: 2682000 },
      { column: 'region', amount: 2750000 },
      { column: 'total', amount: 7020000 },
    ]);
    expect(row('6.').cells.find((c: { column: string }) => c.column === 'region').amount).toBeNull();
    expect(row('Balance').cells.find((c: { column: string }) => c.column === 'jammerbugt').amount).toBe(-1022190);
  });

  it('answers the fund position of every cluster of both regions in one query, with its reporting date', async () => {
    const res = await post(hub.gatewayUrl, '{ clusters { id fundPosition { reportedOn received spent committed uncommitted source { document } } } }');
    expect(res.errors).toBeUndefined();
    const positions = Object.fromEntries(res.data!.clusters.map((c: { id: string; fundPosition: unknown }) => [c.id, c.fundPosition]));
    expect(positions['nordjylland-midt']).toEqual({
      reportedOn: '2024-02-08', received: 7082103, spent: null, committed: 7020000, uncommitted: 62103, source: { document: '001_f3d27487db9cbfb0.txt' },
    });
    expect(positions['nordjylland-syd']).toEqual({
      reportedOn: '2025-05-19', received: 3158999, spent: 1164847, committed: 561791, uncommitted: 1432361, source: { document: '002_862ff6785b306e7d.txt' },
    });
    expect(positions['syddanmark-sydvestjylland']).toEqual({
      reportedOn: '2023-12-05', received: 6547550, spent: null, committed: 3818843, uncommitted: 2728707, source: { document: '004_ddf16a629fcdefaa.txt' },
    });
    // Clusters no document reports on have no position rather than zeros.
    expect(positions['nordjylland-vest']).toBeNull();
    expect(positions['syddanmark-fyn']).toBeNull();
  });

  it('shows in healthCouncil(limfjorden) which Syd initiatives continue and the funds handed over, with sources', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ healthCouncil(id: "limfjorden") { predecessors { id
           initiatives { title successorRecommendation { councilId outcome text } source { document } }
           grants { amount purpose toCouncilId source { document section } }
           fundPosition { uncommitted reportedOn } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const syd = res.data!.healthCouncil.predecessors.find((p: { id: string }) => p.id === 'nordjylland-syd');
    const recommended = syd.initiatives.filter((i: { successorRecommendation: { outcome: string } | null }) => i.successorRecommendation);
    expect(recommended.filter((i: { successorRecommendation: { outcome: string } }) => i.successorRecommendation.outcome === 'CONTINUE').map((i: { title: string }) => i.title)).toEqual([
      'Virtuel borgerundervisning',
    ]);
    expect(recommended.length).toBe(4);
    for (const i of recommended) expect(i.successorRecommendation.councilId).toBe('limfjorden');
    const handedOver = syd.grants.filter((g: { toCouncilId: string | null }) => g.toCouncilId === 'limfjorden');
    expect(handedOver.length).toBeGreaterThan(0);
    expect(handedOver[0].source).toEqual({ document: '002_862ff6785b306e7d.txt', section: expect.stringContaining('Punkt 5') });
    // The exact remainder is the uncommitted figure of the last report.
    expect(syd.fundPosition).toEqual({ uncommitted: 1432361, reportedOn: '2025-05-19' });
  });

  it('dates the approval of Nordjylland’s agreement as 001 Punkt 4 reports it, each fact sourced to 001', async () => {
    const res = await post(hub.gatewayUrl, '{ nordjyllandHealthAgreements { id facts { text date endDate source { document section } } } }');
    expect(res.errors).toBeUndefined();
    const [agreement] = res.data!.nordjyllandHealthAgreements;
    type Fact = { text: string; date: string | null; endDate: string | null; source: { document: string; section: string } };
    const from001 = agreement.facts.filter((f: Fact) => f.source.document === '001_f3d27487db9cbfb0.txt');
    // 001, Punkt 4, Sagsfremstilling: "Sundhedsaftalen 2024-2027 godkendt af Sundhedssamarbejdsudvalget den 24. oktober 2023
    // samt af Regionsrådet og de 11 kommunale byråd i løbet af november og december 2023. […] er således trådt i kraft pr. 1. januar 2024."
    expect(from001.map((f: Fact) => [f.date, f.endDate])).toEqual([['2023-10-24', null], [null, null], ['2024-01-01', null]]);
    expect(from001[0].text).toContain('godkendt af Sundhedssamarbejdsudvalget den 24. oktober 2023');
    expect(from001[1].text).toContain('Regionsrådet og de 11 kommunale byråd i løbet af november og december 2023');
    expect(from001[2].text).toContain('trådt i kraft pr. 1. januar 2024');
    for (const f of from001) expect(f.source.section).toMatch(/^Punkt 4: Den nye Sundhedsaftale og sammenhæng til klyngens handleplan/);
    // The agreement's own facts still name 003.
    expect(agreement.facts.filter((f: Fact) => f.source.document === '003_c5f691abd2c4998b.txt').length).toBeGreaterThan(0);
  });

  it('holds Syddanmark’s Sundhedsaftale 2024-27 from 004 Punkt 8 and 9, without the vision 004 does not give', async () => {
    const res = await post(hub.gatewayUrl, '{ syddanmarkHealthAgreements { id title period vision principles { title } goalAreas { title } facts { text date endDate source { document section } } source { document } } }');
    expect(res.errors).toBeUndefined();
    const [agreement] = res.data!.syddanmarkHealthAgreements;
    expect(agreement).toMatchObject({ id: 'syddanmark-sundhedsaftale-2024-2027', period: '2024-2027', vision: null, principles: [], goalAreas: [], source: { document: '004_ddf16a629fcdefaa.txt' } });
    type Fact = { text: string; date: string | null; endDate: string | null; source: { document: string; section: string } };
    const fact = (words: string) => agreement.facts.find((f: Fact) => f.text.includes(words));
    // Punkt 8: "Sundhedssamarbejdsudvalget godkendte den 30. august 2023 den endelige version af Sundhedsaftalen 2024-27,
    // som har været i høring fra den 9. maj til den 9. august 2023."
    expect(fact('godkendte den 30. august 2023')).toMatchObject({ date: '2023-08-30', source: { document: '004_ddf16a629fcdefaa.txt' } });
    expect(fact('i høring fra den 9. maj til den 9. august 2023')).toMatchObject({ date: '2023-05-09', endDate: '2023-08-09' });
    // Punkt 8: "sendt til endelig politisk godkendelse i de 22 kommuner og regionsrådet".
    expect(fact('de 22 kommuner og regionsrådet')).toMatchObject({ date: null });
    // Punkt 9, Resumé: "Implementeringsplanen for aftalen, der løber fra januar 2024 til juni 2027, …".
    expect(fact('fra januar 2024 til juni 2027').source.section).toMatch(/^Punkt 9: /);
    for (const f of agreement.facts) expect(f.source.section).toMatch(/^Punkt [89]: /);
  });

  it('names who presented items in 004 (Punkt 2, 3, 4) and 001 (Punkt 4), with role as printed, among the cluster’s people', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ sydvest: cluster(id: "syddanmark-sydvestjylland") { people { name } meetings { id agendaItems { number public presenters { person { name } role organisation } } } }
         midt: cluster(id: "nordjylland-midt") { meetings { id agendaItems { number presenters { person { name } role } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    type Item = { number: string; public: boolean; presenters: Array<{ person: { name: string }; role: string | null; organisation: string | null }> };
    const items: Item[] = res.data!.sydvest.meetings.find((m: { id: string }) => m.id === 'syddanmark-sydvestjylland-politisk-2023-12-05').agendaItems;
    const presented = Object.fromEntries(items.filter((i) => i.presenters.length > 0).map((i) => [i.number, i.presenters.map((p) => [p.person.name, p.role])]));
    // Punkt 2: "holdt sygeplejefaglig direktør for psykiatrien, Anne Mette Vind, et oplæg";
    // Punkt 3: "AC-fuldmægtig Martin Grum-Nymann præsenterede indledningsvist et oplæg";
    // Punkt 4: "Sygeplejefaglig direktør Charlotte Mose præsenterede kort datapakken".
    expect(presented).toEqual({
      '2': [['Anne Mette Vind', 'sygeplejefaglig direktør for psykiatrien']],
      '3': [['Martin Grum-Nymann', 'AC-fuldmægtig']],
      '4': [['Charlotte Mose', 'Sygeplejefaglig direktør']],
    });
    const people = res.data!.sydvest.people.map((p: { name: string }) => p.name);
    for (const name of ['Anne Mette Vind', 'Martin Grum-Nymann', 'Charlotte Mose']) expect(people).toContain(name);
    // No item in the documents is closed.
    expect(items.every((i) => i.public)).toBe(true);
    // 001 Punkt 4: "Sundheds og Forebyggelseschef Torben Kjeldgaard indledte punktet med et oplæg".
    const midt = res.data!.midt.meetings.find((m: { id: string }) => m.id === 'nordjylland-midt-direktoerforum-2024-02-08');
    expect(midt.agendaItems.find((i: Item) => i.number === '4').presenters).toEqual([{ person: { name: 'Torben Krogh Kjeldgaard' }, role: 'Sundheds og Forebyggelseschef' }]);
  });

  it('finds the joint meeting of Midt, Syd and Vest on 19 May 2025 (002 Punkt 6) from each of them: one record, one id', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ clusters { id meetings { id date status jointClusterIds body { name } source { document section } } } }`,
    );
    expect(res.errors).toBeUndefined();
    type M = { id: string; date: string; status: string; jointClusterIds: string[]; source: { document: string; section: string } };
    // 002 Punkt 6: "afholdes et fællesmøde med Sundhedsklynge Midt og Sundhedsklynge Vest som opstart på Sundhedsråd Limfjorden den 19. maj 2025".
    const holding = res.data!.clusters
      .filter((c: { meetings: M[] }) => c.meetings.some((m) => m.id === 'nordjylland-syd-faellesmoede-limfjorden-2025-05-19'))
      .map((c: { id: string }) => c.id);
    expect(holding).toEqual(['nordjylland-midt', 'nordjylland-syd', 'nordjylland-vest']);
    const joint: M = res.data!.clusters.find((c: { id: string }) => c.id === 'nordjylland-vest').meetings[0];
    expect(joint).toMatchObject({ date: '2025-05-19', status: 'PLANNED', jointClusterIds: ['nordjylland-midt', 'nordjylland-vest'], source: { document: '002_862ff6785b306e7d.txt' } });
  });

  it('marks what the hub infers: the pilot grants of the clusters 002 does not name, and the 2022 decision recorded as a meeting (004)', async () => {
    const res = await post(hub.gatewayUrl, '{ clusters { id grants { id basis } meetings { id basis } } }');
    expect(res.errors).toBeUndefined();
    type C = { id: string; grants: Array<{ id: string; basis: string }>; meetings: Array<{ id: string; basis: string }> };
    const clusters: C[] = res.data!.clusters;
    const pilotGrant = (clusterId: string) => clusters.find((c) => c.id === clusterId)!.grants.find((g) => g.id.endsWith('-bevilling-innovationspulje-pilotprojekt'))!.basis;
    // 002 Punkt 3 names Syd's project; the others follow from "hver klynge har modtaget 250.000 kr. til deres projekt".
    expect(['nordjylland-nord', 'nordjylland-midt', 'nordjylland-syd', 'nordjylland-vest'].map(pilotGrant)).toEqual(['INFERRED', 'INFERRED', 'SOURCED', 'INFERRED']);
    // 004 Punkt 7: "Den 4. oktober 2022 traf politisk niveau beslutning om …": a decision, not a meeting in so many words.
    const inferred = [...new Set(clusters.flatMap((c) => c.meetings.filter((m) => m.basis === 'INFERRED').map((m) => m.id)))];
    expect(inferred).toEqual(['syddanmark-sydvestjylland-politisk-2022-10-04']);
  });
});

describe('text as printed and as read, through the gateway', () => {
  it('serves 000’s status as printed ("Igsning", "I@sning") and its reading beside it, each correction listed', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ cluster(id: "nordjylland-syd") { initiatives { id title status maturity readings { field text corrections { printed reading } note } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const virtual = res.data!.cluster.initiatives.find((i: { id: string }) => i.id === 'nordjylland-syd-indsats-virtuel-borgerundervisning');
    // 000: "der skal kgbes en ekstern digital Igsning eller udvikles egen I@sning."
    expect(virtual.status).toContain('om der skal kgbes en ekstern digital Igsning eller udvikles egen I@sning.');
    const status = virtual.readings.find((r: { field: string }) => r.field === 'status');
    expect(status.text).toContain('om der skal købes en ekstern digital løsning eller udvikles egen løsning.');
    expect(status.corrections).toEqual(expect.arrayContaining([{ printed: 'Igsning', reading: 'løsning' }, { printed: 'I@sning', reading: 'løsning' }]));
    // 000: "Modenhed … Hgj" is served as printed, read "Høj".
    expect(virtual.maturity).toBe('Hgj');
    expect(virtual.readings.find((r: { field: string }) => r.field === 'maturity').text).toBe('Høj');
    // 000 prints "Borne og Unge psykiatri — Samradsmodel"; 003 prints "Børne og Unge psykiatri – Samrådsmodel, TUT og tilgængelighedsanalyse".
    const child = res.data!.cluster.initiatives.find((i: { id: string }) => i.id === 'nordjylland-syd-indsats-boerne-og-unge-psykiatri');
    expect(child.title).toBe('Borne og Unge psykiatri — Samradsmodel, TUT og tilgeengelighedsanalyse');
    expect(child.readings.find((r: { field: string }) => r.field === 'title')).toMatchObject({
      text: 'Børne og Unge psykiatri – Samrådsmodel, TUT og tilgængelighedsanalyse',
      note: expect.stringContaining('003_c5f691abd2c4998b.txt'),
    });
  });

  it('serves 001’s vision without the extraction’s asterisks (plain text)', async () => {
    const res = await post(hub.gatewayUrl, `{ nordjyllandMeeting(id: "nordjylland-midt-direktoerforum-2024-02-08") { agendaItems { caseDescription } } }`);
    expect(res.errors).toBeUndefined();
    const texts = res.data!.nordjyllandMeeting.agendaItems.map((i: { caseDescription: string | null }) => i.caseDescription ?? '').join('\n');
    // 001 Punkt 4: "Sundhedsaftalens vision er: *Nordjyderne bliver sundere og tager medansvar …*"
    expect(texts).toContain('Sundhedsaftalens vision er: Nordjyderne bliver sundere og tager medansvar for egen sundhed med hjælp fra et sammenhængende sundhedsvæsen');
    expect(texts).not.toMatch(/\*Nordjyderne|\]\(#\)/);
  });
});

describe('the Retningspapir’s principles as 001 counts them', () => {
  it('splits 003’s last line in two, with a note, so the principles are the "6 principper" 001 Punkt 5 counts', async () => {
    const res = await post(hub.gatewayUrl, `{ nordjyllandHealthAgreements { facts { text note source { document } } } }`);
    expect(res.errors).toBeUndefined();
    const principles = res.data!.nordjyllandHealthAgreements[0].facts.filter((f: { text: string }) => f.text.startsWith('Et retningspapir for hele regionen: '));
    expect(principles).toHaveLength(6);
    // 003 prints "Vi anvender de data, der er til rådighed udviser organisatorisk generøsitet" on one line.
    expect(principles.slice(4).map((f: { text: string }) => f.text)).toEqual([
      'Et retningspapir for hele regionen: Vi anvender de data, der er til rådighed',
      'Et retningspapir for hele regionen: udviser organisatorisk generøsitet',
    ]);
    for (const f of principles.slice(4)) expect(f.note).toContain('6 principper');
    expect(principles.slice(0, 4).map((f: { note: string | null }) => f.note)).toEqual([null, null, null, null]);
  });
});

describe('observers apart, through the gateway', () => {
  const counts = (present: number, apologies = 0, absent = 0) => ({ present, apologies, absent });

  it('gives 002’s members a vote and its "Udvalgsformænd med observatørstatus" none', async () => {
    const res = await post(hub.gatewayUrl, `{ nordjyllandMeeting(id: "nordjylland-syd-politisk-2025-05-19") { body { memberships { group votingRight } } } }`);
    expect(res.errors).toBeUndefined();
    const seats = res.data!.nordjyllandMeeting.body.memberships as { group: string; votingRight: boolean | null }[];
    // 002 Punkt 1: 8 under "Sundhedsklyngens medlemmer", 6 under "Udvalgsformænd med observatørstatus".
    expect(seats.filter((m) => m.group === 'Sundhedsklyngens medlemmer').map((m) => m.votingRight)).toEqual(Array(8).fill(true));
    expect(seats.filter((m) => m.group === 'Udvalgsformænd med observatørstatus').map((m) => m.votingRight)).toEqual(Array(6).fill(false));
  });

  it('counts 002’s meeting apart: 7 voting members present and "Afbud fra Per Bach Laursen", 6 observers, 8 "Administrativ deltagelse"', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ nordjyllandMeeting(id: "nordjylland-syd-politisk-2025-05-19") {
           attendanceSummary { votingMembers { present apologies absent } observers { present apologies absent }
                               membersVotingRightNotStated { present apologies absent } administrative { present apologies absent } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.nordjyllandMeeting.attendanceSummary).toEqual({
      votingMembers: counts(7, 1),
      observers: counts(6),
      membersVotingRightNotStated: counts(0),
      administrative: counts(8),
    });
  });

  it('counts 004’s "Mødedeltagere", whose voting right the minutes do not state, apart from voting members: 8 present, 3 "(Fravær)"', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ syddanmarkMeeting(id: "syddanmark-sydvestjylland-politisk-2023-12-05") {
           attendanceSummary { votingMembers { present apologies absent } membersVotingRightNotStated { present apologies absent } administrative { present } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.syddanmarkMeeting.attendanceSummary).toEqual({ votingMembers: counts(0), membersVotingRightNotStated: counts(8, 3), administrative: { present: 0 } });
  });

  it('gives a person’s summary in the capacity held: Per Bach Laursen a voting member with apologies, Vibeke Gamst an observer present', async () => {
    const res = await post(
      hub.gatewayUrl,
      `{ nordjyllandMeeting(id: "nordjylland-syd-politisk-2025-05-19") { attendance { person { id attendanceSummary { votingMembers { present apologies } observers { present apologies } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const person = (id: string) => res.data!.nordjyllandMeeting.attendance.find((a: { person: { id: string } }) => a.person.id === id).person.attendanceSummary;
    expect(person('nordjylland-person-per-bach-laursen')).toEqual({ votingMembers: { present: 0, apologies: 1 }, observers: { present: 0, apologies: 0 } });
    expect(person('nordjylland-person-vibeke-gamst')).toEqual({ votingMembers: { present: 0, apologies: 0 }, observers: { present: 1, apologies: 0 } });
  });
});
