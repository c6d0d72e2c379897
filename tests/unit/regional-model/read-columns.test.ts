/**
 * readColumns: a field is served by its own column, `source` by document and section, a
 * field resolver by what it declares; a resolver that declares nothing, or a field no
 * column backs, reads every column (slower, never wrong).
 */
import 'reflect-metadata';
import { buildSchema, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readColumns } from '../../../services/regional/graphql/read-columns';
import { selectedFieldNames } from '../../../services/regional/graphql/lookahead';

@ObjectType()
class Thing {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() size!: number;
  @Field() declared!: string;
  @Field() undeclared!: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => [Thing]) things() {
    return [];
  }
  @FieldResolver(() => String) declared(@Root() t: { title: string }) {
    return t.title;
  }
  @FieldResolver(() => String) undeclared(@Root() t: { title: string }) {
    return t.title;
  }
}

class ThingEntity {}
const props = ['id', 'document', 'section', 'title', 'size', 'body'].map((name) => ({ name, kind: 'scalar', persist: true, lazy: false }));
const meta = { props, className: 'ThingEntity' };
const em = { getMetadata: () => ({ get: () => meta }) } as unknown as EntityManager;
const ALL = undefined;

beforeAll(async () => {
  await buildSchema({ resolvers: [ThingResolver], validate: false });
});

const columns = (...selected: string[]) =>
  readColumns(em, { entity: ThingEntity, type: Thing, selected: new Set(selected), needs: { declared: ['title', 'body'] }, always: ['id'] });

describe('readColumns', () => {
  it('reads the columns of the fields asked for, with the keys, sorted', () => {
    expect(columns('size', 'title', '__typename')).toEqual(['id', 'size', 'title']);
    expect(columns('source')).toEqual(['document', 'id', 'section']);
    expect(columns('declared')).toEqual(['body', 'id', 'title']);
  });

  it('reads every column for a resolver without declared needs, or a field no column backs', () => {
    expect(columns('title', 'undeclared')).toBe(ALL);
    expect(columns('title', 'somethingElse')).toBe(ALL);
  });
});

describe('selectedFieldNames', () => {
  it('collects the fields under every occurrence of the field, through fragments and inline fragments, not deeper', () => {
    const document = parse(`{ things { id ...F ... on Thing { size } } things { title } } fragment F on Thing { declared nested { deep } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const fieldNodes = operation.selectionSet.selections as FieldNode[];
    const fragments = { F: document.definitions[1] as FragmentDefinitionNode };
    expect([...selectedFieldNames({ fieldNodes, fragments })].sort()).toEqual(['declared', 'id', 'nested', 'size', 'title']);
  });
});
