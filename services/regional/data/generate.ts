/**
 * Synthetic data for load and scaling tests: many years of meetings with agenda items,
 * attendance, people, initiatives and fund tables for every cluster of a region, added to
 * what the real documents hold. Every synthetic row names its source as
 * GENERATED_DOCUMENT, so it can never pass for a fact from the documents; the generator
 * refuses to run twice on one database. Deterministic: the same seed gives the same rows.
 */
import { QueryOrder, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceStatus, BodyLevel, FundRowKind, InitiativeKind, MappingBasis, MeetingStatus } from '../../../schema/contract';
import {
  AgendaItemAbsenteeEntity,
  AgendaItemEntity,
  AttendanceEntity,
  BodyEntity,
  ClusterEntity,
  FundTableEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  PersonEntity,
  insertInStatements,
  rowReader,
  type Insert,
} from '../model';
import type { FundRowValue } from './format';

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
  /** Called with (rows written, rows in all) as batches land. */
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

/** Rows of one entity, in insert order with the others. */
interface Batch<E extends object = object> {
  entity: EntityClass<E>;
  rows: Insert<E>[];
}
const batch = <E extends object>(entity: EntityClass<E>, rows: Insert<E>[]): Batch => ({ entity, rows } as unknown as Batch);

export async function generateSyntheticData(em: EntityManager, options: GenerateOptions): Promise<Record<string, number>> {
  const already = await em.count(MeetingEntity, { document: GENERATED_DOCUMENT });
  if (already > 0) throw new Error('this database already holds generated data: load the real data again (npm run db:load) before generating anew');
  const clusters = await rowReader(em)(em.createQueryBuilder(ClusterEntity).select('id').orderBy({ id: QueryOrder.ASC }));
  if (clusters.length === 0) throw new Error('no clusters: load the region’s data first (npm run db:load)');

  const random = prng(options.seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const source = { document: GENERATED_DOCUMENT, section: 'synthetic' };

  const batches: Batch[] = [];
  for (const { id: clusterId } of clusters) {
    const bodyId = `${clusterId}-syntetisk-politisk`;
    const people = Array.from({ length: options.peoplePerCluster }, (_, i) => ({
      id: `${clusterId}-syntetisk-person-${i}`,
      name: `${pick(FIRST)} ${pick(LAST)}`,
      ...source,
    }));
    batches.push(
      batch(BodyEntity, [{ id: bodyId, cluster: clusterId, name: 'Politisk niveau (syntetisk)', level: BodyLevel.POLITICAL, ordinal: 1_000, ...source }]),
      batch(PersonEntity, people),
      batch(
        MembershipEntity,
        people.map((p, i) => ({ id: `${p.id}-medlemskab`, person: p.id, body: bodyId, role: i < 2 ? 'Medformand' : 'Medlem', ordinal: i, ...source })),
      ),
    );

    const meetings: Insert<MeetingEntity>[] = [];
    const items: Insert<AgendaItemEntity>[] = [];
    const absentees: Insert<AgendaItemAbsenteeEntity>[] = [];
    const attendance: Insert<AttendanceEntity>[] = [];
    const start = Date.UTC(2014, 0, 6, 13);
    for (let m = 0; m < options.meetingsPerCluster; m++) {
      const when = new Date(start + m * 2 * 86_400_000);
      const meetingId = `${clusterId}-syntetisk-moede-${m}`;
      meetings.push({
        id: meetingId, cluster: clusterId, body: bodyId, title: `Syntetisk møde ${m + 1}`, status: MeetingStatus.HELD,
        date: when.toISOString().slice(0, 10), startsAt: when, place: 'Regionshuset', plannedAgenda: [], basis: MappingBasis.SOURCED, jointClusterIds: [], ...source,
      });
      for (let n = 1; n <= options.itemsPerMeeting; n++) {
        const id = `${meetingId}-punkt-${n}`;
        items.push({
          id, meeting: meetingId, number: String(n), ordinal: n - 1, title: pick(TOPICS), durationMinutes: 5 * (1 + Math.floor(random() * 6)),
          caseDescription: 'Syntetisk sagsfremstilling til belastningstest.', recommendationIntro: 'Det indstilles, at:',
          recommendations: [{ number: 1, text: 'Orienteringen tages til efterretning.' }], decision: pick(DECISIONS),
          attachments: [], public: true, ...source,
        });
        if (random() < 0.3) absentees.push({ agendaItem: id, person: people[Math.floor(random() * people.length)].id, ordinal: 0 });
      }
      const offset = Math.floor(random() * people.length);
      for (let a = 0; a < Math.min(options.attendeesPerMeeting, people.length); a++) {
        const person = people[(offset + a) % people.length];
        attendance.push({
          meeting: meetingId, person: person.id, status: random() < 0.1 ? AttendanceStatus.SENT_APOLOGIES : AttendanceStatus.PARTICIPANT,
          isChair: a === 0, ordinal: a, ...source,
        });
      }
    }
    batches.push(batch(MeetingEntity, meetings), batch(AgendaItemEntity, items), batch(AgendaItemAbsenteeEntity, absentees), batch(AttendanceEntity, attendance));

    const initiatives: Insert<InitiativeEntity>[] = Array.from({ length: options.initiativesPerCluster }, (_, i) => ({
      id: `${clusterId}-syntetisk-indsats-${i}`, cluster: clusterId, number: String(100 + i), kind: InitiativeKind.ACTION_PLAN_INITIATIVE,
      title: `Syntetisk indsats ${i + 1}`, maturity: pick(['Høj', 'Middel', 'Lav']), costs: [], decisions: [], targets: [],
      attachments: [], readings: [], ordinal: 1_000 + i, ...source,
    }));
    batches.push(batch(InitiativeEntity, initiatives));

    const tables = Array.from({ length: options.fundTablesPerCluster }, (_, t): Insert<FundTableEntity> => {
      const lines = Array.from({ length: options.linesPerFundTable }, (_, l) => {
        const a = 10_000 * Math.floor(random() * 100);
        const b = 10_000 * Math.floor(random() * 100);
        return { key: `l${l}`, label: `Indsats ${l + 1}`, kind: FundRowKind.LINE, initiativeId: initiatives[l % initiatives.length]?.id ?? null, cells: { a, b, total: a + b }, formula: null };
      });
      const sum = (k: 'a' | 'b' | 'total') => lines.reduce((acc, l) => acc + l.cells[k], 0);
      const totalRow: FundRowValue = { key: 'sum', label: 'I alt', kind: FundRowKind.TOTAL, initiativeId: null, cells: { a: sum('a'), b: sum('b'), total: sum('total') }, formula: { plus: ['LINES'], minus: [] } };
      return {
        id: `${clusterId}-syntetisk-fond-${t}`, cluster: clusterId, title: `Syntetisk fondstabel ${t + 1}`,
        reportedOn: new Date(start + t * 180 * 86_400_000).toISOString().slice(0, 10),
        columns: [{ key: 'a', label: 'Kommune', formula: null }, { key: 'b', label: 'Region', formula: null }, { key: 'total', label: 'I alt', formula: { plus: ['a', 'b'], minus: [] } }],
        rows: [...lines, totalRow],
        position: { received: null, spent: null, committed: { column: 'total', row: 'sum', rows: null }, uncommitted: null, note: 'synthetic' },
        ...source,
      };
    });
    batches.push(batch(FundTableEntity, tables));
  }

  const metadata = em.getMetadata();
  const total = batches.reduce((n, b) => n + b.rows.length, 0);
  let done = 0;
  const counts: Record<string, number> = {};
  await em.transactional(async (tx) => {
    for (const { entity, rows } of batches) {
      await insertInStatements(tx, entity, rows, 1_000, (inserted) => {
        done += inserted;
        options.progress?.(done, total);
      });
      const table = metadata.get(entity.name).tableName;
      counts[table] = (counts[table] ?? 0) + rows.length;
    }
  });
  return counts;
}
