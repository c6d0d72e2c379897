/**
 * What every record answers of its own life (as OParl's `created`, `modified`, `deleted`):
 * its version, when it was created and last changed, whether it is withdrawn, and the
 * history of every change with who made it. And what the write operations answer.
 */
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from './scalars';
import { PageInfo } from './paging';

export enum RecordState {
  ACTIVE = 'ACTIVE',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RecordState, {
  name: 'RecordState',
  description: 'Whether a record is in the lists. A withdrawn record is never deleted: it answers by id, with its history.',
  valuesConfig: {
    ACTIVE: { description: 'In the lists.' },
    WITHDRAWN: { description: 'Withdrawn: out of every list; asked for by id it still answers, as it last was.' },
  },
});

export enum ChangeOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  WITHDRAW = 'WITHDRAW',
  REMOVE_PERSON = 'REMOVE_PERSON',
}
registerEnumType(ChangeOperation, {
  name: 'ChangeOperation',
  description: 'What a change of a record did.',
  valuesConfig: {
    CREATE: { description: 'The record was created.' },
    UPDATE: { description: 'The record was changed.' },
    WITHDRAW: { description: 'The record was withdrawn.' },
    REMOVE_PERSON: { description: 'A person’s data was removed from the record and its history (npm run person:remove); the entry names the removal, never the data removed.' },
  },
});

/** The kinds of record the write operations take, named as the data files' collections are. */
export enum WritableKind {
  PERSON = 'person',
  BODY = 'body',
  MEMBERSHIP = 'membership',
  MEETING = 'meeting',
  INITIATIVE = 'initiative',
  FUND_TABLE = 'fundTable',
  GRANT = 'grant',
  AGREEMENT = 'agreement',
}
registerEnumType(WritableKind, { name: 'RecordKind', description: 'A kind of record that can be written and withdrawn.' });

@ObjectType({ description: 'One change of a record, appended in the same transaction as the change itself and never altered.' })
@Directive('@shareable')
export class RecordChange {
  @Field(() => DateTimeScalar, { description: 'When the change was made (committed with it).' })
  at!: Date;

  @Field({ description: 'Who made it: the subject of the writer’s token, or `import:<file>` for an import of the repository’s data files.' })
  subject!: string;

  @Field(() => ChangeOperation, { description: 'CREATE, UPDATE, WITHDRAW or REMOVE_PERSON.' })
  operation!: ChangeOperation;

  @Field(() => Int, { description: 'The version the change made.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'The document the change was imported with; null for a change made through the write operations.' })
  document!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The record before the change, in the data files’ format; null for a creation and for a removal of a person’s data.' })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'The record after the change; null for a withdrawal and for a removal of a person’s data.' })
  after!: unknown;

  @Field(() => String, { nullable: true, description: 'For REMOVE_PERSON: the removal’s number, the hash of the removed person’s id and the reason given; null for other changes.' })
  note!: string | null;
}

@ObjectType({ description: 'The outcome of a withdrawal.' })
@Directive('@shareable')
export class WithdrawResult {
  @Field(() => WritableKind, { description: 'The kind of the record withdrawn.' })
  kind!: WritableKind;

  @Field(() => ID, { description: 'The id of the record withdrawn.' })
  id!: string;

  @Field(() => Int, { description: 'The version the withdrawal made.' })
  version!: number;

  @Field(() => RecordState, { description: 'WITHDRAWN.' })
  state!: RecordState;
}

@ObjectType({ description: 'A field where a published or imported document disagrees with what the hub keeps, and what it kept.' })
@Directive('@shareable')
export class ImportConflict {
  @Field({ description: 'The kind of record, e.g. "meeting".' })
  kind!: string;

  @Field(() => ID, { description: 'The record’s id.' })
  id!: string;

  @Field({ description: 'The field, or "(record)" when the whole record was kept.' })
  field!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'What the hub keeps.' })
  kept!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'What the document says.' })
  document!: unknown;

  @Field({ description: 'Why, e.g. "kept: corrected through the API".' })
  reason!: string;
}

@ObjectType({ description: 'What a published data set changed, in one transaction.' })
@Directive('@shareable')
export class PublishReport {
  @Field({ description: 'The document the data set is the minutes of.' })
  document!: string;

  @Field(() => Int, { description: 'Records new to the hub.' })
  created!: number;

  @Field(() => Int, { description: 'Records the data set states otherwise than the hub held them.' })
  updated!: number;

  @Field(() => Int, { description: 'Records the data set states as the hub held them.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records of the document that the data set no longer lists: withdrawn, not deleted.' })
  withdrawn!: number;

  @Field(() => [ImportConflict], { description: 'Where the data set and the hub disagree, and what the hub kept.' })
  conflicts!: ImportConflict[];
}

@ObjectType({ description: 'A change of a record with its cursor.' })
@Directive('@shareable')
export class RecordChangeEdge {
  @Field({ description: 'Pass as `after` to continue after this change.' })
  cursor!: string;

  @Field(() => RecordChange, { description: 'The change.' })
  node!: RecordChange;
}

@ObjectType({ description: 'A page of a record’s changes, oldest first.' })
@Directive('@shareable')
export class RecordChangeConnection {
  @Field(() => Int, { description: 'All changes of the record.' })
  totalCount!: number;

  @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to continue from.' })
  pageInfo!: PageInfo;

  @Field(() => [RecordChangeEdge], { description: 'The changes of this page, oldest first.' })
  edges!: RecordChangeEdge[];
}

@ObjectType({ description: 'How current a region’s data is: its last change and its counts, from the record and record_change tables.' })
@Directive('@shareable')
export class DataVersion {
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the region’s data last changed (an import, a write, a withdrawal); null for an empty database.' })
  lastChangeAt!: Date | null;

  @Field(() => Int, { description: 'Changes recorded so far; grows with every change, so a dashboard can tell that something changed.' })
  changes!: number;

  @Field(() => Int, { description: 'Records held, withdrawn ones included.' })
  records!: number;

  @Field(() => Int, { description: 'Of those, withdrawn.' })
  withdrawn!: number;
}
