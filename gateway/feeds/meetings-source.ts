/**
 * The meetings of a cluster or of a council (its predecessor clusters), for the calendar and
 * Atom feeds, in one GraphQL operation against the gateway itself: `cluster(id:)` and
 * `healthCouncil(id:)` are both asked, and whichever knows the id answers.
 */
import type { Request } from 'express';
import { selfGraphql } from './self-graphql';

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
  cacheControl: string | undefined;
}

interface ClusterMeetings {
  id: string;
  name: string;
  meetings: FeedMeeting[];
}

const MEETING_FIELDS = `
  id title status date startsAt dateText place plannedAgenda version createdAt updatedAt
  body { id name }
  agendaItems { id number title decision }`;

const QUERY = `query FeedMeetings($id: ID!, $from: Date, $to: Date) {
  cluster(id: $id) { ...clusterMeetings }
  healthCouncil(id: $id) { id name predecessors { ...clusterMeetings } }
}
fragment clusterMeetings on HealthCluster { id name meetings(from: $from, to: $to) {${MEETING_FIELDS} } }`;

interface Answer {
  cluster: ClusterMeetings | null;
  healthCouncil: { id: string; name: string; predecessors: Array<ClusterMeetings | null> } | null;
}

export interface MeetingRange {
  from?: string;
  to?: string;
}

/** Null when neither a cluster nor a council has the id. */
export async function meetingsOf(req: Request, id: string, range: MeetingRange): Promise<MeetingsOf | null> {
  const { data, cacheControl } = await selfGraphql<Answer>(req, QUERY, { id, from: range.from ?? null, to: range.to ?? null });
  if (data.cluster) return { id: data.cluster.id, name: data.cluster.name, kind: 'cluster', meetings: data.cluster.meetings, cacheControl };
  if (data.healthCouncil) {
    const byId = new Map<string, FeedMeeting>();
    for (const cluster of data.healthCouncil.predecessors) for (const m of cluster?.meetings ?? []) byId.set(m.id, m);
    return { id: data.healthCouncil.id, name: data.healthCouncil.name, kind: 'council', meetings: [...byId.values()].sort(byDate), cacheControl };
  }
  return null;
}

/** Oldest first by start (or day), undated last, then by id: the order of `cluster.meetings`. */
function byDate(a: FeedMeeting, b: FeedMeeting): number {
  const ka = a.startsAt ? Date.parse(a.startsAt) : a.date ? Date.parse(a.date) : Infinity;
  const kb = b.startsAt ? Date.parse(b.startsAt) : b.date ? Date.parse(b.date) : Infinity;
  return ka === kb ? a.id.localeCompare(b.id) : ka - kb;
}
