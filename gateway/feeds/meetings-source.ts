/**
 * The meetings of a cluster or of a council (its predecessor clusters), for the calendar and
 * Atom feeds, from GraphQL operations against the gateway itself: `cluster(id:)` and
 * `healthCouncil(id:)` are both asked, and whichever knows the id answers.
 */
import type { Request } from 'express';
import { regionDefinition, regionOfId } from '../../schema/contract/registry';
import { combinedCacheControl, selfGraphql } from './self-graphql';

export interface FeedAgendaItem {
  id: string;
  number: string;
  title: string;
  decision: string | null;
}

export interface FeedMeeting {
  id: string;
  title: string;
  status: 'HELD' | 'PLANNED' | 'CANCELLED';
  date: string | null;
  startsAt: string | null;
  dateText: string | null;
  place: string | null;
  plannedAgenda: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  body: { id: string; name: string };
  agendaItems: FeedAgendaItem[];
}

export interface MeetingsOf {
  /** The cluster's or council's id and name. */
  id: string;
  name: string;
  kind: 'cluster' | 'council';
  /** Each meeting once (a joint meeting is listed by every cluster that holds it), oldest first, undated last. */
  meetings: FeedMeeting[];
  /** The ids of the bodies of the cluster (of a council: of its predecessor clusters). */
  bodyIds: string[];
  cacheControl: string | undefined;
}

interface ClusterMeetings<M> {
  id: string;
  name: string;
  bodies: Array<{ id: string }>;
  meetings: M[];
}

const MEETING_FIELDS = `
  id title status date startsAt dateText place plannedAgenda version createdAt updatedAt
  body { id name }
  agendaItems { id number title decision }`;

/** `cluster(id:)` and `healthCouncil(id:)` in one operation, each with the meetings' `selection`. */
const clusterOrCouncil = (selection: string) => `query FeedMeetings($id: ID!, $from: Date, $to: Date) {
  cluster(id: $id) { ...clusterMeetings }
  healthCouncil(id: $id) { id name predecessors { ...clusterMeetings } }
}
fragment clusterMeetings on HealthCluster { id name bodies { id } meetings(from: $from, to: $to) {${selection} } }`;

interface Answer<M> {
  cluster: ClusterMeetings<M> | null;
  healthCouncil: { id: string; name: string; predecessors: Array<ClusterMeetings<M> | null> } | null;
}

export interface MeetingRange {
  from?: string;
  to?: string;
}

interface Found<M> {
  id: string;
  name: string;
  kind: 'cluster' | 'council';
  meetings: M[];
  bodyIds: string[];
  cacheControl: string | undefined;
}

async function findMeetings<M extends { id: string }>(req: Request, id: string, selection: string, range: MeetingRange): Promise<Found<M> | null> {
  const { data, cacheControl } = await selfGraphql<Answer<M>>(req, clusterOrCouncil(selection), { id, from: range.from ?? null, to: range.to ?? null });
  const { cluster } = data;
  if (cluster) return { id: cluster.id, name: cluster.name, kind: 'cluster', meetings: cluster.meetings, bodyIds: cluster.bodies.map((b) => b.id), cacheControl };
  if (data.healthCouncil) {
    // A joint meeting is listed by each cluster that holds it: once here.
    const byId = new Map<string, M>();
    for (const cluster of data.healthCouncil.predecessors) for (const m of cluster?.meetings ?? []) byId.set(m.id, m);
    const bodyIds = data.healthCouncil.predecessors.flatMap((c) => c?.bodies.map((b) => b.id) ?? []);
    return { id: data.healthCouncil.id, name: data.healthCouncil.name, kind: 'council', meetings: [...byId.values()], bodyIds, cacheControl };
  }
  return null;
}

/** The meetings of a cluster or council in the range, in full. Null when neither has the id. */
export async function meetingsOf(req: Request, id: string, range: MeetingRange): Promise<MeetingsOf | null> {
  const found = await findMeetings<FeedMeeting>(req, id, MEETING_FIELDS, range);
  return found && { ...found, meetings: found.kind === 'council' ? found.meetings.sort(byDate) : found.meetings };
}

/** Meetings asked for by id in one operation: the gateway's operation limits allow 15 aliases. */
const MEETINGS_PER_OPERATION = 10;

/**
 * The `limit` most recently changed meetings of a cluster or council, in full, newest change
 * first. In two steps, so the work is bounded however many years of meetings a cluster holds:
 * every meeting's id and updatedAt (small), then the chosen ones by id from their regions.
 */
export async function recentlyChangedMeetingsOf(req: Request, id: string, limit: number): Promise<MeetingsOf | null> {
  const found = await findMeetings<{ id: string; updatedAt: string }>(req, id, 'id updatedAt', {});
  if (!found) return null;
  const chosen = found.meetings
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((m) => m.id);
  const batches: Array<{ field: string; ids: string[] }> = [];
  for (const meetingId of chosen) {
    const code = regionOfId(meetingId);
    if (!code) continue;
    const field = `${regionDefinition(code).slug}Meeting`;
    const open = batches.find((b) => b.field === field && b.ids.length < MEETINGS_PER_OPERATION);
    if (open) open.ids.push(meetingId);
    else batches.push({ field, ids: [meetingId] });
  }
  const answers = await Promise.all(
    batches.map(({ field, ids }) => {
      const query = `query FeedMeetingsById(${ids.map((_, i) => `$i${i}: ID!`).join(', ')}) {
        ${ids.map((_, i) => `m${i}: ${field}(id: $i${i}) { ...meeting }`).join('\n        ')}
      }
      fragment meeting on Meeting {${MEETING_FIELDS} }`;
      return selfGraphql<Record<string, FeedMeeting | null>>(req, query, Object.fromEntries(ids.map((v, i) => [`i${i}`, v])));
    }),
  );
  const meetings = answers.flatMap((a) => Object.values(a.data).filter((m): m is FeedMeeting => m !== null));
  return { ...found, meetings, cacheControl: combinedCacheControl([found.cacheControl, ...answers.map((a) => a.cacheControl)]) };
}

/** Oldest first by start (or day), undated last, then by id: the order of `cluster.meetings`. */
function byDate(a: FeedMeeting, b: FeedMeeting): number {
  const ka = a.startsAt ? Date.parse(a.startsAt) : a.date ? Date.parse(a.date) : Infinity;
  const kb = b.startsAt ? Date.parse(b.startsAt) : b.date ? Date.parse(b.date) : Infinity;
  return ka === kb ? a.id.localeCompare(b.id) : ka - kb;
}
