/** A region's health agreement (sundhedsaftale) between region, municipalities and general practice. */
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from './scalars';
import { Source } from './source';

@ObjectType({ description: 'A guiding principle (bærende princip) with its points.' })
@Directive('@shareable')
export class AgreementPrinciple {
  @Field({ description: 'The principle, as printed.' }) title!: string;
  @Field(() => [String], { description: 'Its points, as printed.' }) points!: string[];
}

@ObjectType({ description: 'A goal area (pejlemærke) with its goals (målsætninger).' })
@Directive('@shareable')
export class AgreementGoalArea {
  @Field({ description: 'The goal area, as printed.' }) title!: string;
  @Field(() => [String], { description: 'Its goals (“Vi vil: …”), as printed.' }) goals!: string[];
}

@ObjectType({ description: 'A part of the agreement’s organisation (organisering) and its role.' })
@Directive('@shareable')
export class AgreementOrganisation {
  @Field({ description: 'The forum, e.g. Sundhedssamarbejdsudvalget (the health coordination committee).' }) name!: string;
  @Field({ description: 'Its role, as printed.' }) description!: string;
}

@ObjectType({ description: 'A follow-up milestone (opfølgning) of the agreement.' })
@Directive('@shareable')
export class AgreementMilestone {
  @Field(() => Int, { description: 'The year of the milestone.' }) year!: number;
  @Field(() => DateScalar, { nullable: true, description: 'The day, when the document gives one.' }) date!: string | null;
  @Field(() => String, { nullable: true, description: 'The forum and meeting, e.g. "Sundhedssamarbejdsudvalget 2. april".' }) forum!: string | null;
  @Field(() => [String], { description: 'What is done then, as printed.' }) items!: string[];
}

@ObjectType({ description: 'A dated fact about the agreement with its own source section.' })
@Directive('@shareable')
export class AgreementFact {
  @Field({ description: 'The fact, as printed or summarised from the document.' }) text!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Its date, or the first day of its period; null when the document gives no day.' }) date!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The last day, when the fact is a period given in days (e.g. a hearing from 9 May to 9 August 2023).' }) endDate!: string | null;
  @Field(() => String, { nullable: true, description: 'How the fact was read, e.g. where one printed line was split into two by the count another document gives.' }) note!: string | null;
  @Field(() => Source, { description: 'Where the fact was read: the source document (the agreement’s own or another that reports on it) and its section.' }) source!: Source;
}

@ObjectType({ description: 'A health agreement (sundhedsaftale) of a region.' })
@Directive('@shareable')
export class HealthAgreement {
  @Field(() => ID, { description: 'Stable id, e.g. "nordjylland-sundhedsaftale-2024-2027".' }) id!: string;
  @Field({ description: 'The title, e.g. "Sundhedsaftalen 2024-2027".' }) title!: string;
  @Field({ description: 'The period, e.g. "2024-2027".' }) period!: string;
  @Field(() => String, { nullable: true, description: 'The vision, verbatim; null when the hub’s documents do not give it.' }) vision!: string | null;
  @Field(() => [AgreementPrinciple], { description: 'Bærende principper: guiding principles; empty when the hub’s documents do not give them (as goalAreas, organisation and followUp).' }) principles!: AgreementPrinciple[];
  @Field(() => [AgreementGoalArea], { description: 'Pejlemærker: goal areas and their goals.' }) goalAreas!: AgreementGoalArea[];
  @Field(() => [AgreementOrganisation], { description: 'Organisering: how the agreement is organised.' }) organisation!: AgreementOrganisation[];
  @Field(() => [AgreementMilestone], { description: 'Opfølgning: follow-up milestones.' }) followUp!: AgreementMilestone[];
  @Field(() => [AgreementFact], { description: 'Other facts about the agreement: approval, entry into force, related projects.' }) facts!: AgreementFact[];
  @Field(() => Source, { description: 'Where this record was read: the source document and its section.' }) source!: Source;
}
