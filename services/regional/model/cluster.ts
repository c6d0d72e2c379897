import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { RegionCode } from '../../../schema/contract';
import { RecordRowEntity } from './sourced';

@Entity({ tableName: 'cluster' })
export class ClusterEntity extends RecordRowEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  regionCode!: RegionCode;

  @Property({ type: 'json' })
  municipalities!: string[];

  @Property({ type: 'text', nullable: true })
  note!: string | null;
}
