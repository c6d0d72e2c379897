/** Page sizes, cursors and search queries as the regional subgraphs check them: pure functions, no database. */
import { GraphQLError } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SEARCH_QUERY_LENGTH } from '../../../schema/contract';
import { connectionOf, decodeCursor, encodeCursor, pageSize } from '../../../services/regional/graphql/paging';
import { searchQuery } from '../../../services/regional/graphql/search';
import { searchVectorExpression } from '../../../services/regional/model/search-vector';

const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return 'no error';
};

describe('pageSize', () => {
  it('defaults, and takes 1 to the maximum', () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(null)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
  });
  it.each([0, -1, MAX_PAGE_SIZE + 1])('refuses %d with BAD_USER_INPUT', (first) => {
    expect(codeOf(() => pageSize(first))).toBe('BAD_USER_INPUT');
  });
});

describe('cursors', () => {
  it('give back the sort key they were made of', () => {
    const key = [0.1, 'AGENDA_ITEM', 'nordjylland-midt-direktoerforum-2024-02-08-punkt-3'];
    expect(decodeCursor(encodeCursor(key), ['number', 'string', 'string'])).toEqual(key);
    expect(decodeCursor(undefined, ['number'])).toBeNull();
  });
  it.each([
    ['not base64', '!!!'],
    ['not JSON', Buffer.from('drop table').toString('base64url')],
    ['another shape', encodeCursor(['a', 'b'])],
    ['another type', encodeCursor(['a', 'b', 'c'])],
    ['too long', 'A'.repeat(401)],
  ])('refuses a cursor that is %s', (_, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, ['number', 'string', 'string']))).toBe('BAD_USER_INPUT');
  });
});

describe('connectionOf', () => {
  it('cuts the page, tells whether more follow and ends at the last edge', () => {
    const rows = [1, 2, 3];
    const page = connectionOf(rows, 2, 10, (n) => [n], (n) => n * 10);
    expect(page.totalCount).toBe(10);
    expect(page.edges.map((e) => e.node)).toEqual([10, 20]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
    expect(connectionOf([], 2, 0, (n: number) => [n], (n) => n)).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });
});

describe('searchQuery', () => {
  it('trims, and refuses an empty or overlong query with BAD_USER_INPUT', () => {
    expect(searchQuery('  klyngemidlerne ')).toBe('klyngemidlerne');
    expect(searchQuery("'; drop table meeting; --")).toBe("'; drop table meeting; --");
    expect(codeOf(() => searchQuery(' \n '))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => searchQuery('x'.repeat(MAX_SEARCH_QUERY_LENGTH + 1)))).toBe('BAD_USER_INPUT');
    expect(searchQuery('x'.repeat(MAX_SEARCH_QUERY_LENGTH))).toHaveLength(MAX_SEARCH_QUERY_LENGTH);
  });
});

describe('searchVectorExpression', () => {
  it('weights each part under the danish configuration, reading JSON lists by their strings', () => {
    expect(searchVectorExpression([{ text: 'title', weight: 'A' }, { json: 'planned_agenda', weight: 'C' }])).toBe(
      `(setweight(to_tsvector('danish'::regconfig, coalesce(title, ''::text)), 'A'::"char") || ` +
        `setweight(jsonb_to_tsvector('danish'::regconfig, coalesce(planned_agenda, '[]'::jsonb), '["string"]'::jsonb), 'C'::"char")) stored`,
    );
  });
});
