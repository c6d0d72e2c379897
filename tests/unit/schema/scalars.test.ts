/** The Date scalar accepts real calendar dates in years 1900–2199 only, as BAD_USER_INPUT otherwise, in every position. */
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } from 'graphql';
import { DATE_MAX_YEAR, DATE_MIN_YEAR, DateScalar } from '../../../schema/contract/scalars';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : 'not a GraphQLError';
  }
  return 'accepted';
};

describe('the Date scalar', () => {
  it.each(['2024-02-08', '2024-02-29', '1900-01-01', '2199-12-31', '2000-02-29'])('accepts %s', (value) => {
    expect(DateScalar.parseValue(value)).toBe(value);
    expect(DateScalar.serialize(value)).toBe(value);
  });

  it.each([
    ['an impossible day', '2024-02-31'],
    ['February 29th of a common year', '2023-02-29'],
    ['month 13', '2024-13-01'],
    ['day 00', '2024-01-00'],
    ['year 0000', '0000-01-01'],
    ['the year before the range', `${DATE_MIN_YEAR - 1}-12-31`],
    ['the year after the range', `${DATE_MAX_YEAR + 1}-01-01`],
    ['year 9999', '9999-12-31'],
    ['a date with a time', '2024-02-08T10:00:00Z'],
    ['a number', 20240208],
    ['an empty string', ''],
  ])('refuses %s as BAD_USER_INPUT', (_name, value) => {
    expect(codeOf(() => DateScalar.parseValue(value))).toBe('BAD_USER_INPUT');
  });

  it('refuses an impossible date in an answer, before and after it has serialised many good ones', () => {
    const refusesBad = () => {
      for (const bad of ['2024-02-31', '0000-01-01', 20240208, '']) expect(() => DateScalar.serialize(bad)).toThrow(GraphQLError);
    };
    refusesBad();
    // More different dates than the serialiser remembers, so it forgets and starts again.
    for (let day = 0; day < 12_000; day++) {
      const date = new Date(Date.UTC(1990, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      expect(DateScalar.serialize(date)).toBe(date);
      expect(DateScalar.serialize(date)).toBe(date);
    }
    refusesBad();
  });

  it('refuses a literal outside the range while validating, with the scalar’s code', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { on: { type: GraphQLString, args: { d: { type: DateScalar } }, resolve: (_s, { d }) => d } } }),
    });
    expect((await graphql({ schema, source: '{ on(d: "2024-02-08") }' })).data).toEqual({ on: '2024-02-08' });
    const refused = await graphql({ schema, source: '{ on(d: "0000-01-01") }' });
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const variable = await graphql({ schema, source: 'query($d: Date) { on(d: $d) }', variableValues: { d: '2024-02-31' } });
    expect(variable.errors?.[0].message).toContain('not a calendar date');
  });
});
