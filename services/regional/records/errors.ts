/**
 * The refusals of a write, as GraphQL errors whose codes and messages are meant for the
 * writer (platform/errors.ts lets these codes through): what was wrong, never how it is stored.
 */
import { GraphQLError } from 'graphql';

/** The input breaks the data files' rules: every problem, each naming the field path. */
export class InvalidRecordError extends GraphQLError {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 10).join('; ');
    super(problems.length > 10 ? `${shown}; … and ${problems.length - 10} more` : shown, {
      extensions: { code: 'BAD_USER_INPUT', problems: problems.slice(0, 100) },
    });
    this.name = 'InvalidRecordError';
  }
}

/** The record changed since the version the writer edited, exists already, or is withdrawn. */
export class RecordConflictError extends GraphQLError {
  constructor(message: string, currentVersion: number | null) {
    super(message, { extensions: { code: 'CONFLICT', currentVersion } });
    this.name = 'RecordConflictError';
  }
}

export class RecordNotFoundError extends GraphQLError {
  constructor(kind: string, id: string) {
    super(`no ${kind} "${id}"`, { extensions: { code: 'NOT_FOUND' } });
    this.name = 'RecordNotFoundError';
  }
}
