// Random YAML documents for holding the js-yaml reading (src/config/yaml-events.ts) to the `yaml`
// package's. A document is drawn as a small layout tree (keys, values, indents, comments, blank lines)
// and rendered to text. Every piece of text knows whether it stays inside the usual config style
// ("clean"): the agreement tests do not care, but the coverage test needs to tell documents js-yaml
// is meant to read from those it may hand over to the `yaml` package.

import fc from 'fast-check';

/** A bit of YAML text, and whether it stays inside the usual config style where it is used. */
export interface Piece {
  text: string;
  clean: boolean;
}

/** A whole-line comment (`shift` columns from the block's indent) or a blank line of `spaces` spaces. */
type Filler = { kind: 'blank'; spaces: number } | { kind: 'comment'; shift: number; text: string };

type Node = ScalarNode | FlowNode | EmptyNode | MapNode | SeqNode;
interface ScalarNode {
  kind: 'scalar';
  piece: Piece;
}
/** A one-line flow collection, already rendered. */
interface FlowNode {
  kind: 'flow';
  piece: Piece;
}
/** `key:` or `-` with nothing after it. */
interface EmptyNode {
  kind: 'empty';
}
interface MapNode {
  kind: 'map';
  /** Columns the entries sit right of their owner (a key, or a `-` on the line above). */
  indent: number;
  entries: Entry[];
}
interface Entry {
  before: Filler[];
  key: Piece;
  /** `:`, or ` :` in the anything-goes mode. */
  colon: Piece;
  /** Spaces between the colon and a scalar or flow value. */
  gap: Piece;
  value: Node;
  /** Trailing comment or spaces on the key's line. */
  trailing: Piece;
}
interface SeqNode {
  kind: 'seq';
  /** Columns right of the owning key; 0 is `key:\n- a` (a sequence at its key's indent). */
  indent: number;
  items: Item[];
}
interface Item {
  before: Filler[];
  /** Spaces after the dash. */
  gap: string;
  /** A mapping or sequence item starts on the dash's line: `- key: value`, `- - a`. */
  compact: boolean;
  value: Node;
  trailing: Piece;
}

export interface Doc {
  header: Piece;
  root: MapNode | SeqNode;
  /** Columns the root collection is indented by (valid YAML, if unusual). */
  rootIndent: number;
  after: Filler[];
  finalNewline: boolean;
}

/** Where a scalar can be written: `clean` everywhere, `block` only outside flow collections, `odd` never. */
type Tier = 'clean' | 'block' | 'odd';

/**
 * `clean`: only pieces of the usual config style, and no repeated key in a mapping.
 * `any`: also bail-out features (anchors, tags, hex numbers, `__proto__`...), invalid YAML,
 * odd spacing and random text from YAML's indicator characters.
 */
export type Mode = 'clean' | 'any';

// ---------------------------------------------------------------------------------------------------
// Scalars and keys. The pools hold the text that trips YAML readers up; random words, numbers and
// quoted strings add variety.

const VALUE_POOL: Record<Tier, readonly string[]> = {
  clean: [
    'word',
    'two words',
    'x  y',
    'null',
    'Null',
    'NULL',
    '~',
    'true',
    'False',
    'TRUE',
    'yes',
    'no',
    'on',
    'off',
    'y',
    '0',
    '-0',
    '+0',
    '-0.0',
    '+5',
    '007',
    '1.',
    '.5',
    '+.5',
    '-1.50',
    '0.1',
    '0.10',
    '1.0',
    '-17',
    '9007199254740991',
    '0.30000000000000004',
    '1_000',
    '0b1',
    '12:30',
    '-.5e',
    '1.5.',
    '.',
    '...',
    '---',
    'a:b',
    'a#b',
    '-x',
    ':x',
    '?x',
    'café',
    '日本',
    '😀 ok',
    'x-y_z',
    'http://example.com/a?b=c#d',
    'C:\\dir',
    "it's",
    'say "hi"',
    '""',
    "''",
    "'it''s'",
    "'a\"b'",
    "' padded '",
    '"a\'b"',
    '"q\\"q"',
    '"b\\\\s"',
    '"line\\nbreak"',
    '"tab\\there"',
    '"\\u00e9"',
    '"\\x41"',
    '"\\/"',
    '"\\e"',
    '"\\N"',
    '"\\ "',
    '"#not a comment"',
    "'# nor this'",
    '"0"',
    "'true'",
    '"null"',
    '"\\_\\L\\P\\0\\a\\v\\b\\f\\r"',
    '"\\U0001F600"',
  ],
  block: ['a #b', 'x,y', 'a, b', 'x]', 'x}', 'a[b]', 'a{b}', 'x [y]'],
  odd: [
    '1e3',
    '1E-2',
    '0x1F',
    '0o17',
    '.inf',
    '-.Inf',
    '.NaN',
    '12345678901234567890',
    '9007199254740993',
    '0.1000000000000000055511151231257827',
    '@x',
    '`x',
    '%x',
    '!x',
    '!!str x',
    '&x',
    '&a x',
    '*x',
    '|',
    '>',
    '|-',
    '"\\q"',
    '"\\u12"',
    '[x] y',
    '- x',
    '-',
    '?',
    ':',
    'a: b',
    '"open',
    "'open",
    '"a" b',
    "'a' b",
    '{x}',
    '[x]y',
  ],
};

const KEY_POOL: Record<Tier, readonly string[]> = {
  clean: [
    'name',
    'a b',
    '1.0',
    'true',
    '~',
    'null',
    '0',
    '1',
    '-1',
    '.5',
    'yes',
    '"quoted key"',
    "'single key'",
    '"0"',
    '"k\\"q"',
    '"with: colon"',
    "'#hash'",
    '""',
    "''",
    'a:b',
    'a.b',
    '$ref',
    '-x',
    'x-y_z',
    '?x',
    ':x',
    '...',
    'café',
    '日本',
    // Names of Object.prototype members: a reader that looks keys up on a plain object trips on them.
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'prototype',
  ],
  // `a:` is written `a:: v`.
  block: ['x,y', 'a]', 'a}', 'a:'],
  odd: [
    '---',
    '__proto__',
    '"__proto__"',
    '<<',
    '&a k',
    '!t k',
    '? k',
    '[k]',
    '{k: v}',
    '"a"b',
    'a: b',
    '@k',
    '%k',
    '*a',
    '|',
    'a #b',
    '"\\q"',
    '- k',
  ],
};

const word = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);
const integerText = fc.oneof(
  fc.integer({ min: -99_999, max: 99_999 }).map(String),
  fc.maxSafeInteger().map(String),
);
// Exact numbers with many zeros, far from the usual range: 1e23, 0.000000000000000000001.
const zerosText = fc
  .tuple(fc.constantFrom('', '-'), fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 30 }))
  .chain(([sign, digits, zeros]) =>
    fc.constantFrom(`${sign}${digits}${'0'.repeat(zeros)}`, `${sign}0.${'0'.repeat(zeros)}${digits}`),
  );
const decimalText = fc
  .tuple(fc.integer({ min: -9_999, max: 9_999 }), fc.stringMatching(/^[0-9]{1,4}$/))
  .map(([whole, fraction]) => `${whole}.${fraction}`);
// Printable ASCII, quoted the YAML way; JSON's escapes are all YAML escapes too.
const singleQuoted = fc.string({ maxLength: 8 }).map((s) => `'${s.replaceAll("'", "''")}'`);
const doubleQuoted = fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s));
// Any code points (lone surrogates, C1 controls...) and text made of YAML's indicator characters.
const oddDoubleQuoted = fc.string({ unit: 'binary', maxLength: 6 }).map((s) => JSON.stringify(s));
const oddPlain = fc.string({
  unit: fc.constantFrom(...'ab0 .-:#,[]{}\'"!&*?|>%@`~\\'.split('')),
  minLength: 1,
  maxLength: 6,
});

const piece = (clean: boolean) => (text: string) => ({ text, clean });

function fromPool(pool: Record<Tier, readonly string[]>, mode: Mode, inFlow: boolean): fc.Arbitrary<Piece> {
  const tricky = fc.constantFrom(...pool.clean).map(piece(true));
  const blockOnly = fc.constantFrom(...pool.block).map(piece(!inFlow));
  const odd = fc.constantFrom(...pool.odd).map(piece(false));
  if (mode === 'clean') {
    return inFlow ? tricky : fc.oneof({ weight: 6, arbitrary: tricky }, { weight: 1, arbitrary: blockOnly });
  }
  return fc.oneof(
    { weight: 4, arbitrary: tricky },
    { weight: 1, arbitrary: blockOnly },
    { weight: 2, arbitrary: odd },
  );
}

/** A scalar value, for a block (`key: here`, `- here`) or a flow collection. */
function scalarArb(mode: Mode, inFlow: boolean): fc.Arbitrary<Piece> {
  const common = [
    { weight: 6, arbitrary: word.map(piece(true)) },
    { weight: 2, arbitrary: integerText.map(piece(true)) },
    { weight: 2, arbitrary: decimalText.map(piece(true)) },
    { weight: 1, arbitrary: zerosText.map(piece(true)) },
    { weight: 1, arbitrary: singleQuoted.map(piece(true)) },
    { weight: 1, arbitrary: doubleQuoted.map(piece(true)) },
    { weight: 4, arbitrary: fromPool(VALUE_POOL, mode, inFlow) },
  ];
  if (mode === 'clean') return fc.oneof(...common);
  return fc.oneof(
    ...common,
    { weight: 1, arbitrary: oddDoubleQuoted.map(piece(false)) },
    { weight: 1, arbitrary: oddPlain.map(piece(false)) },
  );
}

function keyArb(mode: Mode, inFlow: boolean): fc.Arbitrary<Piece> {
  const common = [
    { weight: 6, arbitrary: word.map(piece(true)) },
    { weight: 1, arbitrary: singleQuoted.map(piece(true)) },
    { weight: 1, arbitrary: doubleQuoted.map(piece(true)) },
    { weight: 3, arbitrary: fromPool(KEY_POOL, mode, inFlow) },
  ];
  if (mode === 'clean') return fc.oneof(...common);
  return fc.oneof(
    ...common,
    // A tiny pool of its own, so repeated keys come up often.
    { weight: 2, arbitrary: fc.constantFrom('a', 'b', "'a'").map(piece(true)) },
    { weight: 1, arbitrary: oddPlain.map(piece(false)) },
  );
}

/** Clean choices always; odd ones too in the anything-goes mode. */
function choice(mode: Mode, clean: readonly string[], odd: readonly string[]): fc.Arbitrary<Piece> {
  const good = fc.constantFrom(...clean).map(piece(true));
  if (mode === 'clean' || odd.length === 0) return good;
  return fc.oneof(
    { weight: 4, arbitrary: good },
    { weight: 1, arbitrary: fc.constantFrom(...odd).map(piece(false)) },
  );
}

// ---------------------------------------------------------------------------------------------------
// Flow collections: one line, nested, with varied spacing and the occasional trailing comma.

function flowArb(mode: Mode, depth: number): fc.Arbitrary<Piece> {
  const item: fc.Arbitrary<Piece> =
    depth <= 0
      ? scalarArb(mode, true)
      : fc.oneof(
          { weight: 4, arbitrary: scalarArb(mode, true) },
          { weight: 1, arbitrary: flowArb(mode, depth - 1) },
        );
  const open = choice(mode, ['', ' '], ['  ']);
  const separator = choice(mode, [',', ', ', ' , ', ',  '], [' ,', ',,']);
  const close = (pieces: Piece[], pad: Piece, trailingComma: boolean): Piece => ({
    text: `${pieces.map((p) => p.text).join('')}${trailingComma ? ',' : ''}${pad.text}`,
    clean: pieces.every((p) => p.clean) && pad.clean,
  });
  const joined = (items: Piece[], sep: Piece): Piece => ({
    text: items.map((p) => p.text).join(sep.text),
    clean: items.every((p) => p.clean) && (items.length < 2 || sep.clean),
  });

  const sequence = fc
    .record({ items: fc.array(item, { maxLength: 4 }), pad: open, sep: separator, comma: fc.boolean() })
    .map(({ items, pad, sep, comma }) => {
      const inner = close([pad, joined(items, sep)], pad, comma && items.length > 0);
      return { text: `[${inner.text}]`, clean: inner.clean };
    });

  const colon = choice(mode, [': ', ':  '], [' : ', ':']);
  const pair = fc.record({ key: keyArb(mode, true), colon, value: item }).map(({ key, colon, value }) => ({
    text: `${key.text}${colon.text}${value.text}`,
    clean: key.clean && colon.clean && value.clean,
    key: key.text,
  }));
  // `{a, b: 1}`: a key with no value, only in the anything-goes mode.
  const bareKey = keyArb(mode, true).map((key) => ({ text: key.text, clean: false, key: key.text }));
  const entry =
    mode === 'clean' ? pair : fc.oneof({ weight: 5, arbitrary: pair }, { weight: 1, arbitrary: bareKey });
  const entries =
    mode === 'clean'
      ? fc.uniqueArray(entry, { maxLength: 4, selector: (e) => e.key })
      : fc.array(entry, { maxLength: 4 });
  const mapping = fc
    .record({ entries, pad: open, sep: separator, comma: fc.boolean() })
    .map(({ entries, pad, sep, comma }) => {
      const inner = close([pad, joined(entries, sep)], pad, comma && entries.length > 0);
      return { text: `{${inner.text}}`, clean: inner.clean };
    });
  return fc.oneof(sequence, mapping);
}

// ---------------------------------------------------------------------------------------------------
// Block collections.

const fillerArb: fc.Arbitrary<Filler> = fc.oneof(
  fc.record({ kind: fc.constant('blank' as const), spaces: fc.constantFrom(0, 0, 0, 2, 5) }),
  fc.record({
    kind: fc.constant('comment' as const),
    shift: fc.integer({ min: -4, max: 4 }),
    text: fc.constantFrom(' note', '', ' key: value', " it's", ' - x', ' #', ' [a, b', ' café'),
  }),
);
const fillersArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant([] as Filler[]) },
  { weight: 2, arbitrary: fc.array(fillerArb, { minLength: 1, maxLength: 2 }) },
);

function trailingArb(mode: Mode): fc.Arbitrary<Piece> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(piece(true)('')) },
    {
      weight: 2,
      arbitrary: choice(mode, [' # c', '  #', '   ', ' # a: b', " # it's"], ['#glued', ' \t# tab', '\t']),
    },
  );
}

const cache = new Map<string, fc.Arbitrary<Node>>();

/** A value for a key or a sequence item, nesting collections `depth` more levels at most. */
function nodeArb(mode: Mode, depth: number): fc.Arbitrary<Node> {
  const id = `${mode}:${depth}`;
  const cached = cache.get(id);
  if (cached) return cached;
  const leaves = [
    { weight: 8, arbitrary: scalarArb(mode, false).map((p): Node => ({ kind: 'scalar', piece: p })) },
    { weight: 2, arbitrary: flowArb(mode, 2).map((p): Node => ({ kind: 'flow', piece: p })) },
    { weight: 1, arbitrary: fc.constant<Node>({ kind: 'empty' }) },
  ];
  const arbitrary =
    depth <= 0
      ? fc.oneof(...leaves)
      : fc.oneof(
          ...leaves,
          { weight: 3, arbitrary: mapArb(mode, depth - 1) as fc.Arbitrary<Node> },
          { weight: 2, arbitrary: seqArb(mode, depth - 1) as fc.Arbitrary<Node> },
        );
  cache.set(id, arbitrary);
  return arbitrary;
}

function mapArb(mode: Mode, depth: number): fc.Arbitrary<MapNode> {
  const entry: fc.Arbitrary<Entry> = fc.record({
    before: fillersArb,
    key: keyArb(mode, false),
    colon: choice(mode, [':'], [' :']),
    gap: choice(mode, [' ', ' ', '  '], ['', '\t']),
    value: nodeArb(mode, depth),
    trailing: trailingArb(mode),
  });
  const entries =
    mode === 'clean'
      ? fc.uniqueArray(entry, { minLength: 1, maxLength: 4, selector: (e) => e.key.text })
      : fc.array(entry, { minLength: 1, maxLength: 4 });
  return fc.record({
    kind: fc.constant('map' as const),
    indent: fc.constantFrom(2, 2, 2, 1, 3, 4),
    entries,
  });
}

function seqArb(mode: Mode, depth: number): fc.Arbitrary<SeqNode> {
  const item: fc.Arbitrary<Item> = fc.record({
    before: fillersArb,
    gap: fc.constantFrom(' ', ' ', ' ', '  ', '   '),
    compact: fc.constantFrom(true, true, false),
    value: nodeArb(mode, depth),
    trailing: trailingArb(mode),
  });
  return fc.record({
    kind: fc.constant('seq' as const),
    indent: fc.constantFrom(2, 2, 0, 0, 1, 4),
    items: fc.array(item, { minLength: 1, maxLength: 4 }),
  });
}

/** A document whose root is a block mapping (mostly) or a block sequence. */
export function documentArb(mode: Mode): fc.Arbitrary<Doc> {
  return fc.record({
    header: fc.oneof(
      { weight: 3, arbitrary: fc.constant(piece(true)('')) },
      { weight: 1, arbitrary: choice(mode, ['---\n'], ['--- # c\n', '# c\n---\n', '--- a\n']) },
    ),
    root: fc.oneof(
      { weight: 9, arbitrary: mapArb(mode, 3) },
      { weight: 1, arbitrary: seqArb(mode, 3) },
    ) as fc.Arbitrary<MapNode | SeqNode>,
    rootIndent: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
    after: fillersArb,
    finalNewline: fc.constantFrom(true, true, true, false),
  });
}

// ---------------------------------------------------------------------------------------------------
// Rendering.

interface Line {
  text: string;
  /** False for comment and blank lines: a compact item goes on the first line that is neither. */
  content: boolean;
}

interface Rendered {
  lines: Line[];
  clean: boolean;
}

const pad = (columns: number) => ' '.repeat(Math.max(0, columns));

function fillerLines(fillers: readonly Filler[], indent: number): Line[] {
  return fillers.map((filler) => ({
    text: filler.kind === 'blank' ? pad(filler.spaces) : `${pad(indent + filler.shift)}#${filler.text}`,
    content: false,
  }));
}

/** A mapping or sequence whose entries start at column `indent`. */
function renderBlock(node: MapNode | SeqNode, indent: number): Rendered {
  const lines: Line[] = [];
  let clean = true;
  const child = (value: MapNode | SeqNode, at: number) => {
    const rendered = renderBlock(value, at);
    clean &&= rendered.clean;
    return rendered.lines;
  };

  if (node.kind === 'map') {
    for (const entry of node.entries) {
      lines.push(...fillerLines(entry.before, indent));
      clean &&= entry.key.clean && entry.colon.clean && entry.trailing.clean;
      const head = `${pad(indent)}${entry.key.text}${entry.colon.text}`;
      const { value } = entry;
      if (value.kind === 'scalar' || value.kind === 'flow') {
        clean &&= entry.gap.clean && value.piece.clean;
        lines.push({
          text: `${head}${entry.gap.text}${value.piece.text}${entry.trailing.text}`,
          content: true,
        });
      } else {
        lines.push({ text: `${head}${entry.trailing.text}`, content: true });
        if (value.kind === 'map') lines.push(...child(value, indent + value.indent));
        if (value.kind === 'seq') lines.push(...child(value, indent + value.indent));
      }
    }
    return { lines, clean };
  }

  for (const item of node.items) {
    lines.push(...fillerLines(item.before, indent));
    clean &&= item.trailing.clean;
    const dash = `${pad(indent)}-`;
    const { value } = item;
    if (value.kind === 'scalar' || value.kind === 'flow') {
      clean &&= value.piece.clean;
      lines.push({ text: `${dash}${item.gap}${value.piece.text}${item.trailing.text}`, content: true });
    } else if (value.kind === 'empty') {
      lines.push({ text: `${dash}${item.trailing.text}`, content: true });
    } else if (item.compact) {
      // `- key: value`: the collection sits right after the dash, its later lines at the same column.
      const at = indent + 1 + item.gap.length;
      const inner = child(value, at);
      const first = inner.findIndex((line) => line.content);
      const line = inner[first] as Line;
      inner[first] = { text: `${dash}${item.gap}${line.text.slice(at)}`, content: true };
      lines.push(...inner);
    } else {
      lines.push({ text: `${dash}${item.trailing.text}`, content: true });
      lines.push(...child(value, indent + Math.max(1, value.indent)));
    }
  }
  return { lines, clean };
}

export interface RenderedDoc {
  text: string;
  /** Inside the usual config style: the `yaml` package may still refuse it (a repeated quoted key...). */
  clean: boolean;
}

export function renderDoc(doc: Doc): RenderedDoc {
  const body = renderBlock(doc.root, doc.rootIndent);
  const lines = [...body.lines, ...fillerLines(doc.after, 0)].map((line) => line.text);
  const text = `${doc.header.text}${lines.join('\n')}${doc.finalNewline ? '\n' : ''}`;
  return { text, clean: doc.header.clean && body.clean };
}

/** Rendered documents: half drawn in the usual config style, half from anything YAML-like. */
export const yamlDocuments: fc.Arbitrary<RenderedDoc> = fc
  .oneof(documentArb('clean'), documentArb('any'))
  .map(renderDoc);

// ---------------------------------------------------------------------------------------------------
// Keys near the 1024-character limit YAML puts on implicit keys.

/** `unit` repeated as often as fits in `length` UTF-16 code units: whole units, no split surrogate pair. */
function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.floor(length / unit.length));
}

const LONG_KEY_FORMS: readonly ((key: string) => string)[] = [
  (key) => `${key}: 1\n`,
  (key) => `${JSON.stringify(key)}: 1\n`,
  (key) => `'${key.replaceAll("'", "''")}': 1\n`,
  (key) => `a: 0\nb:\n  ${JSON.stringify(key)}: 1\n`,
  (key) => `- ${key}: 1\n`,
  (key) => `-   '${key}': 1\n  b: 2\n`,
  (key) => `x: {${key}: 1}\n`,
  (key) => `x: {${JSON.stringify(key)}: 1, b: 2}\n`,
  // Values have no such limit.
  (key) => `k: ${key}\n`,
  (key) => `k: ${JSON.stringify(key)}\n`,
];

/** One key (or value) of about 1,000 to 1,050 code units, written plain, quoted, in a flow mapping... */
export const longKeyDocuments: fc.Arbitrary<string> = fc
  .record({
    length: fc.integer({ min: 1000, max: 1050 }),
    unit: fc.constantFrom('a', 'é', '😀', 'a b', "it's"),
    form: fc.constantFrom(...LONG_KEY_FORMS),
  })
  .map(({ length, unit, form }) => form(repeatTo(unit, length)));

// ---------------------------------------------------------------------------------------------------
// Deep nesting.

export type NestingShape = 'flow sequence' | 'flow mapping' | 'block mapping' | 'block sequence';
export const NESTING_SHAPES: readonly NestingShape[] = [
  'flow sequence',
  'flow mapping',
  'block mapping',
  'block sequence',
];

/** A document holding one value nested `depth` collections deep. */
export function nestedDocument(shape: NestingShape, depth: number): string {
  switch (shape) {
    case 'flow sequence':
      return `x: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
    case 'flow mapping':
      return `x: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
    case 'block mapping':
      return `${Array.from({ length: depth }, (_, i) => `${pad(i)}k:\n`).join('')}${pad(depth)}v: 1\n`;
    case 'block sequence':
      return `${Array.from({ length: depth }, (_, i) => `${pad(i)}-\n`).join('')}${pad(depth)}- 1\n`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Single-character edits.

/** What an edit may insert or write over: YAML's indicators, whitespace that matters, digits, letters. */
export const EDIT_CHARACTERS = ' \n-:#\'"{}[],&*!|>?%@`\t\r.0123456789abc'.split('');

export interface Edit {
  op: 'insert' | 'delete' | 'replace';
  /** Taken modulo the text's length, so an edit applies to any text. */
  at: number;
  char: string;
}

export const editArb: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom('insert', 'delete', 'replace'),
  at: fc.nat(),
  char: fc.constantFrom(...EDIT_CHARACTERS),
});

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const { op, at, char } of edits) {
    if (op === 'insert') {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + char + out.slice(i);
    } else if (out.length > 0) {
      const i = at % out.length;
      out = out.slice(0, i) + (op === 'replace' ? char : '') + out.slice(i + 1);
    }
  }
  return out;
}
