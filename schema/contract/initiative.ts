/** Initiatives (indsatser) of the clusters' action plans (handleplaner) and focus areas. */
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, KronerScalar } from './scalars';
import { Source } from './source';
import { TextReading } from './text';

export enum InitiativeKind {
  ACTION_PLAN_INITIATIVE = 'ACTION_PLAN_INITIATIVE',
  SUB_INITIATIVE = 'SUB_INITIATIVE',
  FOCUS_AREA = 'FOCUS_AREA',
  PILOT_PROJECT = 'PILOT_PROJECT',
}
registerEnumType(InitiativeKind, {
  name: 'InitiativeKind',
  description: 'What kind of initiative (indsats) a record is.',
  valuesConfig: {
    ACTION_PLAN_INITIATIVE: { description: 'An initiative (indsats) of a cluster’s action plan (handleplan).' },
    SUB_INITIATIVE: { description: 'A part (delindsats) of another initiative.' },
    FOCUS_AREA: { description: 'A focus area (fokusområde) decided by the political level.' },
    PILOT_PROJECT: { description: 'A pilot project (pilotprojekt), e.g. of Det Nordjyske eSundhedsvæsen.' },
  },
});

export enum SuccessorOutcome {
  CONTINUE = 'CONTINUE',
  DISCONTINUE = 'DISCONTINUE',
}
registerEnumType(SuccessorOutcome, {
  name: 'SuccessorOutcome',
  description: 'What a cluster recommends its successor health council (sundhedsråd) to do with an initiative.',
  valuesConfig: {
    CONTINUE: { description: 'Recommended to continue (videreføres).' },
    DISCONTINUE: { description: 'Not recommended to continue.' },
  },
});

@ObjectType({ description: 'An estimated cost (omkostning) of an initiative.' })
@Directive('@shareable')
export class Cost {
  @Field(() => Int, { nullable: true, description: 'The year the cost falls in; null when not given.' })
  year!: number | null;

  @Field(() => KronerScalar, { nullable: true, description: 'The amount in whole kroner; null where the document says it is not known ("Endnu ukendt").' })
  amount!: number | null;

  @Field({ description: 'The cost as printed, e.g. "580.000 kr. i 2023".' })
  text!: string;
}

@ObjectType({ description: 'A dated decision (beslutning) about an initiative.' })
@Directive('@shareable')
export class InitiativeDecision {
  @Field(() => DateScalar, { nullable: true, description: 'When it was decided; null when the document gives no date.' })
  date!: string | null;

  @Field(() => String, { nullable: true, description: 'The id of the meeting that decided, when it is in the hub.' })
  meetingId!: string | null;

  @Field({ description: 'The decision, verbatim.' })
  text!: string;
}

@ObjectType({ description: 'A measurable target (mål) of an initiative, e.g. from 20 to 16 discharges a month.' })
@Directive('@shareable')
export class Target {
  @Field({ description: 'What is measured, in Danish as printed.' })
  description!: string;

  @Field(() => Float, { nullable: true, description: 'The starting value (baseline).' })
  baseline!: number | null;

  @Field(() => Float, { nullable: true, description: 'The value aimed for.' })
  target!: number | null;

  @Field(() => String, { nullable: true, description: 'The unit, e.g. "patienter pr. måned".' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'The period of the baseline, as printed.' })
  baselinePeriod!: string | null;
}

@ObjectType({ description: 'A cluster’s recommendation to its successor health council (sundhedsråd) about an initiative.' })
@Directive('@shareable')
export class SuccessorRecommendation {
  @Field({ description: 'The council the recommendation is addressed to, e.g. "limfjorden".' })
  councilId!: string;

  @Field(() => SuccessorOutcome, { description: 'Continue or not.' })
  outcome!: SuccessorOutcome;

  @Field({ description: 'The recommendation, verbatim.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'The meeting that approved it.' })
  meetingId!: string | null;
}

@ObjectType({ description: 'An initiative (indsats) of a health cluster: an action-plan item, a part of one, a focus area or a pilot project.' })
@Directive('@shareable')
export class Initiative {
  @Field(() => ID, { description: 'Stable id, e.g. "nordjylland-midt-indsats-10a".' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The number as printed, e.g. "1a" or "10b"; null when unnumbered.' })
  number!: string | null;

  @Field(() => InitiativeKind, { description: 'Action-plan initiative, part, focus area or pilot project.' })
  kind!: InitiativeKind;

  @Field({ description: 'The title in Danish.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Formål: the purpose.' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'Modenhed: maturity as printed ("Høj", "Middel", "Lav").' })
  maturity!: string | null;

  @Field(() => [Cost], { description: 'Omkostninger: estimated costs.' })
  costs!: Cost[];

  @Field(() => String, { nullable: true, description: 'Status as the document reports it.' })
  status!: string | null;

  @Field(() => [InitiativeDecision], { description: 'Dated decisions about the initiative.' })
  decisions!: InitiativeDecision[];

  @Field(() => [Target], { description: 'Measurable targets, where stated.' })
  targets!: Target[];

  @Field(() => [String], { description: 'Bilag: attachments as printed.' })
  attachments!: string[];

  @Field(() => SuccessorRecommendation, { nullable: true, description: 'The recommendation to the successor health council, where one was made.' })
  successorRecommendation!: SuccessorRecommendation | null;

  @Field(() => Initiative, { nullable: true, description: 'The initiative this is a part of.' })
  parent!: Initiative | null;

  @Field(() => [Initiative], { description: 'Its parts (delindsatser).' })
  parts!: Initiative[];

  @Field(() => [TextReading], {
    description: 'Corrected readings of its texts: title, purpose, maturity, status, decisions and targets are served as printed (OCR damage included); each reading gives a field as read and lists the corrections.',
  })
  readings!: TextReading[];

  @Field(() => String, { nullable: true, description: 'Notes on the record, e.g. on how it was read from the document.' })
  note!: string | null;

  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' })
  source!: Source;
}
