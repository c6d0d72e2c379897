/**
 * Paging in the Relay connection shape: `first`/`after` in, `totalCount`, `pageInfo` and
 * `edges { cursor node }` out. Cursors are opaque (base64url of the sort key): a client
 * passes back what it was given and never builds one.
 */
import { Directive, Field, ObjectType } from 'type-graphql';

/** The page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest page a client can ask for: `first` above it is refused with BAD_USER_INPUT. */
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page stands in its list (Relay PageInfo).' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'True when more edges follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge of the page, to pass as `after` for the next; null for an empty page.' })
  endCursor!: string | null;
}
