/**
 * A list of meetings and their agenda items reads the columns the operation asks for
 * (graphql/read-columns.ts), and answers exactly what reading every column answers:
 * through fragments and aliases, `source`, field resolvers with declared needs (the
 * absentees' statement, the presenters' id) and without.
 */
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { regionalSubgraphs } from '../../services/regional/definition';
import { createLogger } from '../../platform/logger';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { post } from '../support/graphql';

const nordjylland = regionalSubgraphs().find((d) => d.name === 'nordjylland')!;
let db: TestDatabase;
let service: RunningRegionalService;
const statements: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('read_columns');
  service = await startRegionalService(nordjylland, {
    host: '127.0.0.1', port: 0, databaseUrl: db.url, load: 'always', logger: createLogger('test'),
    onQuery: (sql) => statements.push(sql),
  });
}, 120_000);
afterAll(async () => {
  await service?.close();
  await db?.drop();
});

/** The answer, and the select lists of the statements on the two tables. */
async function ask(query: string) {
  statements.length = 0;
  const { data, errors } = await post<{ c: { meetings: Array<Record<string, unknown>> } }>(service.url, query);
  expect(errors).toBeUndefined();
  const selectOf = (table: string) => statements.find((s) => new RegExp(`from "${table}" as`).test(s))?.replace(/ from .*/s, '') ?? '';
  return { data: data!, meetings: selectOf('meeting'), items: selectOf('agenda_item') };
}

const ALL_ITEM_FIELDS = 'id number title durationMinutes summary caseDescription recommendationIntro recommendations { number text } decision attachments public absentees { id } presenters { person { id } role } source { document section }';
const ALL_MEETING_FIELDS = 'id title status date startsAt dateText place caseNumber plannedAgenda note basis jointClusterIds source { document section }';

describe('reading the columns an operation asks for', () => {
  it('brings the number, title and decision of agenda items inside the meetings’ statement, and no other column', async () => {
    const { data, meetings, items } = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { startsAt title agendaItems { number title decision } } } }`);
    expect(items).toBe(''); // no statement of their own
    expect(meetings).toContain(`json_build_object('decision', e."decision", 'number', e."number", 'title', e."title")`);
    for (const unasked of ['summary', 'case_description', 'recommendations', 'attachments', 'document']) expect(meetings).not.toContain(`e."${unasked}"`);
    expect(meetings).toMatch(/"m"\."starts_at"/);
    expect(meetings).not.toContain('"m"."place"');
    expect(data.c.meetings.some((m) => (m.agendaItems as unknown[]).length > 0)).toBe(true);
  });

  it('reads agenda items by their own statement, of the columns asked for, when a field resolver answers one of their fields', async () => {
    const { meetings, items } = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { title agendaItems { number title presenters { role } } } } }`);
    expect(meetings).not.toContain('json_build_object');
    expect(items).toMatch(/"i"\."number"/);
    for (const unasked of ['summary', 'case_description', 'recommendations', 'attachments', 'document', 'section']) expect(items).not.toContain(`"i"."${unasked}"`);
    expect(items).not.toContain('array(select');
  });

  it('answers as reading every column does, through fragments, inline fragments and aliases', async () => {
    const lean = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { ...M } } }
      fragment M on Meeting { t: title ... on Meeting { agendaItems { ...I } } a: agendaItems { decision } }
      fragment I on AgendaItem { number n: title }`);
    const full = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { ${ALL_MEETING_FIELDS} agendaItems { ${ALL_ITEM_FIELDS} } } } }`);
    // Absentees and presenters have resolvers: the items are read by their own statement, every column.
    expect(full.items).toContain('array(select');
    expect(full.items).toContain('"i"."summary"');
    const fromFull = full.data.c.meetings.map((m) => ({
      t: m.title,
      agendaItems: (m.agendaItems as Array<Record<string, unknown>>).map((i) => ({ number: i.number, n: i.title })),
      a: (m.agendaItems as Array<Record<string, unknown>>).map((i) => ({ decision: i.decision })),
    }));
    expect(lean.data.c.meetings).toEqual(fromFull);
  });

  it('gives every stored field of an agenda item inside the meetings’ statement as reading the item row gives it', async () => {
    const STORED = 'id number title durationMinutes summary caseDescription recommendationIntro recommendations { number text } decision attachments public source { document section }';
    const embedded = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { id agendaItems { ${STORED} } } } }`);
    expect(embedded.items).toBe('');
    const ids = embedded.data.c.meetings.map((m) => m.id as string);
    expect(ids.length).toBeGreaterThan(1);
    // One meeting by id reads its items by the items' loader, every column.
    const byId = await post<Record<string, { id: string; agendaItems: unknown[] }>>(service.url, `{ ${ids.map((id, i) => `m${i}: nordjyllandMeeting(id: "${id}") { id agendaItems { ${STORED} } }`).join(' ')} }`);
    expect(byId.errors).toBeUndefined();
    expect(embedded.data.c.meetings).toEqual(ids.map((_, i) => byId.data![`m${i}`]));
  });

  it('reads what a resolver declares it needs', async () => {
    const withNeeds = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { id agendaItems { title absentees { name } presenters { role } } } } }`);
    expect(withNeeds.items).toContain('array(select');
    expect(withNeeds.items).not.toContain('"i"."summary"');
    const sourced = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { source { document section } agendaItems { source { section } } } } }`);
    expect(sourced.meetings).toMatch(/"m"\."document"/);
    expect(sourced.meetings).toContain(`'source', json_build_object('document', e."document", 'section', e."section")`);
    expect(sourced.data.c.meetings.every((m) => typeof (m.source as { document: string }).document === 'string')).toBe(true);
    // `version` is a resolver field that declares ['id']: still lean; `participants` declares ['id'] too.
    const record = await ask(`{ c: nordjyllandCluster(id: "nordjylland-midt") { meetings { version participants { name } attendanceSummary { votingMembers { present } } } } }`);
    expect(record.meetings).not.toContain('"m"."place"');
    expect(record.meetings).toMatch(/"m"\."body_id"/);
  });

  it('reads one fund table per cluster for the fund position alone, and answers as from all the tables', async () => {
    const POSITION = 'fundPosition { reportedOn received spent committed uncommitted note fundTableId source { document section } }';
    statements.length = 0;
    const alone = await post<{ nordjyllandClusters: unknown[] }>(service.url, `{ nordjyllandClusters { id ${POSITION} } }`);
    const fundStatements = statements.filter((s) => /from "fund_table"/.test(s));
    expect(fundStatements).toHaveLength(1);
    expect(fundStatements[0]).toContain('distinct on');
    statements.length = 0;
    const withTables = await post<{ nordjyllandClusters: Array<Record<string, unknown>> }>(service.url, `{ nordjyllandClusters { id ${POSITION} fundTables { id } } }`);
    expect(statements.filter((s) => /from "fund_table"/.test(s))).toHaveLength(1);
    expect(withTables.data!.nordjyllandClusters.map(({ fundTables: _, ...rest }) => rest)).toEqual(alone.data!.nordjyllandClusters);
    expect(withTables.data!.nordjyllandClusters.filter((c) => c.fundPosition !== null).length).toBeGreaterThan(0);
  });

  it('reads the initiatives’ columns asked for, and answers as reading every column does', async () => {
    statements.length = 0;
    const lean = await post<{ c: { initiatives: Array<Record<string, unknown>> } }>(service.url, `{ c: nordjyllandCluster(id: "nordjylland-midt") { initiatives { title successorRecommendation { outcome } parts { title } } } }`);
    const select = statements.find((s) => /from "initiative" as "i"/.test(s))!;
    expect(select).toMatch(/"i"\."successor_recommendation"/);
    for (const unasked of ['purpose', 'costs', 'decisions', 'targets', 'readings', 'document']) expect(select).not.toContain(`"i"."${unasked}"`);
    // `readings` declares no needs (it reads the field its corrections apply to): every column.
    statements.length = 0;
    const full = await post<{ c: { initiatives: Array<Record<string, unknown>> } }>(service.url, `{ c: nordjyllandCluster(id: "nordjylland-midt") { initiatives { title successorRecommendation { outcome } parts { title } readings { field } } } }`);
    expect(statements.find((s) => /from "initiative" as "i"/.test(s))).toMatch(/"i"\."purpose"/);
    expect(lean.data!.c.initiatives.length).toBeGreaterThan(0);
    expect(lean.data!.c.initiatives).toEqual(full.data!.c.initiatives.map(({ readings: _, ...rest }) => rest));
  });
});
