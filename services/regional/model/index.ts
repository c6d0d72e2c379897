import { BodyEntity } from './body';
import { ClusterEntity } from './cluster';
import { FundTableEntity, GrantEntity } from './funds';
import { HealthAgreementEntity } from './agreement';
import { InitiativeEntity } from './initiative';
import { AgendaItemAbsenteeEntity, AgendaItemEntity, AgendaItemPresenterEntity, AttendanceEntity, MeetingEntity } from './meeting';
import { MembershipEntity, PersonEntity } from './person';
import { DocumentImportEntity, RecordChangeEntity, RecordEntity, RemovedPersonEntity } from './record';

export * from './agreement';
export * from './body';
export * from './cluster';
export * from './funds';
export * from './initiative';
export * from './meeting';
export * from './person';
export * from './plain';
export * from './search-vector';
export * from './record';

export const regionalEntities = [
  ClusterEntity,
  BodyEntity,
  PersonEntity,
  MembershipEntity,
  MeetingEntity,
  AttendanceEntity,
  AgendaItemEntity,
  AgendaItemAbsenteeEntity,
  AgendaItemPresenterEntity,
  InitiativeEntity,
  FundTableEntity,
  GrantEntity,
  HealthAgreementEntity,
  RecordEntity,
  RecordChangeEntity,
  DocumentImportEntity,
  RemovedPersonEntity,
];
export * from './prepared-select';
