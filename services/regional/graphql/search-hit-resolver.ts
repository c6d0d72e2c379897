/** A search hit's records, read by id through the request's loaders: one statement per kind for all hits. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AgendaItem, Initiative, Meeting, SearchHit, SearchHitKind } from '../../../schema/contract';
import type { RegionalContext } from './context';
import type { SearchHitRow } from './search';

@Resolver(() => SearchHit)
export class SearchHitResolver {
  @FieldResolver(() => AgendaItem, { nullable: true })
  agendaItem(@Root() hit: SearchHitRow, @Ctx() { loaders }: RegionalContext) {
    return hit.kind === SearchHitKind.AGENDA_ITEM ? loaders.agendaItemById.load(hit.id) : null;
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() hit: SearchHitRow, @Ctx() { loaders }: RegionalContext) {
    return hit.meetingId === null ? null : loaders.meetingById.load(hit.meetingId);
  }

  @FieldResolver(() => Initiative, { nullable: true })
  initiative(@Root() hit: SearchHitRow, @Ctx() { loaders }: RegionalContext) {
    return hit.kind === SearchHitKind.INITIATIVE ? loaders.initiativeById.load(hit.id) : null;
  }
}
