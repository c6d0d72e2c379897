/**
 * Synthetic data for load and scaling tests: many years of meetings with agenda items,
 * attendance, people, initiatives and fund tables for every cluster of a region, added to
 * what the real documents hold. The synthetic records are the data of one document,
 * GENERATED_DOCUMENT, in the data files' format, imported as any document is
 * (records/import-document.ts): records with versions and a history, checked by the data
 * files' rules, so they can never pass for a fact from the documents and the read path
 * answers them as it answers real ones. The generator refuses to run twice on one database.
 * Deterministic: the same seed and the same clusters give the same records.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceStatus, BodyLevel, FundRowKind, InitiativeKind, MappingBasis, MeetingStatus, type RegionCode } from '../../../schema/contract';
import { DocumentImportEntity, RecordEntity, rowReader } from '../model';
import { documentDigest, importDocuments, type ImportReport } from '../records/import-document';
import type { DataFile, FundRowValue } from './format';

export const GENERATED_DOCUMENT = 'GENERATED (synthetic benchmark data, scripts/generate-data.ts)';

export interface GenerateOptions {
  meetingsPerCluster: number;
  itemsPerMeeting: number;
  peoplePerCluster: number;
  attendeesPerMeeting: number;
  initiativesPerCluster: number;
  fundTablesPerCluster: number;
  linesPerFundTable: number;
  seed: number;
  /** Called with (records written, records in all) as the import writes them. */
  progress?: (done: number, total: number) => void;
}

export const BENCHMARK_SIZE: Omit<GenerateOptions, 'seed' | 'progress'> = {
  meetingsPerCluster: 2_000,
  itemsPerMeeting: 10,
  peoplePerCluster: 40,
  attendeesPerMeeting: 12,
  initiativesPerCluster: 60,
  fundTablesPerCluster: 20,
  linesPerFundTable: 10,
};

/** A small linear congruential generator: deterministic, and no dependency for it. */
function prng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TOPICS = ['Status på handleplanen', 'Klyngemidler', 'Sundhedsaftalen', 'Det nære sundhedsvæsen', 'Akutområdet', 'Børn og unge', 'Psykiatri', 'Ældre medicinske patienter', 'Digitale løsninger', 'Eventuelt'];
const DECISIONS = ['Godkendt.', 'Taget til efterretning.', 'Indstillingen blev godkendt.', 'Drøftet; punktet genoptages på næste møde.'];
const FIRST = ['Anne', 'Bo', 'Charlotte', 'Dorte', 'Erik', 'Frank', 'Gitte', 'Hanne', 'Jens', 'Karen', 'Lars', 'Mette', 'Niels', 'Pia', 'Søren', 'Trine'];
const LAST = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen'];

const DAY = 86_400_000;

/** The day (UTC midnight, in ms) of the last Sunday of a month (0-based). */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

/**
 * A meeting at 14:00 Danish time on `day` (UTC midnight, in ms), with the offset that applied:
 * summer time (+02:00) from the last Sunday of March to the day before the last Sunday of
 * October (the clocks change at 01:00 UTC, long before the meeting).
 */
function danishAfternoon(day: number): string {
  const year = new Date(day).getUTCFullYear();
  const summer = day >= lastSunday(year, 2) && day < lastSunday(year, 9);
  return `${new Date(day).toISOString().slice(0, 10)}T14:00:00${summer ? '+02:00' : '+01:00'}`;
}

/**
 * The synthetic document for the given clusters (ids of the region, e.g. `nordjylland-midt`):
 * per cluster a political body with its members, years of held meetings (one every other day
 * from 6 January 2014) with agenda items, attendance and absentees, initiatives, and fund
 * tables that reconcile. Every id starts with its cluster's id, so with the region's name.
 */
export function syntheticDataFile(clusterIds: readonly string[], options: Omit<GenerateOptions, 'progress'>): DataFile {
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const file: DataFile = {
    document: GENERATED_DOCUMENT,
    title: 'Syntetiske data til belastningstest',
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
  const firstDay = Date.UTC(2014, 0, 6);

  for (const clusterId of clusterIds) {
    const bodyId = `${clusterId}-syntetisk-politisk`;
    file.bodies.push({ id: bodyId, clusterId, name: 'Politisk niveau (syntetisk)', level: BodyLevel.POLITICAL, description: null, section: `Syntetisk organisering af ${clusterId}` });
    const people = Array.from({ length: options.peoplePerCluster }, (_, i) => ({
      id: `${clusterId}-syntetisk-person-${i}`,
      name: `${pick(FIRST)} ${pick(LAST)}`,
      section: `Syntetiske medlemmer af ${bodyId}`,
    }));
    file.people.push(...people);
    file.memberships.push(
      ...people.map((p, i) => ({
        id: `${p.id}-medlemskab`, personId: p.id, bodyId, role: i < 2 ? 'Medformand' : 'Medlem', organisation: null, party: null, group: null, votingRight: null, section: p.section,
      })),
    );

    for (let m = 0; m < options.meetingsPerCluster; m++) {
      const day = firstDay + m * 2 * DAY;
      const meetingId = `${clusterId}-syntetisk-moede-${m}`;
      const section = `Syntetisk møde ${m + 1}`;
      const agendaItems: DataFile['meetings'][number]['agendaItems'] = [];
      for (let n = 1; n <= options.itemsPerMeeting; n++) {
        const title = pick(TOPICS);
        const durationMinutes = 5 * (1 + Math.floor(random() * 6));
        const decision = pick(DECISIONS);
        const absentPersonIds = random() < 0.3 ? [people[Math.floor(random() * people.length)].id] : [];
        agendaItems.push({
          id: `${meetingId}-punkt-${n}`, number: String(n), title, durationMinutes, summary: null,
          caseDescription: 'Syntetisk sagsfremstilling til belastningstest.', recommendationIntro: 'Det indstilles, at:',
          recommendations: [{ number: 1, text: 'Orienteringen tages til efterretning.' }], decision, attachments: [], absentPersonIds, presenters: [], public: true,
          section: `${section}, punkt ${n}: ${title}`,
        });
      }
      const offset = Math.floor(random() * people.length);
      const attendance = Array.from({ length: Math.min(options.attendeesPerMeeting, people.length) }, (_, a) => ({
        personId: people[(offset + a) % people.length].id,
        status: random() < 0.1 ? AttendanceStatus.SENT_APOLOGIES : AttendanceStatus.PARTICIPANT,
        group: null, role: null, organisation: null, party: null, isChair: a === 0, section: `${section}: Deltagere`,
      }));
      file.meetings.push({
        id: meetingId, clusterId, bodyId, title: `Syntetisk møde ${m + 1}`, status: MeetingStatus.HELD,
        date: new Date(day).toISOString().slice(0, 10), startsAt: danishAfternoon(day), dateText: null, place: 'Regionshuset', caseNumber: null,
        plannedAgenda: [], note: null, attendance, agendaItems, basis: MappingBasis.SOURCED, jointClusterIds: [], section,
      });
    }

    const initiatives = Array.from({ length: options.initiativesPerCluster }, (_, i) => ({
      id: `${clusterId}-syntetisk-indsats-${i}`, clusterId, number: String(100 + i), kind: InitiativeKind.ACTION_PLAN_INITIATIVE, parentId: null,
      title: `Syntetisk indsats ${i + 1}`, purpose: null, maturity: pick(['Høj', 'Middel', 'Lav']), costs: [], status: null, decisions: [], targets: [],
      attachments: [], successorRecommendation: null, note: null, readings: [], section: `Syntetisk handleplan for ${clusterId}, indsats ${100 + i}`,
    }));
    file.initiatives.push(...initiatives);

    for (let t = 0; t < options.fundTablesPerCluster; t++) {
      const lines: FundRowValue[] = Array.from({ length: options.linesPerFundTable }, (_, l) => {
        const a = 10_000 * Math.floor(random() * 100);
        const b = 10_000 * Math.floor(random() * 100);
        return { key: `l${l}`, label: `Indsats ${l + 1}`, kind: FundRowKind.LINE, initiativeId: initiatives[l % initiatives.length]?.id ?? null, cells: { a, b, total: a + b }, formula: null };
      });
      // The total row and the total column add up, so the table reconciles (data/reconcile.ts).
      const sum = (k: 'a' | 'b' | 'total') => lines.reduce((acc, l) => acc + (l.cells[k] ?? 0), 0);
      const totalRow: FundRowValue = { key: 'sum', label: 'I alt', kind: FundRowKind.TOTAL, initiativeId: null, cells: { a: sum('a'), b: sum('b'), total: sum('total') }, formula: { plus: ['LINES'], minus: [] } };
      file.fundTables.push({
        id: `${clusterId}-syntetisk-fond-${t}`, clusterId, title: `Syntetisk fondstabel ${t + 1}`,
        reportedOn: new Date(firstDay + t * 180 * DAY).toISOString().slice(0, 10), meetingId: null,
        columns: [{ key: 'a', label: 'Kommune', formula: null }, { key: 'b', label: 'Region', formula: null }, { key: 'total', label: 'I alt', formula: { plus: ['a', 'b'], minus: [] } }],
        rows: [...lines, totalRow],
        position: { received: null, spent: null, committed: { column: 'total', row: 'sum', rows: null }, uncommitted: null, note: 'synthetic' },
        note: null, section: `Syntetisk fondstabel ${t + 1}`,
      });
    }
  }
  return file;
}

/**
 * Imports the synthetic document for the region's clusters, as `generate:<seed>` in the
 * history, in one transaction. Refuses a database that holds it already, and one with no clusters.
 */
export async function generateSyntheticData(em: EntityManager, region: RegionCode, options: GenerateOptions): Promise<ImportReport> {
  const read = rowReader(em);
  const [already] = await read(em.createQueryBuilder(DocumentImportEntity).select('importedAt').where({ document: GENERATED_DOCUMENT }));
  if (already) {
    throw new Error(`this database already holds generated data (imported ${already.importedAt.toISOString()}): generate into a new database`);
  }
  const clusters = await read(em.createQueryBuilder(RecordEntity).select('id').where({ kind: 'cluster', withdrawnAt: null }).orderBy({ id: 'asc' }));
  if (clusters.length === 0) throw new Error('no clusters: load the region’s data first (npm run db:load)');

  const clusterIds = clusters.map((c) => c.id);
  const { progress, ...size } = options;
  const data = syntheticDataFile(clusterIds, size);
  // The data follows from the clusters and the options, so their digest stands for the data's
  // (hashing tens of megabytes of generated JSON took seconds).
  const digest = documentDigest(JSON.stringify({ generator: GENERATED_DOCUMENT, clusterIds, size }));
  const [report] = await importDocuments(em, region, [{ data, file: null, digest }], {
    subject: `generate:${options.seed}`,
    recordsWritten: progress,
  });
  return report;
}
