/**
 * Reads a region's data files, validates each against the format, checks that every
 * reference points at a record that exists and that every fund table reconciles.
 * Returns the merged data set, or throws a DataSetError listing every problem found
 * (not only the first), so a data fix takes one round instead of many.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFile } from './format';
import { describeProblem, reconcileFundTable } from './reconcile';

export class DataSetError extends Error {
  constructor(
    readonly directory: string,
    readonly problems: string[],
  ) {
    super(`data set ${directory} is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'DataSetError';
  }
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
  const set: DataSet = {
    region,
    files: [],
    clusters: [],
    bodies: [],
    people: [],
    memberships: [],
    meetings: [],
    initiatives: [],
    fundTables: [],
    grants: [],
    agreements: [],
  };

  const files = readdirSync(directory)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new DataSetError(directory, ['no .json data files found']);

  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = DataFile.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    const data = parsed.data;
    set.files.push({ file, document: data.document, title: data.title });
    for (const key of COLLECTIONS) {
      for (const record of data[key]) (set[key] as unknown[]).push({ ...record, document: data.document });
    }
  }
  if (problems.length === 0) problems.push(...checkReferences(set), ...checkFundTables(set));
  if (problems.length > 0) throw new DataSetError(directory, problems);
  return set;
}

function checkReferences(set: DataSet): string[] {
  const problems: string[] = [];
  const prefix = `${set.region}-`;
  const ids = new Map<string, string>();
  const people = new Map<string, string>();

  const claim = (kind: string, id: string, where: string) => {
    if (!id.startsWith(prefix)) problems.push(`${where}: id "${id}" must start with "${prefix}"`);
    const seen = ids.get(`${kind}:${id}`);
    if (seen) problems.push(`${where}: ${kind} id "${id}" is used twice (also in ${seen})`);
    ids.set(`${kind}:${id}`, where);
  };
  // The same person may be listed in several documents: same id, same name.
  for (const p of set.people) {
    const name = people.get(p.id);
    if (name !== undefined && name !== p.name) problems.push(`${p.document}: person "${p.id}" is named "${p.name}" here and "${name}" elsewhere`);
    if (name === undefined && !p.id.startsWith(prefix)) problems.push(`${p.document}: id "${p.id}" must start with "${prefix}"`);
    people.set(p.id, p.name);
  }
  for (const c of set.clusters) claim('cluster', c.id, c.document);
  for (const b of set.bodies) claim('body', b.id, b.document);
  for (const m of set.memberships) claim('membership', m.id, m.document);
  for (const m of set.meetings) {
    claim('meeting', m.id, m.document);
    for (const a of m.agendaItems) claim('agenda item', a.id, m.document);
  }
  for (const i of set.initiatives) claim('initiative', i.id, i.document);
  for (const t of set.fundTables) claim('fund table', t.id, t.document);
  for (const g of set.grants) claim('grant', g.id, g.document);
  for (const a of set.agreements) claim('agreement', a.id, a.document);

  const need = (kind: string, id: string | null | undefined, where: string) => {
    if (id == null) return;
    const known = kind === 'person' ? people.has(id) : ids.has(`${kind}:${id}`);
    if (!known) problems.push(`${where}: unknown ${kind} "${id}"`);
  };
  for (const b of set.bodies) need('cluster', b.clusterId, `${b.document}: body ${b.id}`);
  for (const m of set.memberships) {
    need('person', m.personId, `${m.document}: membership ${m.id}`);
    need('body', m.bodyId, `${m.document}: membership ${m.id}`);
  }
  for (const m of set.meetings) {
    const where = `${m.document}: meeting ${m.id}`;
    need('cluster', m.clusterId, where);
    need('body', m.bodyId, where);
    for (const a of m.attendance) need('person', a.personId, where);
    for (const item of m.agendaItems) for (const p of item.absentPersonIds) need('person', p, `${where} item ${item.number}`);
  }
  for (const i of set.initiatives) {
    const where = `${i.document}: initiative ${i.id}`;
    need('cluster', i.clusterId, where);
    need('initiative', i.parentId, where);
    for (const d of i.decisions) need('meeting', d.meetingId, where);
    need('meeting', i.successorRecommendation?.meetingId, where);
  }
  for (const t of set.fundTables) {
    const where = `${t.document}: fund table ${t.id}`;
    need('cluster', t.clusterId, where);
    need('meeting', t.meetingId, where);
    for (const r of t.rows) need('initiative', r.initiativeId, where);
  }
  for (const g of set.grants) {
    const where = `${g.document}: grant ${g.id}`;
    need('cluster', g.clusterId, where);
    need('meeting', g.meetingId, where);
    need('initiative', g.initiativeId, where);
  }
  return problems;
}

function checkFundTables(set: DataSet): string[] {
  const problems: string[] = [];
  for (const table of set.fundTables) {
    try {
      problems.push(...reconcileFundTable(table).map((p) => `${table.document}: ${describeProblem(p)}`));
    } catch (error) {
      problems.push(`${table.document}: ${(error as Error).message}`);
    }
  }
  return problems;
}
