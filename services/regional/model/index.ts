import { BodyEntity } from './body';
import { ClusterEntity } from './cluster';
import { DataLoadEntity } from './data-load';
import { FundTableEntity, GrantEntity } from './funds';
import { HealthAgreementEntity } from './agreement';
import { InitiativeEntity } from './initiative';
import { AgendaItemAbsenteeEntity, AgendaItemEntity, AttendanceEntity, MeetingEntity } from './meeting';
import { MembershipEntity, PersonEntity } from './person';

export * from './agreement';
export * from './body';
export * from './cluster';
export * from './data-load';
export * from './funds';
export * from './initiative';
export * from './meeting';
export * from './person';
export * from './plain';

export const regionalEntities = [
  ClusterEntity,
  BodyEntity,
  PersonEntity,
  MembershipEntity,
  MeetingEntity,
  AttendanceEntity,
  AgendaItemEntity,
  AgendaItemAbsenteeEntity,
  InitiativeEntity,
  FundTableEntity,
  GrantEntity,
  HealthAgreementEntity,
  DataLoadEntity,
];
