// A fast path for the YAML that config files are made of: block mappings and sequences, one-line flow
// collections, and one-line plain or quoted scalars, with comments. For those it gives the same data
// and the same source offsets as the `yaml` package, in a fraction of the time and memory (10,000
// plans: 5 MB, read about 20× faster, and no document tree kept for the whole run). Anything else
// (anchors, tags, block scalars, multi-line scalars, tabs, duplicate keys, hex or inexact numbers,
// any syntax error) answers `undefined` and goes through the full parser, which reads it and reports
// its problems. So the fast path never reports a problem itself: a document it accepts is one the
// full parser reads without an issue. test/config/yaml-fast.property.test.ts holds the two equal.

import { isExactNumberText } from './decimal-text.js';
import type { DocPath } from './paths.js';
import type { LocateTarget } from './yaml-source.js';

export interface FastYaml {
  /** The document as plain data, equal to the full parser's `toJS()`. */
  data: unknown;
  /** The offset the full parser's locate would point at for this path and target. */
  offsetOf(path: DocPath, target: LocateTarget): number | undefined;
}

/** Parse `text` if it stays within the fast path's subset of YAML; `undefined` otherwise. */
export function parseFastYaml(text: string): FastYaml | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  let root: Parsed;
  try {
    root = new FastParser(text).document();
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
  return { data: root.value, offsetOf: (path, target) => offsetOf(root.node, path, target) };
}

// Tabs and carriage returns change how indentation and line ends read; control characters, BOMs and
// Unicode line separators are errors or special cases for the full parser. All go the full way.
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Thrown (and caught in parseFastYaml) when the text leaves the subset. */
const BAIL = Symbol('outside the fast path');

function bail(): never {
  throw BAIL;
}

/** Where things are, for locate. A scalar is its start offset; an empty value (`key:`) is EMPTY. */
type Node = MapNode | SeqNode | number;
const EMPTY = -1;

class MapNode {
  readonly keys: string[] = [];
  readonly keyStarts: number[] = [];
  readonly values: Node[] = [];
  private index: Map<string, number> | undefined;

  constructor(readonly start: number) {}

  find(key: string): number {
    if (this.keys.length <= 8) return this.keys.indexOf(key);
    this.index ??= new Map(this.keys.map((name, at) => [name, at]));
    return this.index.get(key) ?? -1;
  }
}

class SeqNode {
  readonly items: Node[] = [];
  constructor(readonly start: number) {}
}

/** A key's text, and where its colon ends. */
interface Key {
  name: string;
  end: number;
}

interface Parsed {
  value: unknown;
  node: Node;
}

/** A line with content (not blank, not only a comment). */
interface Line {
  start: number;
  indent: number;
  /** Offset of the first non-space character. */
  content: number;
}

const MAX_DEPTH = 64;
/** YAML's limit on an implicit key, quotes included; longer ones are the full parser's error. */
const MAX_KEY_LENGTH = 1024;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** Characters that cannot start a plain scalar (c-indicator); `-?:` may when a safe character follows. */
const INDICATORS = new Set(',[]{}#&*!|>\'"%@`');

class FastParser {
  /** Start of the first line not yet consumed. */
  private pos = 0;
  /** Collections open around the current one. */
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): Parsed {
    let line = this.peekLine();
    if (!line) bail();
    if (
      line.indent === 0 &&
      this.text.startsWith('---', line.content) &&
      separates(this.text, line.content + 3)
    ) {
      // A document start marker alone on the first line (a comment may follow).
      this.pos = this.lineEnd(line.content + 3);
      line = this.peekLine();
      if (!line) bail();
    }
    const root = this.blockCollection(line);
    if (this.peekLine()) bail();
    return root;
  }

  /**
   * Into one more collection. Real config nests a handful deep; deeper documents are left to the full
   * parser, which reports the absurd ones, so the fast path never runs out of stack.
   */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) bail();
  }

  // ---- lines ----

  /** The next line with content, skipping blank and comment-only lines; undefined at the end. */
  private peekLine(): Line | undefined {
    const { text } = this;
    let start = this.pos;
    while (start < text.length) {
      let at = start;
      while (text.charCodeAt(at) === SPACE) at++;
      const code = text.charCodeAt(at);
      if (at < text.length && code !== NEWLINE && code !== HASH)
        return { start, indent: at - start, content: at };
      const end = text.indexOf('\n', at);
      if (end === -1) {
        start = text.length;
        break;
      }
      start = end + 1;
    }
    this.pos = start;
    return undefined;
  }

  /**
   * After a value that ends at `at`: only spaces and a comment may follow on the line. Returns the
   * start of the next line.
   */
  private lineEnd(at: number): number {
    const { text } = this;
    let i = at;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i >= text.length) return text.length;
    const code = text.charCodeAt(i);
    if (code === NEWLINE) return i + 1;
    // A comment needs a space before it: `"a"#b` is an error.
    if (code !== HASH || text.charCodeAt(i - 1) !== SPACE) bail();
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end + 1;
  }

  private isSeqEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return at + 1 >= this.text.length || next === SPACE || next === NEWLINE;
  }

  // ---- block collections ----

  /** A mapping or sequence starting on `line`; anything else (a scalar on its own line) bails. */
  private blockCollection(line: Line): Parsed {
    if (this.isSeqEntry(line.content)) return this.blockSeq(line.indent);
    return this.blockMap(line.indent, line.content, this.key(line.content) ?? bail());
  }

  /**
   * A block mapping whose keys sit at column `indent`. Its first key, already read, starts at
   * `first`: mid-line for a mapping inside a sequence entry (`- key: value`).
   */
  private blockMap(indent: number, first: number, firstKey: Key): Parsed {
    this.enter();
    const node = new MapNode(first);
    const value: Record<string, unknown> = {};
    this.pair(node, value, indent, first, firstKey);
    for (;;) {
      const line = this.peekLine();
      if (!line || line.indent < indent) break;
      if (line.indent > indent || this.isSeqEntry(line.content)) bail();
      this.pair(node, value, indent, line.content);
    }
    this.depth--;
    return { value, node };
  }

  /** One `key: value` of a block mapping at column `indent`, consuming every line of its value. */
  private pair(
    node: MapNode,
    into: Record<string, unknown>,
    indent: number,
    at: number,
    key: Key = this.key(at) ?? bail(),
  ): void {
    addKey(node, into, key.name, at);
    let i = key.end;
    while (this.text.charCodeAt(i) === SPACE) i++;
    const code = this.text.charCodeAt(i);
    let parsed: Parsed;
    if (i >= this.text.length || code === NEWLINE || (code === HASH && i > key.end)) {
      // Nothing on the key's line: the value is on the lines below, or empty.
      this.pos = this.lineEnd(i);
      const next = this.peekLine();
      if (next && next.indent > indent) parsed = this.blockCollection(next);
      else if (next && next.indent === indent && this.isSeqEntry(next.content))
        parsed = this.blockSeq(indent);
      else parsed = { value: null, node: EMPTY };
    } else {
      const scalar = this.inlineValue(i, false);
      this.pos = this.lineEnd(scalar.end);
      parsed = scalar;
    }
    node.values.push(parsed.node);
    into[key.name] = parsed.value;
  }

  /** A block sequence whose `-` sit at column `indent`. */
  private blockSeq(indent: number): Parsed {
    this.enter();
    const first = this.peekLine() ?? bail();
    const node = new SeqNode(first.content);
    const value: unknown[] = [];
    for (;;) {
      const line = this.peekLine();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) bail();
      if (!this.isSeqEntry(line.content)) break;
      const entry = this.seqEntry(line);
      node.items.push(entry.node);
      value.push(entry.value);
    }
    this.depth--;
    return { value, node };
  }

  private seqEntry(line: Line): Parsed {
    const { text } = this;
    let i = line.content + 1;
    while (text.charCodeAt(i) === SPACE) i++;
    const code = text.charCodeAt(i);
    if (i >= text.length || code === NEWLINE || (code === HASH && i > line.content + 1)) {
      // `-` alone: the entry is the block below it. An empty entry is left to the full parser.
      this.pos = this.lineEnd(i);
      const next = this.peekLine();
      if (!next || next.indent <= line.indent) bail();
      return this.blockCollection(next);
    }
    if (this.isSeqEntry(i)) bail();
    const key = this.key(i);
    if (key) return this.blockMap(i - line.start, i, key);
    const scalar = this.inlineValue(i, false);
    this.pos = this.lineEnd(scalar.end);
    return scalar;
  }

  /**
   * A key at `at` (`name:` followed by a space or the line's end), or undefined when the text there
   * is not a key. Keys stay text, as with the full parser's `stringKeys`.
   */
  private key(at: number): Key | undefined {
    const { text } = this;
    const code = text.charCodeAt(at);
    if (code === 0x22 || code === 0x27) {
      const quoted = this.quoted(at);
      if (text.charCodeAt(quoted.end) !== COLON || !separates(text, quoted.end + 1)) return undefined;
      if (quoted.end - at > MAX_KEY_LENGTH) bail();
      return { name: quoted.value, end: quoted.end + 1 };
    }
    if (!canStartPlain(text, at, false)) return undefined;
    for (let i = at; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) return undefined;
      if (c === COLON && separates(text, i + 1)) {
        // Trailing spaces before the colon, and very long keys, read differently: leave them.
        if (text.charCodeAt(i - 1) === SPACE || i - at > MAX_KEY_LENGTH) bail();
        return { name: text.slice(at, i), end: i + 1 };
      }
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return undefined;
      if (isFlowIndicator(c)) bail();
    }
    return undefined;
  }

  // ---- values on one line ----

  /** A scalar or flow collection starting at `at`; `inFlow` inside `{...}` or `[...]`. */
  private inlineValue(at: number, inFlow: boolean): Parsed & { end: number } {
    const code = this.text.charCodeAt(at);
    if (code === 0x22 || code === 0x27) {
      const quoted = this.quoted(at);
      return { value: quoted.value, node: at, end: quoted.end };
    }
    if (code === 0x7b) return this.flowMap(at);
    if (code === 0x5b) return this.flowSeq(at);
    return this.plain(at, inFlow);
  }

  private plain(at: number, inFlow: boolean): Parsed & { end: number } {
    const { text } = this;
    if (!canStartPlain(text, at, inFlow)) bail();
    let i = at;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) break;
      if (c === HASH) {
        if (text.charCodeAt(i - 1) === SPACE) break;
        if (inFlow) bail();
      }
      if (c === COLON && (inFlow || separates(text, i + 1))) bail();
      if (inFlow && isFlowIndicator(c)) break;
    }
    if (inFlow && (i >= text.length || text.charCodeAt(i) === NEWLINE)) bail();
    let end = i;
    while (text.charCodeAt(end - 1) === SPACE) end--;
    if (end === at) bail();
    return { value: resolvePlain(text.slice(at, end)), node: at, end };
  }

  /** A single- or double-quoted scalar closed on the same line. */
  private quoted(at: number): { value: string; end: number } {
    const { text } = this;
    const quote = text.charCodeAt(at);
    let value = '';
    let from = at + 1;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) break;
      if (quote === 0x27 && c === 0x27) {
        value += text.slice(from, i);
        if (text.charCodeAt(i + 1) !== 0x27) return { value, end: i + 1 };
        value += "'";
        from = ++i + 1;
      } else if (quote === 0x22 && c === 0x22) {
        return { value: value + text.slice(from, i), end: i + 1 };
      } else if (quote === 0x22 && c === 0x5c) {
        const escape = readEscape(text, i + 1);
        value += text.slice(from, i) + escape.text;
        i = escape.end - 1;
        from = escape.end;
      }
    }
    // Not closed on this line: a multi-line scalar, or an error.
    return bail();
  }

  private flowMap(at: number): Parsed & { end: number } {
    this.enter();
    const { text } = this;
    const node = new MapNode(at);
    const value: Record<string, unknown> = {};
    let i = skipSpaces(text, at + 1);
    while (text.charCodeAt(i) !== 0x7d) {
      const keyAt = i;
      let name: string;
      let end: number;
      const code = text.charCodeAt(i);
      if (code === 0x22 || code === 0x27) {
        ({ value: name, end } = this.quoted(i));
      } else {
        if (!canStartPlain(text, i, true)) bail();
        end = i;
        while (end < text.length && !isFlowKeyEnd(text.charCodeAt(end))) end++;
        while (text.charCodeAt(end - 1) === SPACE) end--;
        name = text.slice(i, end);
        if (name.length === 0 || name.includes('#')) bail();
      }
      // Only `key: value`; `key:value`, `key :` and a key with no value are left to the full parser.
      if (text.charCodeAt(end) !== COLON || text.charCodeAt(end + 1) !== SPACE) bail();
      addKey(node, value, name, keyAt);
      const entry = this.inlineValue(skipSpaces(text, end + 1), true);
      node.values.push(entry.node);
      value[name] = entry.value;
      i = this.afterFlowEntry(entry.end, 0x7d);
    }
    this.depth--;
    return { value, node, end: i + 1 };
  }

  private flowSeq(at: number): Parsed & { end: number } {
    this.enter();
    const { text } = this;
    const node = new SeqNode(at);
    const value: unknown[] = [];
    let i = skipSpaces(text, at + 1);
    while (text.charCodeAt(i) !== 0x5d) {
      const entry = this.inlineValue(i, true);
      node.items.push(entry.node);
      value.push(entry.value);
      i = this.afterFlowEntry(entry.end, 0x5d);
    }
    this.depth--;
    return { value, node, end: i + 1 };
  }

  /** After an entry: `,` then the next entry, or the closing bracket. Returns where to read next. */
  private afterFlowEntry(at: number, close: number): number {
    const i = skipSpaces(this.text, at);
    const code = this.text.charCodeAt(i);
    if (code === close) return i;
    if (code !== 0x2c) bail();
    return skipSpaces(this.text, i + 1);
  }
}

function addKey(node: MapNode, into: Record<string, unknown>, name: string, at: number): void {
  // Duplicates are the full parser's to report; `__proto__` and merge keys have their own rules there.
  if (Object.hasOwn(into, name) || name === '__proto__' || name === '<<') bail();
  node.keys.push(name);
  node.keyStarts.push(at);
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** After a colon: a space or the end of the line makes it a key's colon. */
function separates(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === SPACE || code === NEWLINE;
}

function isFlowIndicator(code: number): boolean {
  return code === 0x2c || code === 0x5b || code === 0x5d || code === 0x7b || code === 0x7d;
}

function isFlowKeyEnd(code: number): boolean {
  return code === COLON || code === NEWLINE || isFlowIndicator(code);
}

function canStartPlain(text: string, at: number, inFlow: boolean): boolean {
  const first = text[at];
  if (first === undefined || first === ' ' || first === '\n') return false;
  if (first === '-' || first === '?' || first === ':') {
    // `-5`, `-x`, `:x` are plain text; `- `, `? `, `: ` are indicators.
    const next = text[at + 1];
    return (
      next !== undefined && /[A-Za-z0-9_.]/.test(next) && !(inFlow && isFlowIndicator(next.charCodeAt(0)))
    );
  }
  return !INDICATORS.has(first);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The escape after a backslash at `at` in a double-quoted scalar. */
function readEscape(text: string, at: number): { text: string; end: number } {
  const letter = text[at] ?? bail();
  const simple = ESCAPES[letter];
  if (simple !== undefined) return { text: simple, end: at + 1 };
  const length = HEX_LENGTH[letter] ?? bail();
  const hex = text.slice(at + 1, at + 1 + length);
  if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) bail();
  const code = parseInt(hex, 16);
  // Surrogates and out-of-range code points: the full parser's business.
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) bail();
  return { text: String.fromCodePoint(code), end: at + 1 + length };
}

/**
 * A plain scalar's value under the YAML 1.2 core schema, as the full parser resolves it. Hex, octal,
 * exponents, infinities and numbers that would not be read exactly bail: the full parser reports the
 * inexact ones, and the rest are rare enough in config to leave to it.
 */
function resolvePlain(source: string): unknown {
  const first = source.charCodeAt(0);
  // Most values are words: only text starting with a digit, sign, dot, `~` or a letter of
  // null/true/false can be anything else.
  if (/^(?:~|[Nn]ull|NULL)$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(source)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(source)) return false;
  if (!((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e))
    return source;
  if (/^0o[0-7]+$|^0x[0-9a-fA-F]+$/.test(source)) bail();
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) bail();
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) bail();
  let value: number;
  if (/^[-+]?[0-9]+$/.test(source)) {
    value = parseInt(source, 10);
    // Up to 15 digits, every integer is a double: no need to compare digits.
    if (source.length <= 15) return value;
  } else if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) value = parseFloat(source);
  else return source;
  if (!isExactNumberText(source, value)) bail();
  return value;
}

/** The same walk as the full parser's locate (yaml-source.ts), over the fast path's nodes. */
function offsetOf(root: Node, path: DocPath, target: LocateTarget): number | undefined {
  let node: Node = root;
  // Offset of the key that owns `node` (undefined for the root and for sequence entries).
  let owner: number | undefined;
  let complete = true;
  for (const segment of path) {
    let next: Node | undefined;
    let key: number | undefined;
    if (node instanceof MapNode) {
      const at = node.find(String(segment));
      if (at !== -1) {
        key = node.keyStarts[at];
        next = node.values[at];
      }
    } else if (node instanceof SeqNode && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined) {
      complete = false;
      break;
    }
    node = next;
    owner = key;
  }
  const atKey = !complete || target !== 'value' || typeof node !== 'number' || node === EMPTY;
  const start = typeof node === 'number' ? (node === EMPTY ? undefined : node) : node.start;
  return (atKey ? owner : undefined) ?? start ?? owner;
}
