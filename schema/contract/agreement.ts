/** A region's health agreement (sundhedsaftale) between region, municipalities and general practice. */
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from './scalars';
import { Source } from './source';

@ObjectType({ description: 'A guiding principle (bærende princip) with its points.' })
@Directive('@shareable')
export class AgreementPrinciple {
  @Field() title!: string;
  @Field(() => [String]) points!: string[];
}

@ObjectType({ description: 'A goal area (pejlemærke) with its goals (målsætninger).' })
@Directive('@shareable')
export class AgreementGoalArea {
  @Field() title!: string;
  @Field(() => [String]) goals!: string[];
}

@ObjectType({ description: 'A part of the agreement’s organisation (organisering) and its role.' })
@Directive('@shareable')
export class AgreementOrganisation {
  @Field() name!: string;
  @Field() description!: string;
}

@ObjectType({ description: 'A follow-up milestone (opfølgning) of the agreement.' })
@Directive('@shareable')
export class AgreementMilestone {
  @Field(() => Int) year!: number;
  @Field(() => DateScalar, { nullable: true }) date!: string | null;
  @Field(() => String, { nullable: true, description: 'The forum and meeting, e.g. "Sundhedssamarbejdsudvalget 2. april".' }) forum!: string | null;
  @Field(() => [String]) items!: string[];
}

@ObjectType({ description: 'A dated fact about the agreement with its own source section.' })
@Directive('@shareable')
export class AgreementFact {
  @Field() text!: string;
  @Field(() => DateScalar, { nullable: true }) date!: string | null;
  @Field(() => Source) source!: Source;
}

@ObjectType({ description: 'A health agreement (sundhedsaftale) of a region.' })
@Directive('@shareable')
export class HealthAgreement {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field({ description: 'The period, e.g. "2024-2027".' }) period!: string;
  @Field({ description: 'The vision, verbatim.' }) vision!: string;
  @Field(() => [AgreementPrinciple], { description: 'Bærende principper: guiding principles.' }) principles!: AgreementPrinciple[];
  @Field(() => [AgreementGoalArea], { description: 'Pejlemærker: goal areas and their goals.' }) goalAreas!: AgreementGoalArea[];
  @Field(() => [AgreementOrganisation], { description: 'Organisering: how the agreement is organised.' }) organisation!: AgreementOrganisation[];
  @Field(() => [AgreementMilestone], { description: 'Opfølgning: follow-up milestones.' }) followUp!: AgreementMilestone[];
  @Field(() => [AgreementFact]) facts!: AgreementFact[];
  @Field(() => Source) source!: Source;
}
