import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { AgreementGoalArea, AgreementMilestone, AgreementOrganisation, AgreementPrinciple } from '../../../schema/contract';
import type { AgreementFactValue } from '../data/format';
import { RecordRowEntity } from './sourced';

/** A region-wide health agreement; its parts are read whole, so they are stored as JSON. */
@Entity({ tableName: 'health_agreement' })
export class HealthAgreementEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  period!: string;

  /** Null when the documents report on the agreement without giving its vision. */
  @Property({ type: 'text', nullable: true })
  vision!: string | null;

  @Property({ type: 'json' })
  principles!: AgreementPrinciple[];

  @Property({ type: 'json' })
  goalAreas!: AgreementGoalArea[];

  @Property({ type: 'json' })
  organisation!: AgreementOrganisation[];

  @Property({ type: 'json' })
  followUp!: AgreementMilestone[];

  @Property({ type: 'json' })
  facts!: AgreementFactValue[];
}
