/**
 * Synthetic data for load and scaling tests: many years of meetings with agenda items,
 * attendance, people, initiatives and fund tables for every cluster of a region, added to
 * what the real documents hold. Every synthetic row names its source as
 * GENERATED_DOCUMENT, so it can never pass for a fact from the documents; the generator
 * refuses to run twice on one database. Deterministic: the same seed gives the same rows.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

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

export async function generateSyntheticData(em: EntityManager, options: GenerateOptions): Promise<Record<string, number>> {
  const knex = em.getKnex();
  const already = await knex('meeting').where('document', GENERATED_DOCUMENT).first('id');
  if (already) throw new Error('this database already holds generated data: load the real data again (npm run db:load) before generating anew');
  const clusters: Array<{ id: string }> = await knex('cluster').select('id').orderBy('id');
  if (clusters.length === 0) throw new Error('no clusters: load the region’s data first (npm run db:load)');

  const random = prng(options.seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const source = { document: GENERATED_DOCUMENT, section: 'synthetic' };
  const perCluster =
    1 + options.peoplePerCluster * 2 + options.meetingsPerCluster * (1 + options.itemsPerMeeting + options.attendeesPerMeeting) + options.initiativesPerCluster + options.fundTablesPerCluster;
  const total = perCluster * clusters.length;
  let done = 0;
  const counts: Record<string, number> = {};

  await em.transactional(async (tx) => {
    const trx = tx.getTransactionContext()!;
    const insert = async (table: string, rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += 1_000) {
        await knex(table).transacting(trx).insert(rows.slice(i, i + 1_000));
        done += Math.min(1_000, rows.length - i);
        options.progress?.(done, total);
      }
      counts[table] = (counts[table] ?? 0) + rows.length;
    };

    for (const { id: clusterId } of clusters) {
      const bodyId = `${clusterId}-syntetisk-politisk`;
      await insert('body', [{ id: bodyId, cluster_id: clusterId, name: 'Politisk niveau (syntetisk)', level: 'POLITICAL', description: null, ordinal: 1_000, ...source }]);
      const people = Array.from({ length: options.peoplePerCluster }, (_, i) => ({
        id: `${clusterId}-syntetisk-person-${i}`,
        name: `${pick(FIRST)} ${pick(LAST)}`,
        ...source,
      }));
      await insert('person', people);
      await insert(
        'membership',
        people.map((p, i) => ({ id: `${p.id}-medlemskab`, person_id: p.id, body_id: bodyId, role: i < 2 ? 'Medformand' : 'Medlem', organisation: null, party: null, group_label: null, ordinal: i, ...source })),
      );

      const meetings: Record<string, unknown>[] = [];
      const items: Record<string, unknown>[] = [];
      const attendance: Record<string, unknown>[] = [];
      const start = Date.UTC(2014, 0, 6, 13);
      for (let m = 0; m < options.meetingsPerCluster; m++) {
        const when = new Date(start + m * 2 * 86_400_000);
        const meetingId = `${clusterId}-syntetisk-moede-${m}`;
        meetings.push({
          id: meetingId, cluster_id: clusterId, body_id: bodyId, title: `Syntetisk møde ${m + 1}`, status: 'HELD',
          date: when.toISOString().slice(0, 10), starts_at: when, date_text: null, place: 'Regionshuset', case_number: null,
          planned_agenda: '[]', note: null, ...source,
        });
        for (let n = 1; n <= options.itemsPerMeeting; n++) {
          items.push({
            id: `${meetingId}-punkt-${n}`, meeting_id: meetingId, number: n, title: pick(TOPICS), duration_minutes: 5 * (1 + Math.floor(random() * 6)),
            summary: null, case_description: 'Syntetisk sagsfremstilling til belastningstest.', recommendation_intro: 'Det indstilles, at:',
            recommendations: JSON.stringify([{ number: 1, text: 'Orienteringen tages til efterretning.' }]), decision: pick(DECISIONS),
            attachments: '[]', absent_person_ids: JSON.stringify(random() < 0.3 ? [people[Math.floor(random() * people.length)].id] : []), ...source,
          });
        }
        const offset = Math.floor(random() * people.length);
        for (let a = 0; a < Math.min(options.attendeesPerMeeting, people.length); a++) {
          const person = people[(offset + a) % people.length];
          attendance.push({
            meeting_id: meetingId, person_id: person.id, status: random() < 0.1 ? 'SENT_APOLOGIES' : 'PARTICIPANT', group_label: null, role: null,
            organisation: null, party: null, is_chair: a === 0, ordinal: a, ...source,
          });
        }
      }
      await insert('meeting', meetings);
      await insert('agenda_item', items);
      await insert('attendance', attendance);

      const initiatives = Array.from({ length: options.initiativesPerCluster }, (_, i) => ({
        id: `${clusterId}-syntetisk-indsats-${i}`, cluster_id: clusterId, parent_id: null, number: String(100 + i), kind: 'ACTION_PLAN_INITIATIVE',
        title: `Syntetisk indsats ${i + 1}`, purpose: null, maturity: pick(['Høj', 'Middel', 'Lav']), costs: '[]', status: null, decisions: '[]', targets: '[]',
        attachments: '[]', successor_recommendation: null, note: null, ordinal: 1_000 + i, ...source,
      }));
      await insert('initiative', initiatives);

      const tables = Array.from({ length: options.fundTablesPerCluster }, (_, t) => {
        const lines = Array.from({ length: options.linesPerFundTable }, (_, l) => {
          const a = 10_000 * Math.floor(random() * 100);
          const b = 10_000 * Math.floor(random() * 100);
          return { key: `l${l}`, label: `Indsats ${l + 1}`, kind: 'LINE', initiativeId: initiatives[l % initiatives.length]?.id ?? null, cells: { a, b, total: a + b }, formula: null };
        });
        const sum = (k: 'a' | 'b' | 'total') => lines.reduce((acc, l) => acc + l.cells[k], 0);
        const totalRow = { key: 'sum', label: 'I alt', kind: 'TOTAL', initiativeId: null, cells: { a: sum('a'), b: sum('b'), total: sum('total') }, formula: { plus: ['LINES'], minus: [] } };
        return {
          id: `${clusterId}-syntetisk-fond-${t}`, cluster_id: clusterId, title: `Syntetisk fondstabel ${t + 1}`,
          reported_on: new Date(start + t * 180 * 86_400_000).toISOString().slice(0, 10), meeting_id: null,
          columns: JSON.stringify([{ key: 'a', label: 'Kommune', formula: null }, { key: 'b', label: 'Region', formula: null }, { key: 'total', label: 'I alt', formula: { plus: ['a', 'b'], minus: [] } }]),
          rows: JSON.stringify([...lines, totalRow]),
          position: JSON.stringify({ received: null, spent: null, committed: { column: 'total', row: 'sum', rows: null }, uncommitted: null, note: 'synthetic' }),
          note: null, ...source,
        };
      });
      await insert('fund_table', tables);
    }
  });
  return counts;
}
