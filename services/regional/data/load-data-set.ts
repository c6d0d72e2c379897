/**
 * Puts a validated data set into a regional database. The whole load is one transaction:
 * the old data is replaced only if every row of the new data went in, so a failed load
 * leaves the database as it was.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DataSet } from './read-data-set';

/** Tables in delete order (children first). */
const TABLES = [
  'attendance',
  'agenda_item',
  'membership',
  'fund_table',
  'grant_record',
  'meeting',
  'initiative',
  'body',
  'person',
  'health_agreement',
  'cluster',
];

/**
 * Bump when the loader stores data differently: the digest changes, and databases loaded
 * by an older loader are reloaded (with the default load policy) or reported as stale.
 */
export const LOADER_VERSION = 2;

/** SHA-256 over the loader version and the data files' names and contents. */
export function digestDataDirectory(directory: string): string {
  const hash = createHash('sha256').update(`loader ${LOADER_VERSION}\0`);
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.json')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(directory, file))).update('\0');
  }
  return hash.digest('hex');
}

export interface LoadResult {
  counts: Record<string, number>;
}

export type Progress = (message: string) => void;

export async function loadDataSet(em: EntityManager, set: DataSet, digest: string, progress: Progress = () => {}): Promise<LoadResult> {
  const sourced = (r: { document: string; section: string }) => ({ document: r.document, section: r.section });
  // One person may be listed in several documents: the first mention is the record's source.
  const people = new Map<string, DataSet['people'][number]>();
  for (const p of set.people) if (!people.has(p.id)) people.set(p.id, p);

  const rows: Record<string, Record<string, unknown>[]> = {
    cluster: set.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      region_code: set.region.toUpperCase(),
      municipalities: JSON.stringify(c.municipalities),
      note: c.note,
      ...sourced(c),
    })),
    person: [...people.values()].map((p) => ({ id: p.id, name: p.name, ...sourced(p) })),
    body: set.bodies.map((b, ordinal) => ({
      id: b.id,
      cluster_id: b.clusterId,
      name: b.name,
      level: b.level,
      description: b.description,
      ordinal,
      ...sourced(b),
    })),
    membership: set.memberships.map((m, ordinal) => ({
      id: m.id,
      person_id: m.personId,
      body_id: m.bodyId,
      role: m.role,
      organisation: m.organisation,
      party: m.party,
      group_label: m.group,
      ordinal,
      ...sourced(m),
    })),
    meeting: set.meetings.map((m) => ({
      id: m.id,
      cluster_id: m.clusterId,
      body_id: m.bodyId,
      title: m.title,
      status: m.status,
      date: m.date,
      starts_at: m.startsAt,
      date_text: m.dateText,
      place: m.place,
      case_number: m.caseNumber,
      planned_agenda: JSON.stringify(m.plannedAgenda),
      note: m.note,
      ...sourced(m),
    })),
    attendance: set.meetings.flatMap((m) =>
      m.attendance.map((a, ordinal) => ({
        meeting_id: m.id,
        person_id: a.personId,
        status: a.status,
        group_label: a.group,
        role: a.role,
        organisation: a.organisation,
        party: a.party,
        is_chair: a.isChair,
        ordinal,
        document: m.document,
        section: a.section,
      })),
    ),
    agenda_item: set.meetings.flatMap((m) =>
      m.agendaItems.map((i) => ({
        id: i.id,
        meeting_id: m.id,
        number: i.number,
        title: i.title,
        duration_minutes: i.durationMinutes,
        summary: i.summary,
        case_description: i.caseDescription,
        recommendation_intro: i.recommendationIntro,
        recommendations: JSON.stringify(i.recommendations),
        decision: i.decision,
        attachments: JSON.stringify(i.attachments),
        absent_person_ids: JSON.stringify(i.absentPersonIds),
        document: m.document,
        section: i.section,
      })),
    ),
    // Parents before parts, so the self-reference holds at every insert.
    initiative: orderParentsFirst(set.initiatives).map(({ item: i, ordinal }) => ({
      id: i.id,
      cluster_id: i.clusterId,
      parent_id: i.parentId,
      number: i.number,
      kind: i.kind,
      title: i.title,
      purpose: i.purpose,
      maturity: i.maturity,
      costs: JSON.stringify(i.costs),
      status: i.status,
      decisions: JSON.stringify(i.decisions),
      targets: JSON.stringify(i.targets),
      attachments: JSON.stringify(i.attachments),
      successor_recommendation: i.successorRecommendation ? JSON.stringify(i.successorRecommendation) : null,
      note: i.note,
      ordinal,
      ...sourced(i),
    })),
    fund_table: set.fundTables.map((t) => ({
      id: t.id,
      cluster_id: t.clusterId,
      title: t.title,
      reported_on: t.reportedOn,
      meeting_id: t.meetingId,
      columns: JSON.stringify(t.columns),
      rows: JSON.stringify(t.rows),
      position: t.position ? JSON.stringify(t.position) : null,
      note: t.note,
      ...sourced(t),
    })),
    grant_record: set.grants.map((g) => ({
      id: g.id,
      cluster_id: g.clusterId,
      grantor: g.grantor,
      recipient: g.recipient,
      amount: g.amount,
      purpose: g.purpose,
      meeting_id: g.meetingId,
      initiative_id: g.initiativeId,
      date: g.date,
      to_council_id: g.toCouncilId,
      ...sourced(g),
    })),
    health_agreement: set.agreements.map((a) => ({
      id: a.id,
      title: a.title,
      period: a.period,
      vision: a.vision,
      principles: JSON.stringify(a.principles),
      goal_areas: JSON.stringify(a.goalAreas),
      organisation: JSON.stringify(a.organisation),
      follow_up: JSON.stringify(a.followUp),
      facts: JSON.stringify(a.facts),
      ...sourced(a),
    })),
  };

  const counts: Record<string, number> = {};
  await em.transactional(async (tx) => {
    const knex = tx.getKnex();
    const trx = tx.getTransactionContext();
    if (!trx) throw new Error('the load must run inside a transaction');
    for (const table of TABLES) await knex(table).transacting(trx).delete();
    for (const table of [...TABLES].reverse()) {
      const batch = rows[table];
      counts[table] = batch.length;
      if (batch.length === 0) continue;
      // Chunked: one statement per 500 rows keeps far below PostgreSQL's parameter limit.
      for (let i = 0; i < batch.length; i += 500) {
        await knex(table).transacting(trx).insert(batch.slice(i, i + 500));
      }
      progress(`${table}: ${batch.length}`);
    }
    await knex('data_load')
      .transacting(trx)
      .insert({ loaded_at: new Date(), digest, counts: JSON.stringify(counts) });
  });
  return { counts };
}

function orderParentsFirst<T extends { id: string; parentId: string | null }>(items: T[]): Array<{ item: T; ordinal: number }> {
  const indexed = items.map((item, ordinal) => ({ item, ordinal }));
  const placed = new Set<string>();
  const out: Array<{ item: T; ordinal: number }> = [];
  let pending = indexed;
  while (pending.length > 0) {
    const next = pending.filter(({ item }) => item.parentId === null || placed.has(item.parentId));
    if (next.length === 0) throw new Error(`initiatives form a cycle: ${pending.map((p) => p.item.id).join(', ')}`);
    for (const n of next) {
      out.push(n);
      placed.add(n.item.id);
    }
    pending = pending.filter((p) => !placed.has(p.item.id));
  }
  return out;
}

/** The last completed load, or null for a database that was never loaded. */
export async function lastLoad(em: EntityManager): Promise<{ digest: string; loadedAt: Date } | null> {
  const row = await em.getKnex()('data_load').orderBy('id', 'desc').first('digest', 'loaded_at');
  return row ? { digest: row.digest, loadedAt: row.loaded_at } : null;
}
