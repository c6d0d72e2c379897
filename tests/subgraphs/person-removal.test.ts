/**
 * `npm run person:remove` on a real subgraph's embedded database: refused while the subgraph
 * holds it; once it is stopped, the person leaves every answer and the history, the removal
 * is recorded without the removed data, and a re-import of the data files does not bring
 * the person back.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../platform/logger';
import { regionalSubgraph } from '../../services/regional/definition';
import { personHash } from '../../services/regional/records/person-references';
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { post } from '../support/graphql';
import { runScript } from '../support/run-script';

const syddanmark = regionalSubgraph('syddanmark');
const PERSON = 'syddanmark-person-mette-bossen-linnet';
const NAME = 'Mette Bossen Linnet';
const CLUSTER = 'syddanmark-sydvestjylland';
const dataDir = mkdtempSync(join(tmpdir(), 'hub-person-removal-'));
// The command's environment: the embedded database in dataDir, whatever the suite's environment says.
const env = { SYDDANMARK_DATA_DIR: dataDir, SYDDANMARK_DATABASE_URL: undefined, DATABASE_URL: undefined, DATA_DIR: undefined };

const start = (load: 'if-changed' | 'always') =>
  startRegionalService(syddanmark, { host: '127.0.0.1', port: 0, embeddedDataDir: dataDir, load, logger: createLogger('test') });

const EVERYTHING = `{
  syddanmarkCluster(id: "${CLUSTER}") {
    people { id name memberships { id party } history { before after } }
    bodies { memberships { id person { id } } }
    meetings {
      id
      attendance { person { id name } status party }
      participants { id } apologies { id } chair { id }
      agendaItems { id decision absentees { id name } }
      history { operation note before after }
    }
  }
}`;

async function everything(service: RunningRegionalService) {
  const res = await post(service.url, EVERYTHING);
  expect(res.errors).toBeUndefined();
  return res;
}

let service: RunningRegionalService | undefined;
afterAll(async () => {
  await service?.close();
});

describe('npm run person:remove', () => {
  it('refuses with one line while the subgraph holds the embedded database', async () => {
    service = await start('if-changed');
    const before = JSON.stringify((await everything(service)).data);
    expect(before).toContain(PERSON);
    expect(before).toContain(NAME);
    const refused = await runScript('scripts/person-remove.ts', ['syddanmark', PERSON, '--reason', 'anmodning om sletning'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/in use by process/);
  });

  it('removes the person from every answer and the history, and records the removal without the data', async () => {
    await service!.close();
    service = undefined;
    const done = await runScript('scripts/person-remove.ts', ['syddanmark', PERSON, '--reason', 'anmodning om sletning'], env);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/removal 1 \(person [0-9a-f]{64}\): 2 records deleted/);

    service = await start('if-changed');
    const res = await everything(service);
    const text = JSON.stringify(res.data);
    expect(text).not.toContain(PERSON);
    expect(text).not.toContain(NAME);
    // The meeting's history says a person was removed, by number, hash and reason only.
    const meeting = res.data!.syddanmarkCluster.meetings.find((m: { attendance: unknown[] }) => m.attendance.length > 0);
    const removal = meeting.history.find((h: { operation: string }) => h.operation === 'REMOVE_PERSON');
    expect(removal).toEqual({ operation: 'REMOVE_PERSON', note: `removal 1: person ${personHash(PERSON)}; reason: anmodning om sletning`, before: null, after: null });
    // The decision that named her in the minutes names nobody now, marked.
    expect(text).toContain('[navn fjernet]');

    const tables = await service.orm.em.getConnection().execute(`select
      (select count(*) from person where id = ?) as person,
      (select count(*) from membership where person_id = ?) as memberships,
      (select count(*) from attendance where person_id = ?) as attendance,
      (select count(*) from agenda_item_absentee where person_id = ?) as absences,
      (select count(*) from record where data::text like ?) as records,
      (select count(*) from record_change where before::text like ? or after::text like ?) as history,
      (select count(*) from record_change where note like ?) as removals`,
      [PERSON, PERSON, PERSON, PERSON, `%${PERSON}%`, `%${NAME}%`, `%${PERSON}%`, 'removal 1:%'],
    );
    expect(tables[0]).toEqual({ person: '0', memberships: '0', attendance: '0', absences: '0', records: '0', history: '0', removals: expect.any(String) });
    expect(Number(tables[0].removals)).toBeGreaterThan(1);
  });

  it('keeps the person out when the data files are imported again', async () => {
    await service!.close();
    service = await start('always');
    const text = JSON.stringify((await everything(service)).data);
    expect(text).not.toContain(PERSON);
    expect(text).not.toContain(NAME);
    // The data file still names her: the import left her out.
    expect(readFileSync(join(syddanmark.dataDirectory, 'seed-004-sydvestjylland-2023-12-05.json'), 'utf8')).toContain(PERSON);
    await service.close();
    service = undefined;
    const again = await runScript('scripts/person-remove.ts', ['syddanmark', PERSON], env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`person "${PERSON}" was removed already (removal 1)`);
  });
});
