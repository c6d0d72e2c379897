/**
 * Imports a set of minutes (referat) into a draft data set in the repository's file format:
 * text from the file (extract-text.ts), the layout (layout.ts), each agenda item by its labels
 * (agenda-item.ts), the records (draft-data-set.ts), then the loader's own checks, so a draft
 * that would not load is never returned. What cannot be placed is returned with its line.
 */
import { basename } from 'node:path';
import type { DataFile } from '../data/format';
import { addFile, checkDataSet, emptyDataSet, parseDataFile, summariseProblems, type ExistingRecord, type Where } from '../data/read-data-set';
import { readItem, type UnplacedLine } from './agenda-item';
import { extractText } from './extract-text';
import { MinutesRefusedError } from './refused';
import { readLayout } from './layout';
import { plainLines } from './plain-text';
import { draftDataSet } from './draft-data-set';
import { regionRecords } from './region-records';

export { MinutesRefusedError } from './refused';

/** Something the importer read but could not place, with its 1-based line in the extracted text. */
export type { UnplacedLine } from './agenda-item';

export interface MinutesImport {
  /** A draft data set in the repository's own file format (document = the imported file's base name). */
  dataSet: DataFile;
  unplaced: UnplacedLine[];
  /** Which layout was recognised: 'grouped-participants' | 'inline-participants' | 'no-participants'. */
  layout: string;
}

/** Reads .txt, .pdf or .docx (by extension, checked against content) and imports it. */
export async function importMinutesFile(path: string, options: { clusterId: string }): Promise<MinutesImport> {
  const text = await extractText(path);
  return importMinutesText(text, { clusterId: options.clusterId, document: basename(path) });
}

/** The same from text already extracted (lines of the minutes). `document` is the name records cite. */
export function importMinutesText(text: string, options: { clusterId: string; document: string }): MinutesImport {
  if (text.trim() === '') throw new MinutesRefusedError('empty: the file holds no text');
  const region = regionRecords(options.clusterId);
  if (region === null) throw new MinutesRefusedError(`unknown cluster "${options.clusterId}": a cluster id starts with its region (e.g. nordjylland-syd)`);
  if (region.cluster === null) {
    throw new MinutesRefusedError(`unknown cluster "${options.clusterId}" (the region has ${region.clusters.map((c) => c.id).join(', ') || 'no clusters'})`);
  }
  const lines = plainLines(text);
  const layout = readLayout(lines);
  if (layout.titleLine === null) throw new MinutesRefusedError('not a set of minutes: no title line "REFERAT <body> d. DD-MM-YYYY"');
  if (layout.items.length === 0) throw new MinutesRefusedError('not a set of minutes: no agenda item "Punkt N: <title>"');
  const items = layout.items.map(readItem);
  let draft: ReturnType<typeof draftDataSet>;
  try {
    draft = draftDataSet({ document: options.document, clusterId: options.clusterId, layout, items, region });
  } catch (error) {
    throw new MinutesRefusedError((error as Error).message);
  }
  const problems = draftProblems(draft.dataSet, region.region, region.clusters);
  if (problems.length > 0) throw new MinutesRefusedError(`the draft breaks the data rules: ${summariseProblems(problems)}`);
  const kind = items.some((i) => i.participants.length > 0) ? 'grouped-participants' : layout.inlineParticipantsLine ? 'inline-participants' : 'no-participants';
  return { dataSet: draft.dataSet, unplaced: draft.unplaced, layout: kind };
}

/** The loader's rules (read-data-set.ts) on the draft, against the region's clusters. */
export function draftProblems(dataSet: DataFile, region: string, clusters: ReadonlyArray<{ id: string; name: string }>): string[] {
  const parsed = parseDataFile(JSON.parse(JSON.stringify(dataSet)), dataSet.document);
  if (!parsed.ok) return parsed.problems;
  const set = emptyDataSet(region);
  const where: Where = new WeakMap();
  addFile(set, dataSet.document, parsed.data, where);
  const existing: ExistingRecord[] = clusters.map((c) => ({ kind: 'cluster', id: c.id, clusterId: null, name: c.name, place: 'the region’s clusters' }));
  return checkDataSet(set, where, existing);
}
