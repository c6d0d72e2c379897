/** Full-text search over a cluster's agenda items, meetings and initiatives (Danish stemming). */
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgendaItem, Meeting } from './meeting';
import { Initiative } from './initiative';
import { PageInfo } from './paging';
import { DateScalar } from './scalars';
import { Source } from './source';

/** The longest query `search` takes, in characters (after trimming): longer is refused with BAD_USER_INPUT. */
export const MAX_SEARCH_QUERY_LENGTH = 500;

export enum SearchHitKind {
  AGENDA_ITEM = 'AGENDA_ITEM',
  MEETING = 'MEETING',
  INITIATIVE = 'INITIATIVE',
}
registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit is.',
  valuesConfig: {
    AGENDA_ITEM: { description: 'An agenda item: its title weighs most, then summary, recommendation, proposals and decision, then the case description.' },
    MEETING: { description: 'A meeting: its title weighs most, then place, planned agenda and note.' },
    INITIATIVE: { description: 'An initiative: its title weighs most, then purpose, then status, decisions and maturity.' },
  },
});

@ObjectType({ description: 'One search hit.' })
@Directive('@shareable')
export class SearchHit {
  @Field(() => SearchHitKind, { description: 'Agenda item, meeting or initiative.' })
  kind!: SearchHitKind;

  @Field(() => ID, { description: 'The id of the agenda item, meeting or initiative.' })
  id!: string;

  @Field({ description: 'Its title as printed.' })
  title!: string;

  @Field({
    description:
      'A short extract around the matched words, as plain text (never HTML): each matched word is enclosed in « and », fragments are joined by " … ". Markup-like text (<…>) of the record is left out of the extract.',
  })
  snippet!: string;

  @Field(() => Float, { description: 'PostgreSQL’s ts_rank_cd of the hit (the same function and weights in every region, so ranks compare across regions); higher is better.' })
  rank!: number;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the hit’s meeting; null for an initiative or an undated meeting.' })
  date!: string | null;

  @Field(() => AgendaItem, { nullable: true, description: 'The agenda item, for an AGENDA_ITEM hit.' })
  agendaItem!: AgendaItem | null;

  @Field(() => Meeting, { nullable: true, description: 'The meeting itself (MEETING) or the agenda item’s meeting (AGENDA_ITEM); null for an INITIATIVE.' })
  meeting!: Meeting | null;

  @Field(() => Initiative, { nullable: true, description: 'The initiative, for an INITIATIVE hit.' })
  initiative!: Initiative | null;

  @Field(() => Source, { description: 'Where the hit was read: the document (see `documentRecord` for its title) and section.' })
  source!: Source;
}

@ObjectType({ description: 'A search hit with its cursor.' })
@Directive('@shareable')
export class SearchHitEdge {
  @Field({ description: 'Pass as `after` to continue after this hit.' })
  cursor!: string;

  @Field(() => SearchHit, { description: 'The hit.' })
  node!: SearchHit;
}

@ObjectType({ description: 'A page of search hits, best first.' })
@Directive('@shareable')
export class SearchConnection {
  @Field(() => Int, { description: 'All hits of the query in the cluster, not only this page.' })
  totalCount!: number;

  @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to continue from.' })
  pageInfo!: PageInfo;

  @Field(() => [SearchHitEdge], { description: 'The hits of this page, best first.' })
  edges!: SearchHitEdge[];
}
