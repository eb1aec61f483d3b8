// Reading one config file as YAML, so every later step can point at `file:line:column` for any path.
// The usual config style is read through js-yaml's events (yaml-events.ts, several times faster on
// large files); everything else, and the wording of every problem, through the `yaml` package. It
// refuses the inputs that would make a config loader crash, hang or round money: syntax errors,
// duplicate keys, alias bombs, documents beyond the size limits of yaml-nesting.ts (depth, entries
// per mapping or list, alias references: checked before any data is built), bad UTF-8, numbers
// written in hex or octal or that a float cannot hold exactly, and text that would display other than
// it reads (refused-text.ts).

import { Composer, LineCounter, Parser, YAMLParseError } from 'yaml';
import type { CST, Document } from 'yaml';
import { formatIssue } from '../errors.js';
import type { ConfigIssue, SourceLocation } from '../errors.js';
import { formatPath } from './paths.js';
import type { DocPath } from './paths.js';
import { decodeUtf8 } from './utf8.js';
import { refusedTextIssues } from './refused-text.js';
import { breachWords, cstLimitBreach, MAX_NESTING } from './yaml-nesting.js';
import type { LimitBreach } from './yaml-nesting.js';
import { readWithEvents, scanEvents } from './yaml-events.js';
import { documentPlaces } from './yaml-places.js';
import type { DocumentPlaces, LocateTarget } from './yaml-places.js';

export { MAX_NESTING } from './yaml-nesting.js';
export type { LocateTarget } from './yaml-places.js';

/**
 * How many nodes alias expansions may add to the data (the `yaml` package's `maxAliasCount`): a
 * handful of aliases that each stand for a mapping of a few keys is fine, a billion laughs is not.
 */
const MAX_ALIAS_EXPANSION = 100;

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

/** Options for the composer: what `parseDocument` would get, minus work the loader does better. */
const COMPOSE_OPTIONS = {
  stringKeys: true,
  // The composer's own check compares every key with every other (quadratic in a map of 10,000
  // plans); documentPlaces does the same job with an index per large mapping.
  uniqueKeys: false,
} as const;

/** Parse YAML text; syntax errors, duplicate keys and alias bombs come back as located issues. */
export function parseYamlText(file: string, text: string): ParseResult {
  // The limits first, on js-yaml's events (fast); text js-yaml cannot read is checked by parseWithYaml.
  const scanned = scanEvents(text);
  if (scanned?.breach) return { issues: [breachIssue(scanned.breach, locator(file, countLines(text)))] };
  // js-yaml answers only for documents the `yaml` package reads without an issue, to the same data.
  const read = scanned && readWithEvents(text, MAX_NESTING, scanned.events);
  if (read) {
    const at = locator(file, countLines(text));
    const source = { file, data: read.data, locate: locateWith(file, at, read.offsetOf) };
    return { source, issues: capIssues(file, refusedTextIssues(source)) };
  }
  return parseWithYaml(file, text);
}

function breachIssue(breach: LimitBreach, at: (offset: number) => SourceLocation): ConfigIssue {
  return { location: at(breach.offset), path: '', ...breachWords(breach) };
}

/** The `yaml` package alone: reads every document and words every problem (parseYamlText tries js-yaml first). */
export function parseWithYaml(file: string, text: string): ParseResult {
  // One line index for the whole file, filled by the parser as it reads.
  const lines = new LineCounter();
  const at = locator(file, lines);
  let composed: Document.Parsed | LimitBreach;
  try {
    composed = compose(text, lines);
  } catch (error) {
    // The parser reports problems as document errors; a throw means input it cannot cope with at all.
    return { issues: [{ location: { file }, path: '', message: `cannot parse YAML: ${messageOf(error)}` }] };
  }
  if ('limit' in composed) return { issues: [breachIssue(composed, at)] };
  const doc = composed;
  const issues = syntaxIssues(doc, at);
  if (doc.errors.length > 0) return { issues: capIssues(file, issues) };
  const places = documentPlaces(doc);
  if (places.duplicates.length > 0)
    return { issues: capIssues(file, issues.concat(duplicateKeyIssues(places, at))) };
  if (places.undefinedAliases.length > 0) {
    return { issues: capIssues(file, issues.concat(undefinedAliasIssues(places, at))) };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    return { issues: [...issues, toJsIssue(places, at, file, error)] };
  }
  // The document is not kept: the places answer every later locate.
  const source = { file, data, locate: locateWith(file, at, places.offsetOf) };
  return {
    source,
    issues: capIssues(file, issues.concat(numberIssues(places, at), refusedTextIssues(source))),
  };
}

/**
 * The most problems one file reports. A file can hold hundreds of thousands of refused numbers or
 * characters; past this many, the first ones say enough, and the lists stay small enough to handle.
 */
const MAX_ISSUES_PER_FILE = 1_000;

/** The first MAX_ISSUES_PER_FILE issues, and one more saying how many were left out. */
export function capIssues(file: string, issues: ConfigIssue[]): ConfigIssue[] {
  if (issues.length <= MAX_ISSUES_PER_FILE) return issues;
  const kept = issues.slice(0, MAX_ISSUES_PER_FILE);
  const more = issues.length - MAX_ISSUES_PER_FILE;
  kept.push({
    location: { file },
    path: '',
    message: `${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} in this file, not listed`,
    hint: `plansync lists the first ${MAX_ISSUES_PER_FILE.toLocaleString('en-US')} of a file; fix those and run again`,
  });
  return kept;
}

/** A source's locate from the offsets of its places; a path nothing stands for points at the file's start. */
function locateWith(
  file: string,
  at: (offset: number) => SourceLocation,
  offsetOf: DocumentPlaces['offsetOf'],
): YamlSource['locate'] {
  return (path, target = 'value') => {
    const offset = offsetOf(path, target);
    return offset === undefined ? { file, line: 1, column: 1 } : at(offset);
  };
}

/** A line index of the text, as the `yaml` parser builds one while it reads. */
function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

/**
 * What `parseDocument` does, in its two steps: parse to a syntax tree, then compose the document.
 * Between them the tree is checked against the limits (yaml-nesting.ts), and the first breach comes
 * back instead of a document. A second document is an error, as with `parseDocument`.
 */
function compose(text: string, lines: LineCounter): Document.Parsed | LimitBreach {
  const tokens = parseTokens(text, lines);
  const breach = cstLimitBreach(tokens);
  if (breach) return breach;
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)) {
    if (doc === undefined) {
      doc = next;
      continue;
    }
    const [start, end] = next.range;
    doc.errors.push(new YAMLParseError([start, end], 'MULTIPLE_DOCS', 'more than one document'));
    break;
  }
  // compose() always ends with a document, an empty one for empty text.
  return doc as Document.Parsed;
}

/**
 * The syntax tree of `text`. The parser looks up `process.env.LOG_TOKENS` (its debug switch) once per
 * token, and each lookup of `process.env` calls into the operating system's environment: 1.6 million
 * lookups, about a fifth of the parse, for 10,000 plans. The parse is synchronous, so for its
 * duration `process.env` is a plain object without that switch, and the real one is back before any
 * other code runs.
 */
function parseTokens(text: string, lines: LineCounter): CST.Token[] {
  const env = process.env;
  process.env = {};
  try {
    return Array.from(new Parser(lines.addNewLine).parse(text));
  } finally {
    process.env = env;
  }
}

/** `file:line:column` of an offset, through the parser's line index. */
function locator(file: string, lines: LineCounter): (offset: number) => SourceLocation {
  return (offset) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
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
  places: DocumentPlaces,
  at: (offset: number) => SourceLocation,
  file: string,
  error: unknown,
): ConfigIssue {
  const location = places.firstAlias === undefined ? { file } : at(places.firstAlias);
  if (!/alias/i.test(messageOf(error))) {
    return { location, path: '', message: `cannot read YAML: ${messageOf(error)}` };
  }
  return {
    location,
    path: '',
    message: `aliases expand too much (they would add more than ${MAX_ALIAS_EXPANSION} nodes); refusing to load the file`,
    hint: 'write the values out instead of nesting `*alias` references',
  };
}

/** An alias must come after an anchor of its name (`&name`): the first one that does not is reported. */
function undefinedAliasIssues(places: DocumentPlaces, at: (offset: number) => SourceLocation): ConfigIssue[] {
  return places.undefinedAliases.map(({ name, start }) => ({
    location: at(start),
    path: '',
    message: `alias \`*${name}\` is not defined: no anchor \`&${name}\` comes before it`,
    hint: `mark the value it stands for with \`&${name}\` above this line, or write the value out`,
  }));
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
  if (code === 'NON_STRING_KEY') return 'keys must be plain text, not lists or mappings';
  if (code === 'MULTIPLE_DOCS') return 'the file holds more than one YAML document (`---`); use one per file';
  return `YAML syntax error: ${message}`;
}

/** A key that appears twice in one mapping, reported at its second appearance. */
function duplicateKeyIssues(places: DocumentPlaces, at: (offset: number) => SourceLocation): ConfigIssue[] {
  return places.duplicates.map(({ path, key, start }) => ({
    location: at(start),
    path: formatPath(path),
    message: `duplicate key \`${key}\`: it already appears earlier in the same mapping`,
  }));
}

/**
 * Numbers must be decimal, finite and exactly what was written: money is never rounded on the way in,
 * and a `0x10` is more likely a mistake than a wish for 16.
 */
function numberIssues(places: DocumentPlaces, at: (offset: number) => SourceLocation): ConfigIssue[] {
  return places.inexactNumbers.map(({ path, source, problem, value, start }) => {
    const where = { location: at(start), path: formatPath(path) };
    switch (problem) {
      case 'radix':
        return {
          ...where,
          message: `\`${source}\` is ${/0o/i.test(source) ? 'an octal' : 'a hexadecimal'} number; plansync reads numbers in decimal only`,
          hint: Number.isSafeInteger(value) ? `write it as a decimal: ${value}` : 'write it as a decimal',
        };
      case 'range':
        return {
          ...where,
          message: `\`${source}\` is out of range: too large to be a number (it would read as infinity)`,
        };
      case 'special':
        return { ...where, message: `\`${source}\` is not a finite number` };
      case 'inexact':
        return {
          ...where,
          message: 'this number has more digits than can be read exactly and would be rounded',
          hint: 'write it in quotes, e.g. "12345678901234567.89", to keep it exact',
        };
    }
  });
}
