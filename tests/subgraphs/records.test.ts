/**
 * The database as the system of record (embedded, or PostgreSQL with TEST_DATABASE_URL):
 * imports of the data files, writes, withdrawals and their history, against a real database.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegionCode } from '../../schema/contract';
import { connectDatabase, type RegionalDatabase } from '../../services/regional/database/connect';
import { prepareDatabase } from '../../services/regional/database/prepare';
import { GENERATED_DOCUMENT, generateSyntheticData, type GenerateOptions } from '../../services/regional/data/generate';
import { regionalSubgraph } from '../../services/regional/definition';
import { importDataFiles } from '../../services/regional/records/import-files';
import { recordKind } from '../../services/regional/records/kinds';
import { publishDataSet } from '../../services/regional/records/publish-data-set';
import { saveRecord, withdrawRecord } from '../../services/regional/records/write-record';
import { createTestDatabase, type TestDatabase } from '../support/database';

const syddanmark = regionalSubgraph('syddanmark');
const SEED = 'seed-004-sydvestjylland-2023-12-05.json';
const writer = { region: RegionCode.SYDDANMARK, subject: 'sekretariat@example.test' };

let testDb: TestDatabase;
let db: RegionalDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase('records');
  db = await connectDatabase({ url: testDb.url });
  await prepareDatabase(db.orm, syddanmark, 'if-changed');
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

const run = (sql: string, params: unknown[] = []) => db.orm.em.getConnection().execute(sql, params);
const count = async (sql: string, params: unknown[] = []) => Number((await run(`select count(*) as n from ${sql}`, params))[0].n);
const em = () => db.orm.em.fork();
const seed = () => JSON.parse(readFileSync(join(syddanmark.dataDirectory, SEED), 'utf8'));

/** A copy of the region's data files with the seed file edited. */
function editedFiles(edit: (data: ReturnType<typeof seed>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-records-'));
  cpSync(syddanmark.dataDirectory, dir, { recursive: true });
  const data = seed();
  edit(data);
  writeFileSync(join(dir, SEED), JSON.stringify(data));
  return dir;
}

describe('importing the data files', () => {
  it('creates a record with one history entry per record, and imports an unchanged file only once', async () => {
    const meetings = await count('record where kind = ?', ['meeting']);
    expect(meetings).toBe(await count('meeting'));
    expect(await count('record_change')).toBe(await count('record'));
    const again = await prepareDatabase(db.orm, syddanmark, 'if-changed');
    expect(again.imported).toEqual([]);
    const always = await importDataFiles(em(), RegionCode.SYDDANMARK, syddanmark.dataDirectory, { all: true });
    expect(always.imported.every((r) => r.created === 0 && r.updated === 0 && r.withdrawn === 0)).toBe(true);
    expect(await count('record_change')).toBe(await count('record'));
  });

  it('updates what a changed file says, withdraws what it no longer lists, and keeps both in the history', async () => {
    const original = seed();
    const dropped = original.meetings[original.meetings.length - 1].id;
    const changed = editedFiles((data) => {
      data.meetings[0].note = 'Rettet i referatet';
      data.meetings.pop();
    });
    const { imported } = await importDataFiles(em(), RegionCode.SYDDANMARK, changed);
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ updated: 1, withdrawn: 1 });
    const [meeting] = await run(`select note from meeting where id = ?`, [original.meetings[0].id]);
    expect(meeting.note).toBe('Rettet i referatet');
    const [gone] = await run(`select withdrawn_at from meeting where id = ?`, [dropped]);
    expect(gone.withdrawn_at).not.toBeNull();
    expect(await count(`record_change where record_id = ? and operation = 'WITHDRAW'`, [dropped])).toBe(1);

    // Listed again: back in the lists.
    const back = await importDataFiles(em(), RegionCode.SYDDANMARK, syddanmark.dataDirectory);
    expect(back.imported[0]).toMatchObject({ updated: 2, withdrawn: 0 });
    expect((await run(`select withdrawn_at from meeting where id = ?`, [dropped]))[0].withdrawn_at).toBeNull();
  });

  it('leaves everything as it was when an import fails half-way', async () => {
    const before = { records: await count('record'), changes: await count('record_change'), items: await count('agenda_item') };
    // Valid to the checks, but the same person twice at one meeting breaks the attendance key after many writes.
    const broken = editedFiles((data) => {
      const meeting = data.meetings.find((m: { attendance: unknown[] }) => m.attendance.length > 0);
      meeting.attendance.push(meeting.attendance[0]);
      meeting.note = 'to be rolled back';
    });
    await expect(importDataFiles(em(), RegionCode.SYDDANMARK, broken)).rejects.toThrow(/duplicate key|attendance_pkey/);
    expect({ records: await count('record'), changes: await count('record_change'), items: await count('agenda_item') }).toEqual(before);
  });
});

describe('writing through the API', () => {
  const newMeeting = () => {
    const template = seed().meetings[0];
    return {
      ...template,
      id: 'syddanmark-sydvestjylland-api-test-2026-12-01',
      title: 'Møde i klyngestyregruppen',
      status: 'PLANNED',
      date: '2026-12-01',
      startsAt: '2026-12-01T14:00:00+01:00',
      agendaItems: template.agendaItems.slice(0, 1).map((i: object) => ({ ...i, id: 'syddanmark-sydvestjylland-api-test-2026-12-01-punkt-1' })),
    };
  };

  it('creates a record at version 1 with its history, and refuses a second create of the same id', async () => {
    const done = await saveRecord(em(), writer, { kind: recordKind('meeting'), input: newMeeting(), document: 'Dagsorden 1. december 2026', argument: 'meeting' });
    expect(done.version).toBe(1);
    const history = await run(`select subject, operation, version from record_change where record_id = ?`, [done.id]);
    expect(history).toEqual([{ subject: writer.subject, operation: 'CREATE', version: 1 }]);
    await expect(saveRecord(em(), writer, { kind: recordKind('meeting'), input: newMeeting(), document: 'x', argument: 'meeting' })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', currentVersion: 1 },
    });
  });

  it('refuses a stale version with CONFLICT and overwrites nothing', async () => {
    const id = newMeeting().id;
    await saveRecord(em(), writer, { kind: recordKind('meeting'), input: { ...newMeeting(), status: 'HELD' }, expectedVersion: 1, argument: 'meeting' });
    await expect(
      saveRecord(em(), writer, { kind: recordKind('meeting'), input: { ...newMeeting(), status: 'CANCELLED' }, expectedVersion: 1, argument: 'meeting' }),
    ).rejects.toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2 } });
    expect((await run(`select status from meeting where id = ?`, [id]))[0].status).toBe('HELD');
  });

  it('names the field path of every broken rule, and writes nothing', async () => {
    const before = await count('record_change');
    const bad = { ...newMeeting(), id: 'syddanmark-other', bodyId: 'syddanmark-no-such-body', agendaItems: [{ ...newMeeting().agendaItems[0], id: 'syddanmark-other-1', title: '' }] };
    const refusal = saveRecord(em(), writer, { kind: recordKind('meeting'), input: bad, document: 'x', argument: 'meeting' });
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(refusal).rejects.toThrow(/meeting\.agendaItems\.0\.title/);
    const unknownBody = saveRecord(em(), writer, { kind: recordKind('meeting'), input: { ...bad, agendaItems: [] }, document: 'x', argument: 'meeting' });
    await expect(unknownBody).rejects.toThrow(/meeting\.bodyId: unknown body "syddanmark-no-such-body"/);
    expect(await count('record_change')).toBe(before);
  });

  it('keeps a record in its cluster: an update moving it to another is refused', async () => {
    const body = seed().bodies[0];
    const [stored] = await run(`select version from record where kind = 'body' and id = ?`, [body.id]);
    const refusal = saveRecord(em(), writer, { kind: recordKind('body'), input: { ...body, clusterId: 'syddanmark-fyn' }, expectedVersion: stored.version, argument: 'body' });
    await expect(refusal).rejects.toThrow(/body\.clusterId: a body stays in its cluster/);
  });

  it('refuses a fund table that does not reconcile, naming the row, and writes nothing', async () => {
    const table = structuredClone(seed().fundTables[0]);
    table.id = 'syddanmark-sydvestjylland-api-fund-table';
    const line = table.rows.find((r: { kind: string }) => r.kind === 'LINE');
    const column = Object.keys(line.cells).find((k) => typeof line.cells[k] === 'number')!;
    line.cells[column] += 1;
    const before = await count('record');
    const refusal = saveRecord(em(), writer, { kind: recordKind('fundTable'), input: table, document: 'x', argument: 'fundTable' });
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(refusal).rejects.toThrow(/fundTable: .*(row|række)/i);
    expect(await count('record')).toBe(before);
  });

  it('keeps a correction when the document is imported again, and reports the conflict when the document changed that field', async () => {
    const original = seed().meetings[0];
    const [stored] = await run(`select version from record where kind = 'meeting' and id = ?`, [original.id]);
    await saveRecord(em(), writer, { kind: recordKind('meeting'), input: { ...original, place: 'Korrigeret mødested' }, expectedVersion: stored.version, argument: 'meeting' });

    const unchanged = await importDataFiles(em(), RegionCode.SYDDANMARK, syddanmark.dataDirectory, { all: true });
    expect(unchanged.imported[0].conflicts).toEqual([]);
    expect((await run(`select place from meeting where id = ?`, [original.id]))[0].place).toBe('Korrigeret mødested');

    const changed = editedFiles((data) => {
      data.meetings[0].place = 'Et tredje sted';
    });
    const { imported } = await importDataFiles(em(), RegionCode.SYDDANMARK, changed);
    expect(imported[0].conflicts).toEqual([
      { kind: 'meeting', id: original.id, field: 'place', kept: 'Korrigeret mødested', document: 'Et tredje sted', reason: 'kept: corrected through the API' },
    ]);
    expect((await run(`select place from meeting where id = ?`, [original.id]))[0].place).toBe('Korrigeret mødested');
  });

  it('refuses to move an imported record to another document, which would break the next import of its own', async () => {
    const original = seed().meetings[0];
    const [stored] = await run(`select version, document from record where kind = 'meeting' and id = ?`, [original.id]);
    const moved = saveRecord(em(), writer, { kind: recordKind('meeting'), input: original, expectedVersion: stored.version, document: 'Rettelse til referatet', argument: 'meeting' });
    await expect(moved).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(moved).rejects.toThrow(`document: meeting "${original.id}" is imported from document "${stored.document}" and keeps it`);
    // Naming its own document is no move.
    const same = await saveRecord(em(), writer, { kind: recordKind('meeting'), input: original, expectedVersion: stored.version, document: stored.document, argument: 'meeting' });
    expect(same.version).toBe(stored.version + 1);
    const again = await importDataFiles(em(), RegionCode.SYDDANMARK, syddanmark.dataDirectory, { all: true });
    expect(again.imported.length).toBeGreaterThan(0);
  });

  it('keeps records written through the API when the files are imported again', async () => {
    await importDataFiles(em(), RegionCode.SYDDANMARK, syddanmark.dataDirectory, { all: true });
    expect(await count(`meeting where id = ? and withdrawn_at is null`, [newMeeting().id])).toBe(1);
  });

  it('withdraws: out of the lists, still there by id, in the history; a stale version is refused', async () => {
    const id = newMeeting().id;
    const [stored] = await run(`select version from record where kind = 'meeting' and id = ?`, [id]);
    await expect(withdrawRecord(em(), writer, recordKind('meeting'), id, stored.version - 1)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    const done = await withdrawRecord(em(), writer, recordKind('meeting'), id, stored.version);
    expect(done.version).toBe(stored.version + 1);
    expect(await count(`meeting where id = ? and withdrawn_at is not null`, [id])).toBe(1);
    expect((await run(`select operation from record_change where record_id = ? order by id`, [id])).map((r) => r.operation)).toEqual([
      'CREATE',
      'UPDATE',
      'WITHDRAW',
    ]);
  });

  it('publishes a data set as one document, and refuses one that breaks the rules without writing', async () => {
    const data = { document: 'Referat 15. december 2026', title: 'Referat', meetings: [{ ...newMeeting(), id: 'syddanmark-sydvestjylland-published-2026-12-15', agendaItems: [] }] };
    const report = await publishDataSet(em(), writer, data);
    expect(report).toMatchObject({ document: 'Referat 15. december 2026', created: 1, updated: 0, withdrawn: 0, conflicts: [] });
    const before = await count('record_change');
    await expect(publishDataSet(em(), writer, { ...data, meetings: [{ ...data.meetings[0], date: '2026-02-31' }] })).rejects.toThrow(/dataSet: meetings\.0\.date/);
    expect(await count('record_change')).toBe(before);
  });

  it('publishes no clusters: a data set listing one is refused, and the clusters of its document stay', async () => {
    const clustersFile = JSON.parse(readFileSync(join(syddanmark.dataDirectory, '000-clusters.json'), 'utf8'));
    const before = { changes: await count('record_change'), clusters: await count('cluster where withdrawn_at is null') };
    const cluster = { id: 'syddanmark-ny', name: 'Sundhedsklynge Ny', municipalities: [], section: 'Ny' };
    const refusal = publishDataSet(em(), writer, { document: 'Ny klynge', title: 'Ny klynge', clusters: [cluster] });
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(refusal).rejects.toThrow("dataSet: clusters: cluster records are not written through the API (they follow the reform's registry and their data file)");
    // Published under the clusters file's document, without them: they are not withdrawn.
    const report = await publishDataSet(em(), writer, { document: clustersFile.document, title: 'Ingen klynger' });
    expect(report).toMatchObject({ created: 0, updated: 0, withdrawn: 0 });
    expect({ changes: await count('record_change'), clusters: await count('cluster where withdrawn_at is null') }).toEqual(before);
  });
});

describe('generating synthetic data', () => {
  const size: GenerateOptions = { meetingsPerCluster: 3, itemsPerMeeting: 2, peoplePerCluster: 4, attendeesPerMeeting: 3, initiativesPerCluster: 2, fundTablesPerCluster: 1, linesPerFundTable: 2, seed: 7 };

  it('imports one document of records with their history and projection, reporting progress, and refuses a second run', async () => {
    const clusters = await count(`record where kind = 'cluster' and withdrawn_at is null`);
    const records = await count('record');
    const progress: Array<[number, number]> = [];
    const report = await generateSyntheticData(em(), RegionCode.SYDDANMARK, { ...size, progress: (done, total) => progress.push([done, total]) });
    // Per cluster: a body, 4 people, 4 memberships, 3 meetings, 2 initiatives, 1 fund table.
    expect(report).toMatchObject({ document: GENERATED_DOCUMENT, created: 15 * clusters, updated: 0, withdrawn: 0, conflicts: [] });
    expect(progress.at(-1)).toEqual([15 * clusters, 15 * clusters]);
    expect(await count(`record_change where document = ? and subject = 'generate:7' and operation = 'CREATE'`, [GENERATED_DOCUMENT])).toBe(15 * clusters);
    expect(await count('meeting where document = ? and withdrawn_at is null', [GENERATED_DOCUMENT])).toBe(3 * clusters);
    expect(await count('agenda_item where document = ?', [GENERATED_DOCUMENT])).toBe(6 * clusters);
    expect(await count('attendance where document = ?', [GENERATED_DOCUMENT])).toBe(9 * clusters);

    await expect(generateSyntheticData(em(), RegionCode.SYDDANMARK, size)).rejects.toThrow(/already holds generated data/);
    expect(await count('record')).toBe(records + 15 * clusters);
  });
});
