/** How the meetings DataLoader batches `meetings(from, to, status)` keys: pure, no database. */
import { MeetingStatus } from '../../../schema/contract';
import {
  clustersOf,
  distributeMeetings,
  groupByFilter,
  meetingFilterKey,
  type MeetingFilter,
} from '../../../services/regional/graphql/meeting-filter';

const key = (clusterId: string, from: string | null = null, to: string | null = null, status: MeetingStatus | null = null): MeetingFilter => ({ clusterId, from, to, status });

describe('meeting filter grouping', () => {
  it('puts every key with the same date range and status into one group, whatever the cluster', () => {
    const keys = [key('a'), key('b'), key('c')];
    expect(groupByFilter(keys)).toEqual([keys]);
  });

  it('gives each distinct filter (aliases) a group of its own, in the order the filters first occur', () => {
    const a2023 = key('a', '2023-01-01', '2023-12-31');
    const b2023 = key('b', '2023-01-01', '2023-12-31');
    const aHeld = key('a', null, null, MeetingStatus.HELD);
    const aAll = key('a');
    const aFrom = key('a', '2023-01-01');
    const aTo = key('a', null, '2023-01-01');
    expect(groupByFilter([a2023, aHeld, b2023, aAll, aFrom, aTo])).toEqual([[a2023, b2023], [aHeld], [aAll], [aFrom], [aTo]]);
  });

  it('reads each cluster once per group', () => {
    expect(clustersOf([key('a'), key('b'), key('a')])).toEqual(['a', 'b']);
  });

  it('hands each key of a group its cluster’s rows, in the statement’s order, and an empty list to a cluster without rows', () => {
    const group = [key('a'), key('b'), key('c')];
    const rows = [
      { id: 'm1', cluster: 'b', jointClusterIds: [] },
      { id: 'm2', cluster: 'a', jointClusterIds: [] },
      { id: 'm3', cluster: 'b', jointClusterIds: [] },
    ];
    const out = distributeMeetings(group, rows);
    expect(out.get(meetingFilterKey(key('a')))!.map((r) => r.id)).toEqual(['m2']);
    expect(out.get(meetingFilterKey(key('b')))!.map((r) => r.id)).toEqual(['m1', 'm3']);
    expect(out.get(meetingFilterKey(key('c')))).toEqual([]);
  });

  it('hands a joint meeting, one row, to its own cluster and to each joint cluster once', () => {
    const group = [key('a'), key('b'), key('c'), key('d')];
    const rows = [
      { id: 'joint', cluster: 'b', jointClusterIds: ['a', 'c', 'a'] },
      { id: 'own', cluster: 'a', jointClusterIds: [] },
    ];
    const out = distributeMeetings(group, rows);
    expect(out.get(meetingFilterKey(key('a')))!.map((r) => r.id)).toEqual(['joint', 'own']);
    expect(out.get(meetingFilterKey(key('b')))!.map((r) => r.id)).toEqual(['joint']);
    expect(out.get(meetingFilterKey(key('c')))!.map((r) => r.id)).toEqual(['joint']);
    expect(out.get(meetingFilterKey(key('d')))).toEqual([]);
    expect(out.get(meetingFilterKey(key('a')))![0]).toBe(out.get(meetingFilterKey(key('c')))![0]);
  });

  it('keys the cache by cluster and filter alike', () => {
    expect(meetingFilterKey(key('a', '2023-01-01'))).not.toBe(meetingFilterKey(key('a')));
    expect(meetingFilterKey(key('a', '2023-01-01'))).toBe(meetingFilterKey({ status: null, to: null, from: '2023-01-01', clusterId: 'a' }));
  });
});
