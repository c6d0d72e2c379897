import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a record was read: the source document and the section within it.' })
@Directive('@shareable')
export class Source {
  @Field({
    description:
      'The source document: the seed file name (e.g. "001_f3d27487db9cbfb0.txt") or "reference/REFORM.md" for the sourced reference facts.',
  })
  document!: string;

  @Field(() => String, { nullable: true, description: 'The section of the document, e.g. "Punkt 3: Status for klyngemidlerne".' })
  section!: string | null;
}

/** Database rows carry their source as two columns; this maps them to the Source type. */
export function sourceOf(row: { document: string; section: string | null }): Source {
  return { document: row.document, section: row.section };
}
