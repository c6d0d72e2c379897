/**
 * The source documents the hub's data is read from, as records a dashboard can show a person:
 * title, kind, date, publisher and a public URL. What is here is what the documents and
 * ../shared/seeds/README.md (the list of the five seed documents) and reference/REFORM.md
 * state; a field no source gives is null, never guessed:
 * - url: no seed document gives its own public address (seed 000 prints an address, but of
 *   the minutes of 6 March 2023 it refers to, not of the action plan itself), so every url is null;
 * - publisher: no document names its publisher as such, so every publisher is null;
 * - body: the hub holds the structured data read from the documents, not their text, so null.
 * The catalogue is code, not a table: the documents are the same in every subgraph (the
 * councils subgraph cites reference/REFORM.md too), and they change only with the repository.
 */
import { Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { DateScalar } from './scalars';
import { Source } from './source';

export enum SourceDocumentKind {
  MINUTES = 'MINUTES',
  ACTION_PLAN = 'ACTION_PLAN',
  HEALTH_AGREEMENT = 'HEALTH_AGREEMENT',
  REFERENCE = 'REFERENCE',
}
registerEnumType(SourceDocumentKind, {
  name: 'SourceDocumentKind',
  description: 'What a source document is.',
  valuesConfig: {
    MINUTES: { description: 'Minutes (referat) of a meeting.' },
    ACTION_PLAN: { description: 'An action plan (handleplan).' },
    HEALTH_AGREEMENT: { description: 'A health agreement (sundhedsaftale).' },
    REFERENCE: { description: 'The hub’s list of sourced reference facts (reference/REFORM.md), each fact with its own source.' },
  },
});

@ObjectType({ description: 'A source document the hub’s data was read from.' })
@Directive('@shareable')
export class SourceDocument {
  @Field(() => ID, { description: 'The document’s name as records cite it in `Source.document`, e.g. "001_f3d27487db9cbfb0.txt" or "reference/REFORM.md".' })
  id!: string;

  @Field({ description: 'A title a person can read, e.g. "Referat, Direktørforum Sundhedsklynge Midt, 8. februar 2024".' })
  title!: string;

  @Field(() => SourceDocumentKind, { description: 'Minutes, action plan, health agreement or the reference facts.' })
  kind!: SourceDocumentKind;

  @Field(() => DateScalar, { nullable: true, description: 'The day of the meeting or of the approval, or the first day of the period it covers; null when it has none.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it, where a source says; null otherwise (so far no source names one).' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'A public URL of the document, where a source gives one; null otherwise (never guessed; so far no source gives one).' })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'The document’s text, where the hub holds it; null otherwise (the hub holds the data read from the documents, not their text).' })
  body!: string | null;

  @Field(() => String, { nullable: true, description: 'The code of the region whose data it is the source of, e.g. "NORDJYLLAND"; null for the reference facts, which cover both.' })
  regionCode!: string | null;
}

const document = (id: string, title: string, kind: SourceDocumentKind, date: string | null, regionCode: string | null): SourceDocument => ({
  id,
  title,
  kind,
  date,
  publisher: null,
  url: null,
  body: null,
  regionCode,
});

/** Titles follow the data files' own `title` where one exists; dates are those of the seeds' README. */
export const SOURCE_DOCUMENTS: readonly SourceDocument[] = [
  document('000_6059671c5b4e88b7.txt', 'Handleplan Politisk Sundhedsklynge Syd (godkendt 6. marts 2023)', SourceDocumentKind.ACTION_PLAN, '2023-03-06', 'NORDJYLLAND'),
  document('001_f3d27487db9cbfb0.txt', 'Referat, Direktørforum Sundhedsklynge Midt, 8. februar 2024', SourceDocumentKind.MINUTES, '2024-02-08', 'NORDJYLLAND'),
  document('002_862ff6785b306e7d.txt', 'Referat, Politisk Sundhedsklynge Syd, 19. maj 2025', SourceDocumentKind.MINUTES, '2025-05-19', 'NORDJYLLAND'),
  document('003_c5f691abd2c4998b.txt', 'Sundhedsaftalen 2024-2027, Region Nordjylland', SourceDocumentKind.HEALTH_AGREEMENT, null, 'NORDJYLLAND'),
  document('004_ddf16a629fcdefaa.txt', 'Referat Sundhedsklynge Sydvestjylland, politisk niveau, d. 05-12-2023', SourceDocumentKind.MINUTES, '2023-12-05', 'SYDDANMARK'),
  document('reference/REFORM.md', 'Reference facts: clusters, health councils and the 2024 health reform', SourceDocumentKind.REFERENCE, null, null),
];

const byId = new Map(SOURCE_DOCUMENTS.map((d) => [d.id, d]));

/** The document a record cites, or null for a name the catalogue does not hold (e.g. one a writer named through the API). */
export function sourceDocumentOf(id: string): SourceDocument | null {
  return byId.get(id) ?? null;
}

/** `Source.documentRecord`, added by every subgraph that serves `Source` (the field must resolve wherever the type does). */
@Resolver(() => Source)
export class SourceDocumentFieldResolver {
  @FieldResolver(() => SourceDocument, {
    nullable: true,
    description:
      'The source document as a record (title, kind, date, publisher, url). Named so because `document` stays the document’s file name, for compatibility. Null for a document the hub has no record of.',
  })
  documentRecord(@Root() source: Source): SourceDocument | null {
    return sourceDocumentOf(source.document);
  }
}
