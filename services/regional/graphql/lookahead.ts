/**
 * What an operation asks of a field's value, read from the field's selection set before
 * anything is fetched (lookahead): the loaders read only the columns the answer needs.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected on the value of the field being resolved, through
 * fragments and inline fragments, for every occurrence of the field (`info.fieldNodes`).
 * `@skip`/`@include` are not evaluated: a field they may leave out is counted, which only
 * reads a column more.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

/**
 * The occurrences of `name` among the fields selected on the value of the field being
 * resolved (through fragments), as an info-like pair for selectedFieldNames: what an
 * operation asks two levels down, e.g. of the agenda items of a list of meetings.
 */
export function selectedField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> | null {
  const found: FieldNode[] = [];
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return found.length > 0 ? { fieldNodes: found, fragments: info.fragments } : null;
}
