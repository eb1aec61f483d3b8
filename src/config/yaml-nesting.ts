// The size limits of a config document: how deep it nests, how many entries one mapping or list
// holds, how many aliases it uses. They are checked on the parser's flat output (js-yaml's events,
// yaml-events.ts, or the `yaml` package's concrete syntax tree, here), without recursion and before
// anything builds data from it, so an input under the file size limit cannot make the loader crash
// or spend minutes: 200,000 `*alias` references or a 200,000-key `{ ... }` mapping is refused at the
// first entry beyond the limit.
//
// The `yaml` package's parser keeps its own stack and reads any depth; composing the tree into a
// document recurses once per level and overflows the call stack from about 785 levels (reported as
// an error, but a later parse in the same process can then die in V8: "RegExpCompiler Allocation
// failed"). Building a mapping of n keys costs time in n² in places (ajv's error lists), so the
// entries per collection are capped well above any real config: a connection's plans are one mapping,
// and a 10,000-plan file (about 5 MB, the file size limit) is read.

import { CST } from 'yaml';

/** How deep a document may nest; config nests a handful of levels. */
export const MAX_NESTING = 256;

/** Keys in one mapping, items in one list: twice the largest plans file the benchmarks read. */
export const MAX_ENTRIES = 20_000;

/** `*alias` references in one document; real configs use a handful, if any. */
export const MAX_ALIASES = 100;

/** The first place a document goes beyond a limit: which limit, and the offset of what breaks it. */
export interface LimitBreach {
  limit: 'depth' | 'keys' | 'items' | 'aliases';
  offset: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/** What a breach is, in words, and what to do about it. */
export function breachWords(breach: LimitBreach): { message: string; hint: string } {
  switch (breach.limit) {
    case 'depth':
      return {
        message: `the document is nested more than ${count(MAX_NESTING)} levels deep; refusing to read it`,
        hint: 'config nests a few levels; look for unclosed `[` or `{`',
      };
    case 'keys':
      return {
        message: `more than ${count(MAX_ENTRIES)} keys in one mapping; refusing to read the file`,
        hint: `plansync reads at most ${count(MAX_ENTRIES)} keys per mapping; see "Inputs plansync refuses" in docs/security.md`,
      };
    case 'items':
      return {
        message: `more than ${count(MAX_ENTRIES)} items in one list; refusing to read the file`,
        hint: `plansync reads at most ${count(MAX_ENTRIES)} items per list; see "Inputs plansync refuses" in docs/security.md`,
      };
    case 'aliases':
      return {
        message: `more than ${count(MAX_ALIASES)} alias references (\`*name\`) in one file; refusing to read it`,
        hint: 'write the values out instead of referring to them with `*alias`',
      };
  }
}

interface Pending {
  token: CST.Token | null | undefined;
  /** Collections around it. */
  depth: number;
}

/**
 * The first limit the syntax tree goes beyond, in document order, or undefined. Depth first, without
 * recursion: children go on the stack last to first.
 */
export function cstLimitBreach(tokens: readonly CST.Token[]): LimitBreach | undefined {
  const stack: Pending[] = [];
  let aliases = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token?.type === 'document') stack.push({ token: token.value, depth: 0 });
  }
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as Pending;
    if (token?.type === 'alias' && ++aliases > MAX_ALIASES) return { limit: 'aliases', offset: token.offset };
    if (!CST.isCollection(token)) continue;
    if (depth >= MAX_NESTING) return { limit: 'depth', offset: token.offset };
    if (token.items.length > MAX_ENTRIES) {
      const item = token.items[MAX_ENTRIES] as CST.CollectionItem;
      const isMap =
        token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
      const offset = item.key?.offset ?? item.value?.offset ?? token.offset;
      return { limit: isMap ? 'keys' : 'items', offset };
    }
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i] as CST.CollectionItem;
      stack.push({ token: item.value, depth: depth + 1 });
      // A complex key (`? [a, b]`) nests as deep as a value.
      stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return undefined;
}
