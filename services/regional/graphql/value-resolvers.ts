/**
 * Field resolvers of the shared value types below a cluster. They are the same for every
 * region: each resolves through the request's loaders in its own regional database.
 */
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AgendaItem,
  AgendaItemPresenter,
  Attendance,
  AttendanceSummary,
  Body,
  FundCheck,
  FundPosition,
  FundRow,
  FundTable,
  Grant,
  Initiative,
  Meeting,
  Membership,
  Person,
  TextReading,
} from '../../../schema/contract';
import type { RegionalContext } from './context';
import { fundPositionOf } from './fund-position';
import { seatVotingRight, summariseAttendance } from './attendance-summary';
import { checkFundTable } from '../data/reconcile';
import { applyCorrections, fieldText } from '../data/readings';
import { AgendaItemEntity, InitiativeEntity, MeetingEntity } from '../model';
import { columnsFor, embeddedColumnsFor } from './read-columns';
import { RECORD_FIELD_NEEDS } from './record-resolvers';
import type { AgendaItemRecord, AttendanceRecord, FundTableRecord, GrantRecord, InitiativeRecord, MeetingRecord, MembershipRecord } from './records';

const present = <T>(items: Array<T | null | Error>): T[] => items.filter((i): i is T => i !== null && !(i instanceof Error));

/** The columns a list of meetings reads for the fields asked of it: what each resolver below reads of the row. */
export const meetingColumns = columnsFor({
  entity: MeetingEntity,
  type: Meeting,
  needs: {
    ...RECORD_FIELD_NEEDS,
    body: ['body'],
    agendaItems: ['id'],
    attendance: ['id'],
    participants: ['id'],
    apologies: ['id'],
    chair: ['id'],
    attendanceSummary: ['id', 'body'],
  },
  // The meetings loader hands rows to their own and joint clusters.
  always: ['id', 'cluster', 'jointClusterIds'],
});

/** The columns a meeting's agenda items read: what AgendaItemFields' resolvers read ('absentees' is the statement's list of absentees). */
const agendaItemColumns = columnsFor({
  entity: AgendaItemEntity,
  type: AgendaItem,
  needs: { absentees: ['absentees'], presenters: ['id'] },
  always: ['id', 'meeting'],
});

/** A list of meetings brings its agenda items along (one statement less, no row per item) when the operation asks only their stored fields. */
export const embeddedAgendaItems = embeddedColumnsFor({ entity: AgendaItemEntity, type: AgendaItem, field: 'agendaItems' });

@Resolver(() => Meeting)
export class MeetingFields {
  @FieldResolver(() => Body)
  body(@Root() meeting: MeetingRecord, @Ctx() { loaders }: RegionalContext) {
    return loaders.bodyById.load(meeting.body);
  }

  @FieldResolver(() => [AgendaItem])
  agendaItems(@Root() meeting: MeetingRecord & { agendaItems?: unknown[] }, @Ctx() { em, loaders }: RegionalContext, @Info() info: GraphQLResolveInfo) {
    if (meeting.agendaItems !== undefined) return meeting.agendaItems;
    return loaders.agendaItemsByMeeting.load({ id: meeting.id, columns: agendaItemColumns(em, info) });
  }

  @FieldResolver(() => [Attendance])
  attendance(@Root() meeting: MeetingRecord, @Ctx() { loaders }: RegionalContext) {
    return loaders.attendanceByMeeting.load(meeting.id);
  }

  @FieldResolver(() => [Person])
  async participants(@Root() meeting: MeetingRecord, @Ctx() { loaders }: RegionalContext) {
    const attendance = await loaders.attendanceByMeeting.load(meeting.id);
    return present(await loaders.personById.loadMany(attendance.filter((a) => a.status === 'PARTICIPANT').map((a) => a.person)));
  }

  @FieldResolver(() => [Person])
  async apologies(@Root() meeting: MeetingRecord, @Ctx() { loaders }: RegionalContext) {
    const attendance = await loaders.attendanceByMeeting.load(meeting.id);
    return present(await loaders.personById.loadMany(attendance.filter((a) => a.status !== 'PARTICIPANT').map((a) => a.person)));
  }

  @FieldResolver(() => Person, { nullable: true })
  async chair(@Root() meeting: MeetingRecord, @Ctx() { loaders }: RegionalContext) {
    const chair = (await loaders.attendanceByMeeting.load(meeting.id)).find((a) => a.isChair);
    return chair ? loaders.personById.load(chair.person) : null;
  }

  @FieldResolver(() => AttendanceSummary)
  async attendanceSummary(@Root() meeting: MeetingRecord, @Ctx() { loaders }: RegionalContext): Promise<AttendanceSummary> {
    const [attendance, seats] = await Promise.all([loaders.attendanceByMeeting.load(meeting.id), loaders.membershipsByBody.load(meeting.body)]);
    return summariseAttendance(attendance.map((a) => ({ status: a.status, votingRight: seatVotingRight(seats, a.person, meeting.body) })));
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemFields {
  @FieldResolver(() => [Person])
  async absentees(@Root() item: AgendaItemRecord, @Ctx() { loaders, publishSensitivePersonalData }: RegionalContext) {
    if (!publishSensitivePersonalData) return [];
    return present(await loaders.personById.loadMany(item.absentees));
  }

  @FieldResolver(() => [AgendaItemPresenter])
  async presenters(@Root() item: AgendaItemRecord, @Ctx() { loaders }: RegionalContext) {
    const presenters = await loaders.presentersByItem.load(item.id);
    const people = await loaders.personById.loadMany(presenters.map((p) => p.person));
    return presenters.flatMap((p, i) => {
      const person = people[i];
      return person && !(person instanceof Error) ? [{ person, role: p.role, organisation: p.organisation }] : [];
    });
  }
}

@Resolver(() => Attendance)
export class AttendanceFields {
  @FieldResolver(() => Person)
  person(@Root() attendance: AttendanceRecord, @Ctx() { loaders }: RegionalContext) {
    return loaders.personById.load(attendance.person);
  }

  @FieldResolver(() => String, { nullable: true })
  party(@Root() attendance: AttendanceRecord, @Ctx() { publishSensitivePersonalData }: RegionalContext) {
    return publishSensitivePersonalData ? attendance.party : null;
  }
}

@Resolver(() => Membership)
export class MembershipFields {
  @FieldResolver(() => Person)
  person(@Root() membership: MembershipRecord, @Ctx() { loaders }: RegionalContext) {
    return loaders.personById.load(membership.person);
  }

  @FieldResolver(() => String, { nullable: true })
  party(@Root() membership: MembershipRecord, @Ctx() { publishSensitivePersonalData }: RegionalContext) {
    return publishSensitivePersonalData ? membership.party : null;
  }

  @FieldResolver(() => Body)
  body(@Root() membership: MembershipRecord, @Ctx() { loaders }: RegionalContext) {
    return loaders.bodyById.load(membership.body);
  }
}

@Resolver(() => Person)
export class PersonFields {
  @FieldResolver(() => [Membership])
  memberships(@Root() person: { id: string }, @Ctx() { loaders }: RegionalContext) {
    return loaders.membershipsByPerson.load(person.id);
  }

  @FieldResolver(() => AttendanceSummary)
  async attendanceSummary(@Root() person: { id: string }, @Ctx() { loaders }: RegionalContext): Promise<AttendanceSummary> {
    const [attendance, seats] = await Promise.all([loaders.attendanceByPerson.load(person.id), loaders.membershipsByPerson.load(person.id)]);
    const meetings = await loaders.meetingById.loadMany(attendance.map((a) => a.meeting));
    return summariseAttendance(
      attendance.flatMap((a, i) => {
        const meeting = meetings[i];
        // A withdrawn meeting has left the lists; it does not count either.
        if (meeting === null || meeting instanceof Error || meeting.withdrawnAt !== null) return [];
        return [{ status: a.status, votingRight: seatVotingRight(seats, a.person, meeting.body) }];
      }),
    );
  }
}

@Resolver(() => Body)
export class BodyFields {
  @FieldResolver(() => [Membership])
  memberships(@Root() body: { id: string }, @Ctx() { loaders }: RegionalContext) {
    return loaders.membershipsByBody.load(body.id);
  }
}

/** The columns a cluster's initiatives read: what InitiativeFields' resolvers read (`readings` reads the field it corrects: every column). */
export const initiativeColumns = columnsFor({
  entity: InitiativeEntity,
  type: Initiative,
  needs: { ...RECORD_FIELD_NEEDS, parent: ['parent'], parts: ['id'] },
  // The cluster's list leaves parts out by their parent.
  always: ['id', 'cluster', 'parent'],
});

@Resolver(() => Initiative)
export class InitiativeFields {
  @FieldResolver(() => Initiative, { nullable: true })
  parent(@Root() initiative: InitiativeRecord, @Ctx() { loaders }: RegionalContext) {
    return initiative.parent ? loaders.initiativeById.load(initiative.parent) : null;
  }

  @FieldResolver(() => [Initiative])
  parts(@Root() initiative: InitiativeRecord, @Ctx() { loaders }: RegionalContext) {
    return loaders.initiativesByParent.load(initiative.id);
  }

  @FieldResolver(() => [TextReading])
  readings(@Root() initiative: InitiativeRecord): TextReading[] {
    return (initiative.readings ?? []).map((reading) => ({
      field: reading.field,
      text: applyCorrections(fieldText(initiative, reading.field) ?? '', reading.corrections),
      corrections: reading.corrections,
      note: reading.note,
    }));
  }
}

@Resolver(() => FundTable)
export class FundTableFields {
  @FieldResolver(() => [FundRow])
  rows(@Root() table: FundTableRecord) {
    return table.rows.map((row) => ({
      key: row.key,
      label: row.label,
      kind: row.kind,
      initiativeId: row.initiativeId,
      // Cells in column order; a column the row leaves out is a blank cell.
      cells: table.columns.map((c) => ({ column: c.key, amount: row.cells[c.key] ?? null })),
    }));
  }

  @FieldResolver(() => [FundCheck])
  checks(@Root() table: FundTableRecord) {
    return checkFundTable({ id: table.id, columns: table.columns, rows: table.rows }).map((c) => ({
      row: c.row,
      column: c.column,
      printed: c.printed,
      computed: c.computed,
      matches: c.printed === c.computed,
    }));
  }

  @FieldResolver(() => FundPosition, { nullable: true })
  position(@Root() table: FundTableRecord) {
    return fundPositionOf(table);
  }

  @FieldResolver(() => String, { nullable: true })
  meetingId(@Root() table: FundTableRecord) {
    return table.meeting;
  }
}

@Resolver(() => FundRow)
export class FundRowFields {
  @FieldResolver(() => Initiative, { nullable: true })
  initiative(@Root() row: { initiativeId: string | null }, @Ctx() { loaders }: RegionalContext) {
    return row.initiativeId ? loaders.initiativeById.load(row.initiativeId) : null;
  }
}

@Resolver(() => Grant)
export class GrantFields {
  @FieldResolver(() => Initiative, { nullable: true })
  initiative(@Root() grant: GrantRecord, @Ctx() { loaders }: RegionalContext) {
    return grant.initiative ? loaders.initiativeById.load(grant.initiative) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  meetingId(@Root() grant: GrantRecord) {
    return grant.meeting;
  }
}

export const valueResolvers = [
  MeetingFields,
  AgendaItemFields,
  AttendanceFields,
  MembershipFields,
  PersonFields,
  BodyFields,
  InitiativeFields,
  FundTableFields,
  FundRowFields,
  GrantFields,
] as const;
