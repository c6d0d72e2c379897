/**
 * Scalars of the shared contract. Money is never a Float: the documents print whole
 * kroner and dashboards must show the same figures to the krone.
 */
import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import { InputValueError } from '../../platform/errors';
import { MAX_YEAR, MIN_YEAR, calendarDateProblem } from './calendar';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * The years a Date may name (schema/contract/calendar.ts, shared with the data files'
 * validation): the governance records of the clusters and councils fall well inside, and a
 * date outside (year 0000, 9999) is a typo that PostgreSQL would refuse or misread, so it is
 * refused here, as the client's error, before any query runs.
 */
export const DATE_MIN_YEAR = MIN_YEAR;
export const DATE_MAX_YEAR = MAX_YEAR;

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value)) {
    throw new InputValueError(`Date must be a string YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const problem = calendarDateProblem(value);
  if (problem) throw new InputValueError(`Date ${problem}`);
  return value;
}

/**
 * Dates already found valid in an answer, so each is checked once rather than once per answer:
 * a dashboard's meeting list serialises the same few hundred dates request after request, and
 * the check (a match, three numbers, the month's days) was ~2 % of the subgraph's CPU on the
 * transition overview. Bounded: emptied when full.
 */
const CHECKED_DATES_MAX = 10_000;
const checkedDates = new Set<string>();

function serializeDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && checkedDates.has(value)) return value;
  const date = parseLocalDate(value);
  if (checkedDates.size >= CHECKED_DATES_MAX) checkedDates.clear();
  checkedDates.add(date);
  return date;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date without time zone, as YYYY-MM-DD (ISO 8601), e.g. "2024-02-08".',
  serialize: serializeDate,
  parseValue: parseLocalDate,
  parseLiteral: (ast) => parseLocalDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'An instant, serialised as an ISO 8601 string in UTC, e.g. "2024-02-08T13:00:00.000Z" for 14:00 Danish time (CET).',
  serialize: (value) => {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot serialise an invalid date');
    return d.toISOString();
  },
  parseValue: (value) => {
    const d = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) {
      throw new InputValueError(`DateTime must be an ISO 8601 string, got ${JSON.stringify(value)}`);
    }
    return d;
  },
  parseLiteral: (ast) => {
    const d = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new InputValueError('DateTime must be an ISO 8601 string');
    return d;
  },
});

function toKroner(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InputValueError(`Kroner must be a whole number of kroner, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const KronerScalar = new GraphQLScalarType({
  name: 'Kroner',
  description:
    'An amount in whole Danish kroner (DKK), as an integer; never a float. Danish notation "1.588.000" is 1588000. May be negative (a balance).',
  serialize: toKroner,
  parseValue: toKroner,
  parseLiteral: (ast) => toKroner(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});

/**
 * A JSON value: the records the write API takes and the history gives back, in the data
 * files' format (services/regional/data/format.ts documents every field). One format for the
 * files and the API keeps one set of rules; the subgraph validates it and answers
 * BAD_USER_INPUT naming each field path that breaks them.
 */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value: a record in the data files’ format (see the README’s “Writing data”), or a record’s state in its history.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
