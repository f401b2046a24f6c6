import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The field names a query selects on the nodes of the Relay connection this resolver returns (`edges { node { … } }`
 * and `nodes { … }`), through fragments too. Used to read a page's lists in the same statement as the page
 * (issue 18); a field missed here only costs its own batched statement later, never a wrong answer.
 */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const out = new Set<string>();
  const fragments: Record<string, FragmentDefinitionNode> = info.fragments ?? {};
  const visit = (set: SelectionSetNode | undefined, path: readonly string[], seen: Set<string>) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (path.length === 0 && name === 'nodes') visit(sel.selectionSet, ['node'], seen);
        else if (path.length === 0 && name === 'edges') visit(sel.selectionSet, ['edges'], seen);
        else if (path.length === 1 && path[0] === 'edges' && name === 'node') visit(sel.selectionSet, ['node'], seen);
        else if (path.length === 1 && path[0] === 'node') out.add(name);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.selectionSet, path, seen);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        visit(fragments[sel.name.value]?.selectionSet, path, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, [], new Set());
  return out;
}
