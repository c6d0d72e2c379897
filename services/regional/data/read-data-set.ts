/**
 * Reads a region's data files, validates each against the format, checks that every
 * reference points at a record that exists (below a cluster: in the same cluster) and that
 * every fund table reconciles. Returns the merged data set, or throws a DataSetError listing
 * every problem found (not only the first), so a data fix takes one round instead of many.
 * Each problem names the file and the JSON path, e.g.
 * `seed-001-….json: meetings.0.agendaItems.2.title: contains the control character U+0000 …`.
 *
 * The one validation of the data files: `npm run data:check`, `npm run db:load` and the
 * subgraph's load at start-up all go through readDataSet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../../../platform/startup-error';
import { DataFile } from './format';
import { describeProblem, reconcileFundTable } from './reconcile';
import { readingProblems } from './readings';
import { textProblems, utf8Problem } from './text';

export class DataSetError extends StartupError {
  constructor(
    readonly directory: string,
    readonly problems: string[],
  ) {
    super(`data set ${directory} is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DataSetError';
  }
}

/**
 * The problems in one line of bounded length, for a log line: the first few, each cut to
 * `maxEach` characters, and how many there are in all.
 */
export function summariseProblems(problems: string[], { maxShown = 5, maxEach = 200 }: { maxShown?: number; maxEach?: number } = {}): string {
  const cut = (p: string) => {
    const line = p.replace(/\s+/g, ' ');
    return line.length > maxEach ? `${line.slice(0, maxEach - 1)}…` : line;
  };
  const shown = problems.slice(0, maxShown).map(cut).join('; ');
  const rest = problems.length - Math.min(problems.length, maxShown);
  return rest > 0 ? `${shown}; … and ${rest} more (npm run data:check lists them all)` : shown;
}

/** A record as the loader stores it: with the document it came from. */
export type Sourced<T> = T & { document: string };

export interface DataSet {
  region: string;
  files: Array<{ file: string; document: string; title: string }>;
  clusters: Sourced<DataFile['clusters'][number]>[];
  bodies: Sourced<DataFile['bodies'][number]>[];
  people: Sourced<DataFile['people'][number]>[];
  memberships: Sourced<DataFile['memberships'][number]>[];
  meetings: Sourced<DataFile['meetings'][number]>[];
  initiatives: Sourced<DataFile['initiatives'][number]>[];
  fundTables: Sourced<DataFile['fundTables'][number]>[];
  grants: Sourced<DataFile['grants'][number]>[];
  agreements: Sourced<DataFile['agreements'][number]>[];
}

const COLLECTIONS = [
  'clusters',
  'bodies',
  'people',
  'memberships',
  'meetings',
  'initiatives',
  'fundTables',
  'grants',
  'agreements',
] as const;

export function readDataSet(directory: string, region: string): DataSet {
  const problems: string[] = [];
  const set = emptyDataSet(region);

  // Where each record was read, `file: collection.index`, for the messages of later checks.
  const where: Where = new WeakMap();

  const files = readdirSync(directory)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new DataSetError(directory, ['no .json data files found']);

  for (const file of files) {
    const parsed = parseDataFile(readFileSync(join(directory, file)), file);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    addFile(set, file, parsed.data, where);
  }
  if (problems.length === 0) problems.push(...checkDataSet(set, where));
  if (problems.length > 0) throw new DataSetError(directory, problems);
  return set;
}

/**
 * One data file (or a data set published through the API) checked against the text rules and
 * the format: its data, or every problem, each prefixed with `label` (the file's name).
 */
export function parseDataFile(input: Uint8Array | unknown, label: string): { ok: true; data: DataFile } | { ok: false; problems: string[] } {
  let raw: unknown = input;
  if (input instanceof Uint8Array) {
    // Bytes, then strict UTF-8: a lenient decode would turn bad bytes into U+FFFD unnoticed.
    const encoding = utf8Problem(input);
    if (encoding !== null) return { ok: false, problems: [`${label}: ${encoding}`] };
    try {
      raw = JSON.parse(new TextDecoder('utf-8').decode(input));
    } catch (error) {
      return { ok: false, problems: [`${label}: not valid JSON (${(error as Error).message})`] };
    }
  }
  const problems = textProblems(raw).map((p) => `${label}: ${p}`);
  const parsed = DataFile.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${label}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, data: parsed.data };
}

/** An empty data set of the region, to add files or single records to. */
export function emptyDataSet(region: string): DataSet {
  return { region, files: [], clusters: [], bodies: [], people: [], memberships: [], meetings: [], initiatives: [], fundTables: [], grants: [], agreements: [] };
}

/** Adds a parsed file's records to the set, each with its document and its place for messages. */
export function addFile(set: DataSet, file: string, data: DataFile, where: Where): void {
  set.files.push({ file, document: data.document, title: data.title });
  for (const key of COLLECTIONS) {
    data[key].forEach((record, index) => {
      const sourced = { ...record, document: data.document };
      where.set(sourced, `${file}: ${key}.${index}`);
      (set[key] as unknown[]).push(sourced);
    });
  }
}

/** Where each record was read, for messages: `file: collection.index`, or an argument's name. */
export type Where = WeakMap<object, string>;

/**
 * A record already in the database, as the reference checks need it: a write or an import is
 * checked against these and its own records, with the same rules as the data files.
 * `kind` is the checks' word ("meeting", "agenda item", "fund table" …); `place` names where
 * it is (its document) for the message about an id used twice.
 */
export interface ExistingRecord {
  kind: string;
  id: string;
  clusterId: string | null;
  name: string | null;
  place: string;
}

/** References and fund tables of `set`, against its own records and `existing` ones. */
export function checkDataSet(set: DataSet, where: Where, existing: readonly ExistingRecord[] = []): string[] {
  return [...checkReferences(set, where, existing), ...checkFundTables(set, where), ...checkReadings(set, where)];
}

/** Every record's corrected readings name its own texts and the words they hold (readings.ts). */
function checkReadings(set: DataSet, where: Where): string[] {
  return set.initiatives.flatMap((i) => readingProblems(i, i.readings, where.get(i) ?? i.document));
}

function checkReferences(set: DataSet, where: Where, existing: readonly ExistingRecord[]): string[] {
  const problems: string[] = [];
  const at = (record: object) => where.get(record) ?? '(unknown place)';
  const prefix = `${set.region}-`;
  const ids = new Map<string, string>();
  const people = new Map<string, { name: string; at: string }>();
  // The cluster of each record that belongs to one, for the references that must stay in it.
  const clusterOf = new Map<string, string>();
  for (const r of existing) {
    if (r.kind === 'person') people.set(r.id, { name: r.name ?? '', at: r.place });
    else ids.set(`${r.kind}:${r.id}`, r.place);
    if (r.clusterId !== null) clusterOf.set(`${r.kind}:${r.id}`, r.clusterId);
  }

  const claim = (kind: string, id: string, place: string) => {
    if (!id.startsWith(prefix)) problems.push(`${place}: id "${id}" must start with "${prefix}"`);
    const seen = ids.get(`${kind}:${id}`);
    if (seen) problems.push(`${place}: ${kind} id "${id}" is used twice (also in ${seen})`);
    ids.set(`${kind}:${id}`, place);
  };
  // The same person may be listed in several documents: same id, same name.
  for (const p of set.people) {
    const seen = people.get(p.id);
    if (seen !== undefined && seen.name !== p.name) problems.push(`${at(p)}.name: person "${p.id}" is named "${p.name}" here and "${seen.name}" in ${seen.at}`);
    if (seen === undefined && !p.id.startsWith(prefix)) problems.push(`${at(p)}.id: id "${p.id}" must start with "${prefix}"`);
    if (seen === undefined) people.set(p.id, { name: p.name, at: at(p) });
  }
  for (const c of set.clusters) claim('cluster', c.id, `${at(c)}.id`);
  for (const b of set.bodies) claim('body', b.id, `${at(b)}.id`);
  for (const m of set.memberships) claim('membership', m.id, `${at(m)}.id`);
  for (const m of set.meetings) {
    claim('meeting', m.id, `${at(m)}.id`);
    m.agendaItems.forEach((a, j) => claim('agenda item', a.id, `${at(m)}.agendaItems.${j}.id`));
  }
  for (const i of set.initiatives) claim('initiative', i.id, `${at(i)}.id`);
  for (const t of set.fundTables) claim('fund table', t.id, `${at(t)}.id`);
  for (const g of set.grants) claim('grant', g.id, `${at(g)}.id`);
  for (const a of set.agreements) claim('agreement', a.id, `${at(a)}.id`);

  for (const b of set.bodies) clusterOf.set(`body:${b.id}`, b.clusterId);
  for (const m of set.meetings) clusterOf.set(`meeting:${m.id}`, m.clusterId);
  for (const i of set.initiatives) clusterOf.set(`initiative:${i.id}`, i.clusterId);

  /** The reference must exist; with `cluster`, the record it names must belong to that cluster. */
  const need = (kind: string, id: string | null | undefined, place: string, cluster?: { id: string | null; whose: string }) => {
    if (id == null) return;
    const known = kind === 'person' ? people.has(id) : ids.has(`${kind}:${id}`);
    if (!known) {
      problems.push(`${place}: unknown ${kind} "${id}"`);
      return;
    }
    const theirs = clusterOf.get(`${kind}:${id}`);
    if (cluster?.id != null && theirs !== undefined && theirs !== cluster.id) {
      problems.push(`${place}: ${kind} "${id}" belongs to cluster "${theirs}", not to ${cluster.whose} cluster "${cluster.id}"`);
    }
  };
  for (const b of set.bodies) need('cluster', b.clusterId, `${at(b)}.clusterId`);
  for (const m of set.memberships) {
    need('person', m.personId, `${at(m)}.personId`);
    // A membership names no cluster of its own: its body's cluster is its cluster.
    need('body', m.bodyId, `${at(m)}.bodyId`);
  }
  for (const m of set.meetings) {
    const place = at(m);
    const own = { id: m.clusterId, whose: 'the meeting’s' };
    need('cluster', m.clusterId, `${place}.clusterId`);
    need('body', m.bodyId, `${place}.bodyId`, own);
    m.attendance.forEach((a, j) => need('person', a.personId, `${place}.attendance.${j}.personId`));
    m.agendaItems.forEach((item, j) => {
      item.absentPersonIds.forEach((p, k) => need('person', p, `${place}.agendaItems.${j}.absentPersonIds.${k}`));
      item.presenters.forEach((p, k) => need('person', p.personId, `${place}.agendaItems.${j}.presenters.${k}.personId`));
      const twice = item.presenters.map((p) => p.personId).filter((id, k, all) => all.indexOf(id) !== k);
      if (twice.length > 0) problems.push(`${place}.agendaItems.${j}.presenters: "${twice[0]}" is listed twice`);
    });
    // A joint meeting is one record listed under each of its clusters: each named once, its own not again.
    m.jointClusterIds.forEach((c, j) => {
      need('cluster', c, `${place}.jointClusterIds.${j}`);
      if (c === m.clusterId || m.jointClusterIds.indexOf(c) !== j) problems.push(`${place}.jointClusterIds.${j}: cluster "${c}" is the meeting’s own or listed twice`);
    });
  }
  for (const i of set.initiatives) {
    const place = at(i);
    const own = { id: i.clusterId, whose: 'the initiative’s' };
    need('cluster', i.clusterId, `${place}.clusterId`);
    need('initiative', i.parentId, `${place}.parentId`, own);
    i.decisions.forEach((d, j) => need('meeting', d.meetingId, `${place}.decisions.${j}.meetingId`, own));
    need('meeting', i.successorRecommendation?.meetingId, `${place}.successorRecommendation.meetingId`, own);
  }
  for (const t of set.fundTables) {
    const place = at(t);
    const own = { id: t.clusterId, whose: 'the fund table’s' };
    need('cluster', t.clusterId, `${place}.clusterId`);
    need('meeting', t.meetingId, `${place}.meetingId`, own);
    t.rows.forEach((r, j) => need('initiative', r.initiativeId, `${place}.rows.${j}.initiativeId`, own));
  }
  for (const g of set.grants) {
    const place = at(g);
    need('cluster', g.clusterId, `${place}.clusterId`);
    // A grant of the region (no cluster) may name a meeting and an initiative: of one cluster.
    const meetingCluster = g.meetingId == null ? null : (clusterOf.get(`meeting:${g.meetingId}`) ?? null);
    const own = g.clusterId !== null ? { id: g.clusterId, whose: 'the grant’s' } : { id: meetingCluster, whose: 'the grant’s meeting’s' };
    need('meeting', g.meetingId, `${place}.meetingId`, g.clusterId !== null ? own : undefined);
    need('initiative', g.initiativeId, `${place}.initiativeId`, own);
  }
  return problems;
}

function checkFundTables(set: DataSet, where: Where): string[] {
  const problems: string[] = [];
  for (const table of set.fundTables) {
    const place = where.get(table) ?? table.document;
    try {
      problems.push(...reconcileFundTable(table).map((p) => `${place}: ${describeProblem(p)}`));
    } catch (error) {
      problems.push(`${place}: ${(error as Error).message}`);
    }
  }
  return problems;
}
