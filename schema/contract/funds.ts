/** Cluster funds (klyngemidler): tables exactly as printed, the derived fund position, and grants. */
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MappingBasis } from './basis';
import { Initiative } from './initiative';
import { DateScalar, KronerScalar } from './scalars';
import { Source } from './source';

export enum FundRowKind {
  LINE = 'LINE',
  TOTAL = 'TOTAL',
  RECEIVED = 'RECEIVED',
  BALANCE = 'BALANCE',
  OTHER = 'OTHER',
}
registerEnumType(FundRowKind, {
  name: 'FundRowKind',
  description: 'The role of a row in a fund table.',
  valuesConfig: {
    LINE: { description: 'A line: an initiative or an organisation.' },
    TOTAL: { description: 'A printed total (I alt) of the lines.' },
    RECEIVED: { description: 'Funds received (modtaget klyngemidler).' },
    BALANCE: { description: 'A balance or remainder (balance, rest, tilbagestående).' },
    OTHER: { description: 'Any other row.' },
  },
});

@ObjectType({ description: 'A column of a fund table.' })
@Directive('@shareable')
export class FundColumn {
  @Field({ description: 'A stable key for the column within its table.' })
  key!: string;

  @Field({ description: 'The column heading as printed, e.g. "Jammerbugt Kommune".' })
  label!: string;
}

@ObjectType({ description: 'One cell of a fund table.' })
@Directive('@shareable')
export class FundCell {
  @Field({ description: 'The key of the cell’s column.' })
  column!: string;

  @Field(() => KronerScalar, { nullable: true, description: 'The printed amount in whole kroner; null for a blank cell.' })
  amount!: number | null;
}

@ObjectType({ description: 'A row of a fund table, as printed.' })
@Directive('@shareable')
export class FundRow {
  @Field({ description: 'A stable key for the row within its table.' })
  key!: string;

  @Field({ description: 'The row label as printed, e.g. "5. Claudicatio Intermittens".' })
  label!: string;

  @Field(() => FundRowKind, { description: 'Line, printed total, received, balance or other.' })
  kind!: FundRowKind;

  @Field(() => Initiative, { nullable: true, description: 'The initiative (indsats) the row is about, if any.' })
  initiative!: Initiative | null;

  @Field(() => [FundCell], { description: 'The row’s cells in column order.' })
  cells!: FundCell[];
}

@ObjectType({ description: 'A printed total, balance or sum cell of a fund table checked against the figure computed from its lines.' })
@Directive('@shareable')
export class FundCheck {
  @Field({ description: 'The row label as printed.' })
  row!: string;

  @Field({ description: 'The column label as printed.' })
  column!: string;

  @Field(() => KronerScalar, { nullable: true, description: 'The figure the document prints; null for a blank cell.' })
  printed!: number | null;

  @Field(() => KronerScalar, { description: 'The figure computed from the lines it totals.' })
  computed!: number;

  @Field({ description: 'True when printed and computed agree. The loader refuses data where they do not.' })
  matches!: boolean;
}

@ObjectType({ description: 'A cluster’s fund position (klyngemidler) as one report states it. A null figure was not reported.' })
@Directive('@shareable')
export class FundPosition {
  @Field(() => DateScalar, { description: 'The date of the meeting that reported the figures.' })
  reportedOn!: string;

  @Field(() => KronerScalar, { nullable: true, description: 'Funds received (modtaget).' })
  received!: number | null;

  @Field(() => KronerScalar, { nullable: true, description: 'Funds spent (forbrugt).' })
  spent!: number | null;

  @Field(() => KronerScalar, { nullable: true, description: 'Funds committed (disponeret) to initiatives; where a report separates spending, committed-but-unspent.' })
  committed!: number | null;

  @Field(() => KronerScalar, { nullable: true, description: 'Funds not committed (rest, ikke disponeret, balance).' })
  uncommitted!: number | null;

  @Field(() => String, { nullable: true, description: 'How the figures were read from the table.' })
  note!: string | null;

  @Field({ description: 'The id of the fund table the figures come from.' })
  fundTableId!: string;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

@ObjectType({ description: 'A table of cluster funds (klyngemidler) exactly as a document prints it, with its printed totals reconciled.' })
@Directive('@shareable')
export class FundTable {
  @Field(() => ID, { description: 'Stable id, e.g. "nordjylland-midt-klyngemidler-2023".' })
  id!: string;

  @Field({ description: 'The table’s title or heading, in Danish.' })
  title!: string;

  @Field(() => DateScalar, { description: 'The date of the meeting that reported the table.' })
  reportedOn!: string;

  @Field(() => String, { nullable: true, description: 'The meeting that reported it.' })
  meetingId!: string | null;

  @Field(() => [FundColumn], { description: 'The columns in printed order.' })
  columns!: FundColumn[];

  @Field(() => [FundRow], { description: 'The rows in printed order, including printed totals and balances.' })
  rows!: FundRow[];

  @Field(() => [FundCheck], { description: 'Every printed total and balance, checked against the sum of its lines.' })
  checks!: FundCheck[];

  @Field(() => FundPosition, { nullable: true, description: 'The fund position the table states, when it states one.' })
  position!: FundPosition | null;

  @Field(() => String, { nullable: true, description: 'What else the document says about the table, e.g. footnotes.' })
  note!: string | null;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}

@ObjectType({ description: 'A grant or decision about money outside the fund tables, e.g. 250.000 kr. per pilot project from the innovation pool.' })
@Directive('@shareable')
export class Grant {
  @Field(() => ID, { description: 'Stable id of the grant.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Who grants the money.' })
  grantor!: string | null;

  @Field(() => String, { nullable: true, description: 'Who receives it.' })
  recipient!: string | null;

  @Field(() => KronerScalar, { nullable: true, description: 'The amount in whole kroner; null where the document gives no exact figure.' })
  amount!: number | null;

  @Field({ description: 'What the money is for, or the decision, in Danish.' })
  purpose!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When it was granted or decided, where the document says.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The meeting that decided or reported it.' })
  meetingId!: string | null;

  @Field(() => Initiative, { nullable: true, description: 'The initiative the money is for, if any.' })
  initiative!: Initiative | null;

  @Field(() => String, { nullable: true, description: 'The health council (sundhedsråd) that receives the money, e.g. "limfjorden".' })
  toCouncilId!: string | null;

  @Field(() => MappingBasis, { description: 'SOURCED when the document states the grant; INFERRED when the hub infers it from what the document states (e.g. one grant per cluster from "hver klynge"; the purpose says how).' })
  basis!: MappingBasis;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}
