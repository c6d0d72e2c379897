/**
 * The fields every record answers of its own life: version, createdAt, updatedAt, state and
 * history, declared once here and added to each record type (type-graphql passes no field
 * resolvers from a shared base class on to the types, so a resolver class is made per type).
 */
import { Arg, Ctx, FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, RecordChangeConnection, Body, DateTimeScalar, FundTable, Grant, HealthAgreement, Initiative, Meeting, Membership, Person, RecordChange, RecordState } from '../../../schema/contract';
import type { RegionalContext } from './context';
import type { RecordRow } from './loaders';
import { withoutSensitivePersonalData } from './personal-data';
import { connectionOf, decodeCursor, pageSize } from './paging';

const RECORD_TYPES: Array<{ type: ClassType; kind: string }> = [
  { type: Meeting, kind: 'meeting' },
  { type: Initiative, kind: 'initiative' },
  { type: FundTable, kind: 'fundTable' },
  { type: Grant, kind: 'grant' },
  { type: Person, kind: 'person' },
  { type: Membership, kind: 'membership' },
  { type: Body, kind: 'body' },
  { type: HealthAgreement, kind: 'agreement' },
];

/** What these fields read of a record's row: its id (read-columns.ts). */
export const RECORD_FIELD_NEEDS = {
  version: ['id'],
  createdAt: ['id'],
  updatedAt: ['id'],
  state: ['id'],
  history: ['id'],
  historyConnection: ['id'],
} as const;

export const recordResolvers: ClassType[] = RECORD_TYPES.map(({ type, kind }) => {
  const recordOf = async (root: { id: string }, ctx: RegionalContext): Promise<RecordRow> => {
    const row = await ctx.loaders.recordByKey.load(`${kind}:${root.id}`);
    // Every row is written with its record in one transaction.
    if (!row) throw new Error(`${kind} ${root.id} has no record`);
    return row;
  };

  @Resolver(() => type)
  class RecordFieldsResolver {
    @FieldResolver(() => Int, { description: 'Starts at 1 and grows by one with every change; an update sends the version it edits.' })
    async version(@Root() root: { id: string }, @Ctx() ctx: RegionalContext) {
      return (await recordOf(root, ctx)).version;
    }

    @FieldResolver(() => DateTimeScalar, { description: 'When the hub first recorded it.' })
    async createdAt(@Root() root: { id: string }, @Ctx() ctx: RegionalContext) {
      return (await recordOf(root, ctx)).createdAt;
    }

    @FieldResolver(() => DateTimeScalar, { description: 'When it last changed in the hub (an import, a write or a withdrawal).' })
    async updatedAt(@Root() root: { id: string }, @Ctx() ctx: RegionalContext) {
      return (await recordOf(root, ctx)).updatedAt;
    }

    @FieldResolver(() => RecordState, { description: 'ACTIVE, or WITHDRAWN: out of every list, still answering by id.' })
    async state(@Root() root: { id: string }, @Ctx() ctx: RegionalContext) {
      return (await recordOf(root, ctx)).withdrawnAt === null ? RecordState.ACTIVE : RecordState.WITHDRAWN;
    }

    @FieldResolver(() => [RecordChange], { description: 'Every change of the record, oldest first, with who made it and the record before and after.' })
    async history(@Root() root: { id: string }, @Ctx() ctx: RegionalContext) {
      const changes = await ctx.loaders.historyByKey.load(`${kind}:${root.id}`);
      if (ctx.publishSensitivePersonalData) return changes;
      return changes.map((c) => ({ ...c, before: withoutSensitivePersonalData(c.before), after: withoutSensitivePersonalData(c.after) }));
    }

    @FieldResolver(() => RecordChangeConnection, {
      description: `The changes of \`history\` as pages, oldest first. \`first\`: ${DEFAULT_PAGE_SIZE} when not given, at most ${MAX_PAGE_SIZE}.`,
    })
    async historyConnection(
      @Root() root: { id: string },
      @Ctx() ctx: RegionalContext,
      @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when not given.` }) first?: number,
      @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the page before.' }) after?: string,
    ) {
      const size = pageSize(first);
      const [afterId] = decodeCursor(after, ['number']) ?? [null];
      // A record's history is read whole by one batched statement (historyByKey) and is short; the page is cut here.
      const changes = await this.history(root, ctx);
      const rest = afterId === null ? changes : changes.filter((c) => c.id > Number(afterId));
      return connectionOf(rest.slice(0, size + 1), size, changes.length, (c) => [c.id], (c) => c);
    }
  }
  return RecordFieldsResolver;
});
