/** Corrected readings of printed text: the printed text is served as printed, the reading beside it. */
import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One correction of printed text (e.g. OCR damage): each whole-word occurrence of `printed` reads `reading`.' })
@Directive('@shareable')
export class TextCorrection {
  @Field({ description: 'The words as the document prints them, e.g. "Igsning".' })
  printed!: string;

  @Field({ description: 'How they read, e.g. "løsning".' })
  reading!: string;
}

@ObjectType({
  description:
    'The corrected reading of one text field of a record. The field itself keeps the text as printed; this gives the text as read, with each correction listed, so nothing is corrected silently.',
})
@Directive('@shareable')
export class TextReading {
  @Field({ description: 'The path of the field in the record, e.g. "status", "decisions.0.text" or "targets.1.description".' })
  field!: string;

  @Field({ description: 'The whole field as read: the printed text with every correction applied.' })
  text!: string;

  @Field(() => [TextCorrection], { description: 'The corrections, printed → reading, in the order they are applied.' })
  corrections!: TextCorrection[];

  @Field(() => String, { nullable: true, description: 'Where the reading comes from when not from the words alone, e.g. another document’s wording.' })
  note!: string | null;
}
