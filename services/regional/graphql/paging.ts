/**
 * Relay paging for the regional lists: page-size checks, opaque cursors (base64url of the
 * sort key as JSON) and the connection built from one page of rows read with one row more
 * than asked for (so `hasNextPage` costs no count of its own).
 */
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../schema/contract';

export const badInput = (message: string): GraphQLError => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** `first` as asked, or the default; outside 1..MAX_PAGE_SIZE is BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput(`"first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`);
  return first;
}

export type SortKey = ReadonlyArray<string | number>;

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * The sort key of a cursor this field gave out, checked against the key's shape (`kinds`:
 * the type of each part); anything else is BAD_USER_INPUT, so a made-up cursor never reaches SQL as anything but a value.
 */
export function decodeCursor(cursor: string | null | undefined, kinds: ReadonlyArray<'string' | 'number'>): SortKey | null {
  if (cursor === null || cursor === undefined) return null;
  let key: unknown;
  try {
    key = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== kinds.length || key.some((part, i) => typeof part !== kinds[i] || (typeof part === 'number' && !Number.isFinite(part)))) {
    throw badInput('"after" is not a cursor of this list: pass an endCursor or cursor this field returned');
  }
  return key as SortKey;
}

export interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: N }>;
}

/** A connection from the rows after the cursor, read with one row more than the page holds. */
export function connectionOf<R, N>(rows: readonly R[], size: number, totalCount: number, keyOf: (row: R) => SortKey, nodeOf: (row: R) => N): Connection<N> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: nodeOf(row) }));
  return { totalCount, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length ? edges[edges.length - 1].cursor : null }, edges };
}

/**
 * A request's page loader for clusters that ask the same thing: requests that differ only in
 * their cluster share one statement (`fetch`, given the shared arguments and the clusters),
 * whose rows carry their cluster, the cluster's total, and no id on a row that only carries a
 * total (a cluster with no hit on this page). `connection` makes one cluster's page of its rows.
 */
export function clusterPageLoader<Req extends { clusterId: string; first: number }, Row extends { clusterId: string; total: number; id: unknown }, N>(
  argumentsKey: (request: Req) => string,
  fetch: (request: Req, clusterIds: string[]) => Promise<Row[]>,
  connection: (pageRows: Row[], request: Req, totalCount: number) => Connection<N>,
): DataLoader<Req, Connection<N>, string> {
  const requestKey = (r: Req) => JSON.stringify([r.clusterId, argumentsKey(r)]);
  return new DataLoader<Req, Connection<N>, string>(
    async (requests) => {
      const groups = new Map<string, Req[]>();
      for (const r of requests) groups.set(argumentsKey(r), [...(groups.get(argumentsKey(r)) ?? []), r]);
      const results = new Map<string, Connection<N>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const clusterIds = [...new Set(group.map((r) => r.clusterId))];
          const rows = await fetch(group[0], clusterIds);
          for (const clusterId of clusterIds) {
            const own = rows.filter((r) => r.clusterId === clusterId);
            const page = connection(
              own.filter((r) => r.id !== null),
              group[0],
              own[0]?.total ?? 0,
            );
            for (const r of group) if (r.clusterId === clusterId) results.set(requestKey(r), page);
          }
        }),
      );
      return requests.map((r) => results.get(requestKey(r))!);
    },
    { cacheKeyFn: requestKey },
  );
}
