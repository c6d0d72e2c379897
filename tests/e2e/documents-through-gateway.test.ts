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
      `{ clusters { meetings { source { document } agendaItems { id } attendance { status } }
                    initiatives { source { document } parts { source { document } } }
                    fundTables { source { document } rows { kind } } } }`,
    );
    expect(res.errors).toBeUndefined();
    counts = {};
    const add = (document: string, key: keyof Counts, n = 1) => {
      counts[document] ??= { meetings: 0, agendaItems: 0, listed: 0, apologies: 0, initiatives: 0, fundLines: 0 };
      counts[document][key] += n;
    };
    for (const cluster of res.data!.clusters) {
      for (const m of cluster.meetings) {
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
});
