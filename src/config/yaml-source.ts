// YAML parsing that keeps the document, so every later step can point at `file:line:column` for any
// path. It also refuses the inputs that would make a config loader crash, hang or round money:
// syntax errors, duplicate keys, alias bombs, bad UTF-8, and numbers a float cannot hold exactly.

import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { formatIssue } from '../errors.js';
import type { ConfigIssue, SourceLocation } from '../errors.js';
import { isExactNumberText } from './decimal-text.js';
import { formatPath } from './paths.js';
import { parseFastYaml } from './yaml-fast.js';
import type { DocPath, PathSegment } from './paths.js';
import { decodeUtf8 } from './utf8.js';

/** How many alias expansions one document may make; real configs use a handful. */
const MAX_ALIAS_COUNT = 100;

/**
 * - `key`: the key of the last segment (for "unknown key");
 * - `value`: its value (for "wrong value"); an empty value points at its key;
 * - `parent`: the mapping named by the path, shown at the key that owns it (for "missing key").
 */
export type LocateTarget = 'key' | 'value' | 'parent';

export interface YamlSource {
  /** File name as shown in messages (relative to the project root). */
  file: string;
  /** The document as plain data (mappings → objects with string keys). */
  data: unknown;
  locate(path: DocPath, target?: LocateTarget): SourceLocation;
}

export interface ParseResult {
  /** Absent when the file cannot be read as data at all. */
  source?: YamlSource;
  issues: ConfigIssue[];
}

/** Decode and parse one config file's bytes. */
export function parseYamlSource(file: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) {
    const byte = decoded.byte.toString(16).toUpperCase().padStart(2, '0');
    return {
      issues: [
        {
          location: decoded.location,
          path: '',
          message: `file is not valid UTF-8: byte 0x${byte} at offset ${decoded.offset}`,
          hint: 'save the file as UTF-8',
        },
      ],
    };
  }
  return parseYamlText(file, decoded.text);
}

export interface ParseOptions {
  /**
   * Try the fast path first (default). Off, every document goes through the full parser: the
   * equivalence tests compare the two.
   */
  fast?: boolean;
}

/** Parse YAML text; syntax errors, duplicate keys and alias bombs come back as located issues. */
export function parseYamlText(file: string, text: string, options: ParseOptions = {}): ParseResult {
  const fast = options.fast === false ? undefined : parseFastYaml(text);
  if (fast) {
    const at = locator(file, countLines(text));
    return { source: { file, data: fast.data, locate: locateWith(file, at, fast.offsetOf) }, issues: [] };
  }
  const tooDeep = nestingBeyond(text, MAX_NESTING);
  if (tooDeep !== undefined) {
    const location = locator(file, countLines(text))(tooDeep);
    return { issues: [{ location, path: '', message: 'the document is nested too deeply to read' }] };
  }
  const lines = new LineCounter();
  const at = locator(file, lines);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      stringKeys: true,
      // The parser's own check compares every key with every other (quadratic in a map of 10,000
      // plans); duplicateKeyIssues does the same job with a set per mapping.
      uniqueKeys: false,
    });
  } catch (error) {
    // The parser reports problems as document errors; a throw means input it cannot cope with at all.
    return { issues: [{ location: { file }, path: '', message: `cannot parse YAML: ${messageOf(error)}` }] };
  }
  const issues = syntaxIssues(doc, at);
  if (doc.errors.length > 0) return { issues };
  const duplicates = duplicateKeyIssues(doc, at);
  if (duplicates.length > 0) return { issues: [...issues, ...duplicates] };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { issues: [...issues, toJsIssue(doc, at, file, error)] };
  }
  issues.push(...numberIssues(doc, at));
  const locate = locateWith(file, at, (path, target) => offsetOf(doc, path, target));
  return { source: { file, data, locate }, issues };
}

/** `file:line:column` of an offset, through the parser's line index. */
function locator(file: string, lines: LineCounter): (offset: number) => SourceLocation {
  return (offset) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
}

/** A line index of the text, as the parser builds one while it reads. */
function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

/** A source's locate from its reader's offsets; a path nothing stands for points at the file's start. */
function locateWith(
  file: string,
  at: (offset: number) => SourceLocation,
  offsetOf: (path: DocPath, target: LocateTarget) => number | undefined,
): YamlSource['locate'] {
  return (path, target = 'value') => {
    const offset = offsetOf(path, target);
    return offset === undefined ? { file, line: 1, column: 1 } : at(offset);
  };
}

/**
 * How deep a document may nest. The parser recurses per level and overflows the stack from about
 * 785 levels; it reports that, but a later parse in the same process can then die in V8 ("RegExpCompiler
 * Allocation failed"). Config nests a handful of levels, so anything near this is refused unread.
 */
const MAX_NESTING = 256;

/**
 * The offset where the nesting first goes deeper than `limit`, or undefined. An estimate from the
 * text alone, erring deep: block levels by indentation and `- ` / `? ` / `: ` indicators, plus open
 * flow brackets (outside quotes and comments, and in block context only where a value can start).
 */
function nestingBeyond(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: string | undefined;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let i = start;
    while (text[i] === ' ') i++;
    if (quote === undefined && flow === 0 && i < end && text[i] !== '#') {
      while (indents.length > 0 && (indents.at(-1) as number) >= i - start) indents.pop();
      indents.push(i - start);
    }
    let compact = 0;
    // Where a scalar or collection can start: the line's content, after an indicator, a bracket or a
    // comma, and the spaces that follow. Quotes and brackets elsewhere are plain text.
    let valueStart = i;
    for (; i < end; i++) {
      const char = text[i] as string;
      if (quote !== undefined) {
        if (char === '\\' && quote === '"') i++;
        else if (char === quote) quote = undefined;
        continue;
      }
      if (char === ' ') {
        if (valueStart === i) valueStart = i + 1;
      } else if ((char === '"' || char === "'") && i === valueStart) quote = char;
      else if (char === '#' && (i === start || text[i - 1] === ' ')) break;
      else if ((char === '-' || char === '?' || char === ':') && (text[i + 1] === ' ' || i + 1 === end)) {
        if (flow === 0) compact++;
        valueStart = i + 1;
      } else if ((char === '[' || char === '{') && (flow > 0 || i === valueStart)) {
        flow++;
        valueStart = i + 1;
      } else if ((char === ']' || char === '}') && flow > 0) flow--;
      else if (char === ',' && flow > 0) valueStart = i + 1;
      if (indents.length + compact + flow > limit) return i;
    }
    start = end + 1;
  }
  return undefined;
}

/** Parser errors and warnings, each reported once. */
function syntaxIssues(doc: Document.Parsed, at: (offset: number) => SourceLocation): ConfigIssue[] {
  const issues = new Map<string, ConfigIssue>();
  const add = (issue: ConfigIssue) => issues.set(formatIssue(issue), issue);
  for (const error of doc.errors) {
    const hint = SYNTAX_HINTS[error.code];
    add({
      location: at(error.pos[0]),
      path: '',
      message: yamlErrorMessage(error.code, error.message),
      ...(hint && { hint }),
    });
  }
  for (const warning of doc.warnings) {
    add({ location: at(warning.pos[0]), path: '', message: warning.message });
  }
  return [...issues.values()];
}

/** Turning the document into data fails on alias bombs (by design) and nothing else we know of. */
function toJsIssue(
  doc: Document.Parsed,
  at: (offset: number) => SourceLocation,
  file: string,
  error: unknown,
): ConfigIssue {
  const alias = firstAliasOffset(doc);
  const location = alias === undefined ? { file } : at(alias);
  if (!/alias/i.test(messageOf(error))) {
    return { location, path: '', message: `cannot read YAML: ${messageOf(error)}` };
  }
  return {
    location,
    path: '',
    message: `aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions); refusing to load the file`,
    hint: 'write the values out instead of nesting `*alias` references',
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The usual cause of the parser errors people meet most. */
const SYNTAX_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'a value containing ": " must be in quotes',
  TAB_AS_INDENT: 'indent with spaces',
  MISSING_CHAR: 'a quote or bracket is not closed',
};

function yamlErrorMessage(code: string, message: string): string {
  // The parser catches its own stack overflow on absurdly deep nesting and reports it as an error.
  if (/call stack/i.test(message)) return 'the document is nested too deeply to read';
  if (code === 'NON_STRING_KEY') return 'keys must be plain text, not lists or mappings';
  if (code === 'MULTIPLE_DOCS') return 'the file holds more than one YAML document (`---`); use one per file';
  return `YAML syntax error: ${message}`;
}

interface Visited {
  node: unknown;
  path: PathSegment[];
  /** The key node when `node` is a mapping value. */
  key?: unknown;
}

/** Every node with its path, depth first and without recursion (deep documents cannot blow the stack). */
function* walk(doc: Document.Parsed): Generator<Visited> {
  const stack: Visited[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const current = stack.pop() as Visited;
    yield current;
    const { node, path } = current;
    const children: Visited[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '?';
        children.push({ node: pair.value, path: [...path, name], key: pair.key });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => children.push({ node: item, path: [...path, index] }));
    }
    stack.push(...children.reverse());
  }
}

/** A key that appears twice in one mapping, reported at its second appearance. */
function duplicateKeyIssues(doc: Document.Parsed, at: (offset: number) => SourceLocation): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { node, path } of walk(doc)) {
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      issues.push({
        location: at(startOf(pair.key) ?? 0),
        path: formatPath([...path, key]),
        message: `duplicate key \`${key}\`: it already appears earlier in the same mapping`,
      });
    }
  }
  return issues;
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  for (const { node } of walk(doc)) {
    if (isAlias(node)) return startOf(node);
  }
  return undefined;
}

/** Numbers must be finite and exactly what was written: money is never rounded on the way in. */
function numberIssues(doc: Document.Parsed, at: (offset: number) => SourceLocation): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { node, path } of walk(doc)) {
    if (!isScalar(node) || typeof node.value !== 'number') continue;
    const source = node.source ?? String(node.value);
    const location = at(startOf(node) ?? 0);
    if (!Number.isFinite(node.value)) {
      issues.push({ location, path: formatPath(path), message: `\`${source}\` is not a finite number` });
    } else if (!isExactNumberText(source, node.value)) {
      issues.push({
        location,
        path: formatPath(path),
        message: 'this number has more digits than can be read exactly and would be rounded',
        hint: 'write it in quotes, e.g. "12345678901234567.89", to keep it exact',
      });
    }
  }
  return issues;
}

function startOf(node: unknown): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as YamlNode).range;
  return range?.[0];
}

function isEmptyValue(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

/**
 * Walk `path` through the document. Where the path stops early (a missing key), the deepest node
 * reached stands in, which is the parent mapping a "missing key" message should point at.
 */
/** Each mapping's pairs by key, built on first use: locating every plan of a large file stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairIn(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      // The first occurrence wins, as in a linear search (duplicates are refused anyway).
      if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) {
        index.set(String(item.key.value), item);
      }
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

function offsetOf(doc: Document.Parsed, path: DocPath, target: LocateTarget): number | undefined {
  let node: unknown = doc.contents;
  // Key node that owns `node` (undefined for the root and for list items).
  let owner: unknown;
  let complete = true;
  for (const segment of path) {
    const container = isAlias(node) ? node.resolve(doc) : node;
    let next: unknown;
    let keyNode: unknown;
    if (isMap(container)) {
      const pair = pairIn(container, String(segment));
      keyNode = pair?.key;
      next = pair?.value;
      if (pair && (next === null || next === undefined)) {
        // `key:` with nothing after it: the key is all there is to point at.
        node = undefined;
        owner = keyNode;
        break;
      }
    } else if (isSeq(container) && typeof segment === 'number') {
      next = container.items[segment];
    }
    if (next === null || next === undefined) {
      complete = false;
      break;
    }
    node = next;
    owner = keyNode;
  }
  // Collections and empty values read best at their key; so does anything when the path stopped early.
  const atKey =
    !complete || target !== 'value' || isEmptyValue(node) || isMap(node) || isSeq(node) || node === undefined;
  return (atKey ? startOf(owner) : undefined) ?? startOf(node) ?? startOf(owner);
}
