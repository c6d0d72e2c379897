/**
 * One region's write operations, e.g. `nordjyllandSaveMeeting`: federation routes a root
 * field to the one subgraph that has it, never by an argument's value, so each region has
 * mutation fields of its own, made here from the registry entry. Every operation asks the
 * context for a writer (a bearer token with the region's write scope) before it reads its
 * input, and answers with the record as it now is.
 */
import { Arg, Ctx, ID, Int, Mutation, Resolver, type ClassType } from 'type-graphql';
import {
  Body,
  FundTable,
  Grant,
  HealthAgreement,
  Initiative,
  JSONScalar,
  Meeting,
  Membership,
  Person,
  PublishReport,
  RecordState,
  WithdrawResult,
  WritableKind,
  type RegionDefinition,
} from '../../../schema/contract';
import { recordKind } from '../records/kinds';
import { publishDataSet } from '../records/publish-data-set';
import { saveRecord, withdrawRecord } from '../records/write-record';
import type { RegionalContext } from './context';
import { withoutSensitivePersonalData } from './personal-data';
import { agreementRecord } from './records';
import type { Loaders } from './loaders';

/** Each writable kind: its GraphQL type, its argument's name, and how the answer is read back. */
const WRITES: Array<{ kind: WritableKind; type: ClassType; field: string; argument: string; read: (loaders: Loaders, id: string) => Promise<unknown> }> = [
  { kind: WritableKind.MEETING, type: Meeting, field: 'Meeting', argument: 'meeting', read: (l, id) => l.meetingById.load(id) },
  { kind: WritableKind.INITIATIVE, type: Initiative, field: 'Initiative', argument: 'initiative', read: (l, id) => l.initiativeById.load(id) },
  { kind: WritableKind.FUND_TABLE, type: FundTable, field: 'FundTable', argument: 'fundTable', read: (l, id) => l.fundTableById.load(id) },
  { kind: WritableKind.GRANT, type: Grant, field: 'Grant', argument: 'grant', read: (l, id) => l.grantById.load(id) },
  { kind: WritableKind.PERSON, type: Person, field: 'Person', argument: 'person', read: (l, id) => l.personById.load(id) },
  { kind: WritableKind.MEMBERSHIP, type: Membership, field: 'Membership', argument: 'membership', read: (l, id) => l.membershipById.load(id) },
  { kind: WritableKind.BODY, type: Body, field: 'Body', argument: 'body', read: (l, id) => l.bodyById.load(id) },
  {
    kind: WritableKind.AGREEMENT,
    type: HealthAgreement,
    field: 'HealthAgreement',
    argument: 'agreement',
    read: async (l, id) => {
      const row = await l.agreementById.load(id);
      return row && agreementRecord(row);
    },
  },
];

export function createWriteResolvers(entry: RegionDefinition): ClassType[] {
  const { slug, name } = entry;
  const saves = WRITES.map(({ kind, type, field, argument, read }) => {
    @Resolver()
    class SaveResolver {
      @Mutation(() => type, {
        name: `${slug}Save${field}`,
        description:
          `Creates or updates a ${recordKind(kind).label} of ${name}, given in the data files’ format. ` +
          'To create, leave out `expectedVersion` (CONFLICT when the id exists); to update, send the version you edit (CONFLICT when it changed since). ' +
          `Needs a bearer token with the scope "${slug}:write". Invalid input: BAD_USER_INPUT naming every field path.`,
      })
      async save(
        @Arg(argument, () => JSONScalar, { description: `The ${recordKind(kind).label} in the data files’ format (services/regional/data/format.ts).` }) input: unknown,
        @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version you edit; absent to create.' }) expectedVersion: number | null,
        @Arg('document', () => String, { nullable: true, description: 'The document (minutes) the record comes from; required to create, kept when absent.' }) document: string | null,
        @Ctx() ctx: RegionalContext,
      ) {
        const subject = await ctx.writer();
        const written = await saveRecord(ctx.em, { region: ctx.region, subject }, { kind: recordKind(kind), input, expectedVersion, document, argument });
        return read(ctx.loaders, written.id);
      }
    }
    return SaveResolver;
  });

  @Resolver()
  class WithdrawAndPublishResolver {
    @Mutation(() => WithdrawResult, {
      name: `${slug}Withdraw`,
      description: `Withdraws a record of ${name}: it leaves every list, answers by id with state WITHDRAWN and keeps its history. Needs "${slug}:write".`,
    })
    async withdraw(
      @Arg('kind', () => WritableKind) kind: WritableKind,
      @Arg('id', () => ID) id: string,
      @Arg('expectedVersion', () => Int, { description: 'The version you withdraw; CONFLICT when it changed since.' }) expectedVersion: number,
      @Ctx() ctx: RegionalContext,
    ): Promise<WithdrawResult> {
      const subject = await ctx.writer();
      const done = await withdrawRecord(ctx.em, { region: ctx.region, subject }, recordKind(kind), id, expectedVersion);
      return { kind, id, version: done.version, state: RecordState.WITHDRAWN };
    }

    @Mutation(() => PublishReport, {
      name: `${slug}PublishDataSet`,
      description:
        `Publishes one document’s minutes of ${name} as a data set in the repository’s file format (services/<region>/data/*.json), in one transaction: ` +
        'records of the document are created, updated or (when no longer listed) withdrawn; records written through the API are kept, and conflicts reported. ' +
        `Needs "${slug}:write".`,
    })
    async publishDataSet(@Arg('dataSet', () => JSONScalar) dataSet: unknown, @Ctx() ctx: RegionalContext): Promise<PublishReport> {
      const subject = await ctx.writer();
      ctx.log(`publishing a data set for ${subject}`);
      const report = await publishDataSet(ctx.em, { region: ctx.region, subject }, dataSet, (m) => ctx.log(`publishing: ${m}`));
      ctx.log(`published ${report.document}: ${report.created} created, ${report.updated} updated, ${report.withdrawn} withdrawn, ${report.conflicts.length} conflicts`);
      // A conflict carries the kept and the published record (or field) as JSON.
      return ctx.publishSensitivePersonalData ? report : { ...report, conflicts: withoutSensitivePersonalData(report.conflicts) };
    }
  }

  return [...saves, WithdrawAndPublishResolver];
}
