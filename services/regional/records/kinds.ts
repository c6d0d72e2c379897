/**
 * The kinds of record a regional database holds, one entry each: the collection of the data
 * files it is read from, the format's schema that validates it (the loader's and the API's one
 * set of rules), the word the reference checks use, and the entity of its row. The order is
 * the order of writing: every record after the records it references.
 */
import type { EntityClass } from '@mikro-orm/core';
import type { z } from 'zod';
import * as format from '../data/format';
import type { DataFile } from '../data/format';
import {
  BodyEntity,
  ClusterEntity,
  FundTableEntity,
  GrantEntity,
  HealthAgreementEntity,
  InitiativeEntity,
  MeetingEntity,
  MembershipEntity,
  PersonEntity,
} from '../model';

export type Collection = Exclude<keyof DataFile, 'document' | 'title'>;

export interface RecordKind {
  /** The kind's name in the `record` table and the API, e.g. "fundTable". */
  name: string;
  /** Its collection in the data files, e.g. "fundTables". */
  collection: Collection;
  /** Its word in messages and reference checks, e.g. "fund table". */
  label: string;
  /** The GraphQL type that answers it. */
  typeName: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** The entity of the record's own row. */
  entity: EntityClass<object>;
  /** Whether the API writes it (clusters follow the reform's registry and their data file). */
  writable: boolean;
}

const kind = (k: Omit<RecordKind, 'schema'> & { schema: z.ZodType<object> }): RecordKind => k as RecordKind;

export const RECORD_KINDS: readonly RecordKind[] = [
  kind({ name: 'cluster', collection: 'clusters', label: 'cluster', typeName: 'HealthCluster', schema: format.Cluster, entity: ClusterEntity, writable: false }),
  kind({ name: 'person', collection: 'people', label: 'person', typeName: 'Person', schema: format.Person, entity: PersonEntity, writable: true }),
  kind({ name: 'body', collection: 'bodies', label: 'body', typeName: 'Body', schema: format.Body, entity: BodyEntity, writable: true }),
  kind({ name: 'membership', collection: 'memberships', label: 'membership', typeName: 'Membership', schema: format.Membership, entity: MembershipEntity, writable: true }),
  kind({ name: 'meeting', collection: 'meetings', label: 'meeting', typeName: 'Meeting', schema: format.Meeting, entity: MeetingEntity, writable: true }),
  kind({ name: 'initiative', collection: 'initiatives', label: 'initiative', typeName: 'Initiative', schema: format.Initiative, entity: InitiativeEntity, writable: true }),
  kind({ name: 'fundTable', collection: 'fundTables', label: 'fund table', typeName: 'FundTable', schema: format.FundTable, entity: FundTableEntity, writable: true }),
  kind({ name: 'grant', collection: 'grants', label: 'grant', typeName: 'Grant', schema: format.Grant, entity: GrantEntity, writable: true }),
  kind({ name: 'agreement', collection: 'agreements', label: 'agreement', typeName: 'HealthAgreement', schema: format.HealthAgreement, entity: HealthAgreementEntity, writable: true }),
];

export function recordKind(name: string): RecordKind {
  const found = RECORD_KINDS.find((k) => k.name === name);
  if (!found) throw new Error(`unknown record kind "${name}"`);
  return found;
}
