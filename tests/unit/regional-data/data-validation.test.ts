/**
 * The one validation of the data files (readDataSet, used by data:check, db:load and the
 * subgraph's load): each defect an attack found is refused, naming file and JSON path.
 * Every case edits a temporary copy of a region's data folder.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSetError, readDataSet, summariseProblems } from '../../../services/regional/data/read-data-set';
import { regionalSubgraph } from '../../../services/regional/definition';

const MIDT = 'seed-001-direktoerforum-midt-2024-02-08.json';
const SYD_2025 = 'seed-002-politisk-syd-2025-05-19.json';
const SYDVEST = 'seed-004-sydvestjylland-2023-12-05.json';

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function copyOf(region: 'nordjylland' | 'syddanmark'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-data-'));
  copies.push(dir);
  cpSync(regionalSubgraph(region).dataDirectory, dir, { recursive: true });
  return dir;
}

/** A copy of the region's folder with one file's parsed JSON edited (written back with JSON.stringify). */
function withEdit(region: 'nordjylland' | 'syddanmark', file: string, edit: (data: any) => void): string {
  const dir = copyOf(region);
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  edit(data);
  writeFileSync(path, JSON.stringify(data, null, 2));
  return dir;
}

/** The problems readDataSet reports for a folder (it must refuse it). */
function problemsOf(dir: string, region: string): string[] {
  try {
    readDataSet(dir, region);
  } catch (error) {
    expect(error).toBeInstanceOf(DataSetError);
    return (error as DataSetError).problems;
  }
  throw new Error(`readDataSet accepted ${dir}`);
}

describe('data file validation', () => {
  it('refuses a date that is not on the calendar (2024-02-31)', () => {
    const dir = withEdit('syddanmark', SYDVEST, (data) => (data.meetings[0].date = '2024-02-31'));
    expect(problemsOf(dir, 'syddanmark')).toEqual([
      `${SYDVEST}: meetings.0.date: 2024-02-31 is not a calendar date: February 2024 has 29 days`,
    ]);
  });

  it('accepts 29 February of a leap year and refuses years outside 1900–2199', () => {
    const leap = withEdit('syddanmark', SYDVEST, (data) => (data.meetings[0].date = '2024-02-29'));
    expect(() => readDataSet(leap, 'syddanmark')).not.toThrow();
    const year0 = withEdit('syddanmark', SYDVEST, (data) => (data.fundTables[0].reportedOn = '0000-12-05'));
    expect(problemsOf(year0, 'syddanmark')).toEqual([`${SYDVEST}: fundTables.0.reportedOn: 0000-12-05: the year must be from 1900 to 2199`]);
  });

  it('refuses a date-time at hour 25', () => {
    const dir = withEdit('syddanmark', SYDVEST, (data) => (data.meetings[0].startsAt = '2023-12-05T25:00:00+01:00'));
    expect(problemsOf(dir, 'syddanmark')).toEqual([
      `${SYDVEST}: meetings.0.startsAt: 2023-12-05T25:00:00+01:00: hour 25 is not a time of day`,
    ]);
  });

  it('refuses a NUL character in a title, naming the agenda item', () => {
    const dir = withEdit('nordjylland', MIDT, (data) => (data.meetings[0].agendaItems[2].title = 'Status\u0000for klyngen'));
    expect(problemsOf(dir, 'nordjylland')).toEqual([
      `${MIDT}: meetings.0.agendaItems.2.title: contains the control character U+0000 (NUL) at character 7; text may hold tab, line feed and carriage return only`,
    ]);
  });

  it('keeps tab, line feed and carriage return in text', () => {
    const dir = withEdit('nordjylland', MIDT, (data) => (data.meetings[0].agendaItems[2].title = 'Status\tfor\r\nklyngen'));
    expect(() => readDataSet(dir, 'nordjylland')).not.toThrow();
  });

  it('refuses bytes that are not UTF-8, naming the file (never stored as U+FFFD)', () => {
    const dir = copyOf('nordjylland');
    const path = join(dir, MIDT);
    const bytes = readFileSync(path);
    // "Direktørforum" with its "ø" (UTF-8 C3 B8) written as Latin-1 (F8): valid JSON, not valid UTF-8.
    const at = bytes.indexOf(Buffer.from('Direktørforum'));
    expect(at).toBeGreaterThan(0);
    const broken = Buffer.concat([bytes.subarray(0, at + 6), Buffer.from([0xf8]), bytes.subarray(at + 8)]);
    writeFileSync(path, broken);
    const line = broken.subarray(0, at).toString('latin1').split('\n').length;
    expect(problemsOf(dir, 'nordjylland')).toEqual([`${MIDT}: not valid UTF-8: a bad byte sequence near byte ${at + 6} (line ${line})`]);
  });

  it('refuses a lone surrogate escaped in JSON, naming the path', () => {
    const dir = copyOf('syddanmark');
    const path = join(dir, SYDVEST);
    const data = JSON.parse(readFileSync(path, 'utf8'));
    data.meetings[0].agendaItems[0].title = 'Godkendelse \ud800';
    const text = JSON.stringify(data);
    // JSON.stringify writes a lone surrogate as the escape `\ud800`: the file is plain ASCII there.
    expect(text).toContain('Godkendelse \\ud800');
    writeFileSync(path, text);
    expect(problemsOf(dir, 'syddanmark')).toEqual([
      `${SYDVEST}: meetings.0.agendaItems.0.title: contains a lone surrogate U+D800 at character 13, which is not a character (a broken \\u escape?)`,
    ]);
  });

  it('refuses a control character in an object key, printed escaped', () => {
    const dir = withEdit('syddanmark', SYDVEST, (data) => (data.fundTables[0].rows[0].cells['am\u0001ount'] = 1));
    const problems = problemsOf(dir, 'syddanmark');
    expect(problems[0]).toBe(`${SYDVEST}: fundTables.0.rows.0.cells.am\\u0001ount: the key contains the control character U+0001 at character 3; text may hold tab, line feed and carriage return only`);
  });

  it('refuses a meeting whose body belongs to another cluster', () => {
    const dir = withEdit('nordjylland', MIDT, (data) => (data.meetings[0].bodyId = 'nordjylland-syd-politisk'));
    expect(problemsOf(dir, 'nordjylland')).toEqual([
      `${MIDT}: meetings.0.bodyId: body "nordjylland-syd-politisk" belongs to cluster "nordjylland-syd", not to the meeting’s cluster "nordjylland-midt"`,
    ]);
  });

  it('refuses a grant whose meeting belongs to another cluster', () => {
    let index = -1;
    const dir = withEdit('nordjylland', SYD_2025, (data) => {
      index = data.grants.findIndex((g: { meetingId: string | null }) => g.meetingId === 'nordjylland-syd-politisk-2025-05-19');
      data.grants[index].meetingId = 'nordjylland-midt-direktoerforum-2024-02-08';
    });
    expect(index).toBeGreaterThanOrEqual(0);
    expect(problemsOf(dir, 'nordjylland')).toEqual([
      `${SYD_2025}: grants.${index}.meetingId: meeting "nordjylland-midt-direktoerforum-2024-02-08" belongs to cluster "nordjylland-midt", not to the grant’s cluster "nordjylland-syd"`,
    ]);
  });

  it('refuses a grant whose initiative, a fund table whose meeting and an initiative whose parent belong to another cluster', () => {
    const dir = withEdit('nordjylland', SYD_2025, (data) => {
      data.grants[0].initiativeId = 'nordjylland-midt-indsats-1';
      data.fundTables[0].meetingId = 'nordjylland-midt-direktoerforum-2024-02-08';
      data.initiatives[0].parentId = 'nordjylland-midt-indsats-1';
    });
    const problems = problemsOf(dir, 'nordjylland');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${SYD_2025.replace(/\./g, '\\.')}: grants\\.0\\.initiativeId: initiative "nordjylland-midt-indsats-1" belongs to cluster "nordjylland-midt"`)),
        expect.stringMatching(/: fundTables\.0\.meetingId: meeting "nordjylland-midt-direktoerforum-2024-02-08" belongs to cluster "nordjylland-midt", not to the fund table’s cluster "nordjylland-syd"/),
        expect.stringMatching(/: initiatives\.0\.parentId: initiative "nordjylland-midt-indsats-1" belongs to cluster "nordjylland-midt"/),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('names file and path for an unknown reference too', () => {
    const dir = withEdit('syddanmark', SYDVEST, (data) => (data.meetings[1].bodyId = 'syddanmark-no-such-body'));
    expect(problemsOf(dir, 'syddanmark')).toEqual([`${SYDVEST}: meetings.1.bodyId: unknown body "syddanmark-no-such-body"`]);
  });

  it('refuses a presenter who is not a person of the region, or one named twice for an item', () => {
    const dir = withEdit('syddanmark', SYDVEST, (data) => {
      data.meetings[0].agendaItems[1].presenters[0].personId = 'syddanmark-person-no-such-person';
      data.meetings[0].agendaItems[2].presenters.push({ ...data.meetings[0].agendaItems[2].presenters[0] });
    });
    expect(problemsOf(dir, 'syddanmark')).toEqual([
      `${SYDVEST}: meetings.0.agendaItems.1.presenters.0.personId: unknown person "syddanmark-person-no-such-person"`,
      `${SYDVEST}: meetings.0.agendaItems.2.presenters: "syddanmark-person-martin-grum-nymann" is listed twice`,
    ]);
  });

  it('refuses a joint meeting naming an unknown cluster or its own', () => {
    const dir = withEdit('nordjylland', SYD_2025, (data) => {
      const joint = data.meetings.find((m: { id: string }) => m.id === 'nordjylland-syd-faellesmoede-limfjorden-2025-05-19');
      joint.jointClusterIds = ['nordjylland-midt', 'nordjylland-syd', 'nordjylland-nowhere'];
    });
    const problems = problemsOf(dir, 'nordjylland');
    expect(problems).toEqual([
      `${SYD_2025}: meetings.1.jointClusterIds.1: cluster "nordjylland-syd" is the meeting’s own or listed twice`,
      `${SYD_2025}: meetings.1.jointClusterIds.2: unknown cluster "nordjylland-nowhere"`,
    ]);
  });

  it('bounds the number of text problems listed per file', () => {
    const dir = withEdit('nordjylland', MIDT, (data) => {
      for (const person of data.people) person.section = 'x\u0000';
      for (const m of data.memberships) m.section = 'x\u0000';
    });
    const problems = problemsOf(dir, 'nordjylland');
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe(`${MIDT}: … and 11 more text problems in this file`);
  });
});

describe('summariseProblems', () => {
  it('keeps a log line bounded: the first five problems, each cut, and the count of the rest', () => {
    const problems = Array.from({ length: 40 }, (_, i) => `file-${i}.json: meetings.${i}.title: ${'x'.repeat(1000)}`);
    const line = summariseProblems(problems);
    expect(line.length).toBeLessThan(1200);
    expect(line).toMatch(/^file-0\.json: meetings\.0\.title: x+…; file-1\.json/);
    expect(line).toMatch(/… and 35 more \(npm run data:check lists them all\)$/);
    expect(summariseProblems(['a.json: x: bad'])).toBe('a.json: x: bad');
  });
});
