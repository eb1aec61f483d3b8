// How deep a document nests, measured on the `yaml` package's concrete syntax tree. Its parser keeps
// its own stack and reads any depth; composing the tree into a document recurses once per level and
// overflows the call stack from about 785 levels. It reports that as an error, but a later parse in
// the same process can then die in V8 ("RegExpCompiler Allocation failed"). So the depth is checked
// between the two steps, without recursion, and a document deeper than config ever is goes no further.

import { CST } from 'yaml';

/** How deep a document may nest; config nests a handful of levels. */
export const MAX_NESTING = 256;

interface Pending {
  token: CST.Token | null | undefined;
  /** Collections around it. */
  depth: number;
}

/** The offset of the first collection nested deeper than `limit`, or undefined. */
export function nestingBeyond(tokens: readonly CST.Token[], limit: number): number | undefined {
  // Depth first, in document order: children go on the stack last to first.
  const stack: Pending[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token?.type === 'document') stack.push({ token: token.value, depth: 0 });
  }
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as Pending;
    if (!CST.isCollection(token)) continue;
    if (depth >= limit) return token.offset;
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i] as CST.CollectionItem;
      stack.push({ token: item.value, depth: depth + 1 });
      // A complex key (`? [a, b]`) nests as deep as a value.
      stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return undefined;
}
