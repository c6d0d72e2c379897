/**
 * The meetings a cluster's `meetings(from, to, status)` field asks for, and how the
 * meetings loader batches them: keys with the same filter share one statement; keys with
 * different filters (aliases) get one statement per distinct filter.
 */
import type { MeetingStatus } from '../../../schema/contract';

export interface MeetingFilter {
  clusterId: string;
  from: string | null;
  to: string | null;
  status: MeetingStatus | null;
  /** The properties to read (read-columns.ts); absent: every column. */
  columns?: readonly string[];
  /** The agenda items' properties to read inside each meeting's row (read-columns.ts embeddedColumnsFor); absent: none. */
  agendaItems?: readonly string[];
}

/** The DataLoader cache key of a filter. */
export const meetingFilterKey = (f: MeetingFilter): string => JSON.stringify([f.clusterId, f.from, f.to, f.status, f.columns ?? null, f.agendaItems ?? null]);

/** Keys grouped by their filter (date range and status) and the columns they read, in the order the filters first occur. */
export function groupByFilter(keys: readonly MeetingFilter[]): MeetingFilter[][] {
  const groups = new Map<string, MeetingFilter[]>();
  for (const key of keys) {
    const signature = JSON.stringify([key.from, key.to, key.status, key.columns ?? null, key.agendaItems ?? null]);
    const group = groups.get(signature);
    if (group) group.push(key);
    else groups.set(signature, [key]);
  }
  return [...groups.values()];
}

/** The clusters one group's statement reads, each once. */
export const clustersOf = (group: readonly MeetingFilter[]): string[] => [...new Set(group.map((k) => k.clusterId))];

/**
 * Hands the rows of one group's statement to the keys of that group, keeping the rows' order:
 * a joint meeting goes to its own cluster and to each of its joint clusters, once to each.
 */
export function distributeMeetings<R extends { cluster: string; jointClusterIds: readonly string[] }>(
  group: readonly MeetingFilter[],
  rows: readonly R[],
  into = new Map<string, R[]>(),
): Map<string, R[]> {
  const byCluster = new Map<string, R[]>();
  for (const row of rows) {
    for (const cluster of new Set([row.cluster, ...row.jointClusterIds])) {
      const list = byCluster.get(cluster);
      if (list) list.push(row);
      else byCluster.set(cluster, [row]);
    }
  }
  for (const key of group) into.set(meetingFilterKey(key), byCluster.get(key.clusterId) ?? []);
  return into;
}
