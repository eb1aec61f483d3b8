// The YAML side of `plansync import`: plans entries built with the `yaml` document API (comments on
// fields, notes closing a plan), a new plans file with a header, or new entries appended at the end
// of an existing file's `plans:`. An existing file is edited as text at one point, after its last
// plan, so every byte the author wrote (comments, quoting, blank lines, key order) stays as it was.

import {
  Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  YAMLMap,
  type Node,
  type YAMLSeq,
} from 'yaml';

/** One plan to write: its key, its fields in order, and what to say about them. */
export interface YamlEntry {
  key: string;
  spec: Record<string, unknown>;
  /** After a field's value (scalars), or after `field:` (collections). */
  comments?: Record<string, string>;
  /** Comment lines at the end of the plan. */
  notes?: string[];
}

const RENDER = { lineWidth: 0, minContentWidth: 0 } as const;

/** A mapping node `key: {spec}` per entry, comments attached, in a document of its own. */
function entriesDocument(entries: readonly YamlEntry[]): Document {
  const document = new Document(new YAMLMap());
  const root = document.contents as YAMLMap;
  for (const entry of entries) {
    const map = document.createNode(entry.spec) as YAMLMap;
    for (const pair of map.items) if (isCollection(pair.value)) flowLeaves(pair.value);
    for (const pair of map.items) {
      const field = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const comment = field === undefined ? undefined : entry.comments?.[field];
      if (comment === undefined) continue;
      if (isScalar(pair.value)) pair.value.comment = ` ${comment}`;
      else if (isScalar(pair.key)) pair.key.comment = ` ${comment}`;
    }
    if (entry.notes && entry.notes.length > 0) map.comment = entry.notes.map((n) => ` ${n}`).join('\n');
    root.add(document.createPair(entry.key, map));
  }
  return document;
}

/** Small mappings of plain values inside a field (money, a frequency) read best on one line. */
function flowLeaves(node: YAMLMap | YAMLSeq): void {
  for (const item of node.items) {
    const value = isPair(item) ? item.value : item;
    if (!isMap(value) && !isSeq(value)) continue;
    const leaf = isMap(value) && value.items.length <= 3 && value.items.every((p) => isScalar(p.value));
    if (leaf) value.flow = true;
    else flowLeaves(value);
  }
}

/** A new plans file: a header comment, the connection, and the plans. */
export function newPlansFile(header: readonly string[], connection: string, entries: readonly YamlEntry[]) {
  const document = new Document({ connection });
  document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  const plans = entriesDocument(entries).contents as YAMLMap;
  document.set('plans', plans);
  return document.toString(RENDER);
}

/** The entries as block YAML at `indent` spaces, `step` spaces per level, no trailing newline. */
function entriesBlock(entries: readonly YamlEntry[], indent: number, step: number, lead?: string): string {
  const text = entriesDocument(entries)
    .toString({ ...RENDER, indent: step })
    .replace(/\n$/, '');
  const pad = ' '.repeat(indent);
  const lines = text.split('\n').map((line) => (line === '' ? line : `${pad}${line}`));
  return [...(lead === undefined ? [] : [`${pad}# ${lead}`]), ...lines].join('\n');
}

/** Column of an offset in `text` (0-based). */
function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The end of the last value written inside `node` (not its trailing comments). */
function lastContentEnd(node: Node): number {
  let end = node.range?.[0] ?? 0;
  visit(node, {
    Scalar(_, scalar) {
      if (scalar.range && scalar.range[1] > end) end = scalar.range[1];
    },
    Map(_, map) {
      if (map.flow && map.range && map.range[1] > end) end = map.range[1];
    },
    Seq(_, seq) {
      if (seq.flow && seq.range && seq.range[1] > end) end = seq.range[1];
    },
  });
  return end;
}

/**
 * Where new plans go: after the line holding the last plan's last value, and after the comment
 * lines indented under that plan; comments at the plans' own level or above stay after them.
 */
function insertionPoint(text: string, plans: YAMLMap, keyColumn: number): number {
  let at = text.indexOf('\n', lastContentEnd(plans));
  if (at === -1) return text.length;
  at += 1;
  let cursor = at;
  while (cursor < text.length) {
    const lineEnd = text.indexOf('\n', cursor);
    const line = text.slice(cursor, lineEnd === -1 ? text.length : lineEnd);
    const next = lineEnd === -1 ? text.length : lineEnd + 1;
    if (line.trim() === '') {
      cursor = next;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (!line.trimStart().startsWith('#') || indent <= keyColumn) break;
    cursor = next;
    at = next;
  }
  return at;
}

/**
 * `text` with `entries` added at the end of its `plans:` mapping; every other byte unchanged. The
 * indentation follows the file's first plan. `lead` is a comment line written before the entries.
 */
export function appendPlans(text: string, entries: readonly YamlEntry[], lead?: string): string {
  if (entries.length === 0) return text;
  const document = parseDocument(text);
  const plans = document.get('plans', true);
  if (isMap(plans) && !plans.flow && plans.items.length > 0) {
    const first = plans.items[0];
    const firstKey = first?.key as Node | undefined;
    const keyColumn = firstKey?.range ? column(text, firstKey.range[0]) : 2;
    const firstValue = first?.value as Node | undefined;
    const fieldColumn =
      isMap(firstValue) && !firstValue.flow && firstValue.range
        ? column(text, firstValue.range[0])
        : keyColumn + 2;
    const step = fieldColumn > keyColumn ? fieldColumn - keyColumn : 2;
    const at = insertionPoint(text, plans, keyColumn);
    const before = text.slice(0, at);
    const glue = before.endsWith('\n') ? '' : '\n';
    return `${before}${glue}${entriesBlock(entries, keyColumn, step, lead)}\n${text.slice(at)}`;
  }
  const empty =
    (isMap(plans) && plans.items.length === 0) ||
    (isSeq(plans) && plans.items.length === 0) ||
    (isScalar(plans) && (plans.value === null || plans.value === ''));
  if (empty && plans?.range) {
    // `plans: {}` or `plans:` with nothing: the entries take the empty value's place.
    let start = plans.range[0];
    while (start > 0 && text[start - 1] === ' ') start--;
    const end = plans.range[1];
    const tail = text.slice(end);
    return `${text.slice(0, start)}\n${entriesBlock(entries, 2, 2, lead)}${tail.startsWith('\n') ? '' : '\n'}${tail}`;
  }
  // A flow mapping with plans in it: rare enough to let the document API rewrite that part.
  const map = isMap(plans) ? plans : new YAMLMap();
  map.flow = false;
  for (const pair of (entriesDocument(entries).contents as YAMLMap).items) map.items.push(pair);
  document.set('plans', map);
  return document.toString(RENDER);
}
