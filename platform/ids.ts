import { GraphQLError } from 'graphql';

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Rejects a malformed id with BAD_USER_INPUT; a well-formed id that is unknown resolves to null. */
export function assertWellFormedId(id: string, example: string): void {
  if (id.length > 200 || !ID_PATTERN.test(id)) {
    throw new GraphQLError(`Malformed id ${JSON.stringify(id.slice(0, 200))}: ids are lower-case ASCII words joined by hyphens, e.g. "${example}".`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}
