// Text a config file may not hold: characters that make text display other than it reads. A plan name
// with U+202E (right-to-left override) shows reversed in the terminal diff and in the Markdown PR
// comment, so a reviewer approves a different name from the one applied; NUL and other control
// characters are cut, hidden or acted on by terminals and by provider APIs. None has a use in config,
// so they are refused at load, located, with the character written as an escape (`\u202E`).
//
// - Refused everywhere (keys and values): C0 controls but tab and line feed, DEL, C1 controls,
//   Unicode line and paragraph separators, and the bidirectional controls (U+061C, U+200E, U+200F,
//   U+202A–U+202E, U+2066–U+2069).
// - Tab and line feed: only in a `description` value (PayPal and MPS plans have one, and a long one
//   may be written over several lines); in every other value and in every key they are refused too.
//
// The plan renderers escape the same characters in what they print (src/core/visible-text.ts), so live
// values a provider returns cannot spoof a reviewer either.

import type { ConfigIssue, SourceLocation } from '../errors.js';
import { escapeCodePoint, REFUSED_CHARACTER } from '../core/visible-text.js';
import { formatPath } from './paths.js';
import type { DocPath } from './paths.js';

/** A parsed file's data and where its paths are (a YamlSource, named here without importing it). */
interface Parsed {
  data: unknown;
  locate(path: DocPath, target: 'key' | 'value'): SourceLocation;
}

/** Keys whose values may run over several lines, with tabs. */
const MULTI_LINE_KEYS: ReadonlySet<string> = new Set(['description']);

const LINE_BREAK_OR_TAB = /[\t\n]/;

/** Names for the characters people meet, so the message says more than a code point. */
const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x1b: 'ESC (terminal escape sequences)',
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
};

/** The first refused character of `text` (tab and line feed only when `multiLine` is false), or undefined. */
function refusedCharacter(text: string, multiLine: boolean): string | undefined {
  const match = REFUSED_CHARACTER.exec(text);
  if (match) return match[0];
  return multiLine ? undefined : LINE_BREAK_OR_TAB.exec(text)?.[0];
}

function characterWords(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const name = NAMES[code];
  const kind =
    code === 0x09 || code === 0x0a
      ? 'whitespace'
      : code === 0x2028 || code === 0x2029
        ? 'a line break most tools do not show'
        : code >= 0x0600
          ? 'an invisible bidirectional control'
          : 'a control character';
  return `\`${escapeCodePoint(code)}\` (${name ? `${name}, ` : ''}${kind})`;
}

/** A value met in the walk; its path is built only when it holds a refused character. */
interface Visit {
  value: unknown;
  parent: Visit | undefined;
  segment: string | number;
}

function pathOf(visit: Visit): DocPath {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.segment);
  return path.reverse();
}

/** Every key and text value of the document holding a refused character, each located. */
export function refusedTextIssues(source: Parsed): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<object>();
  const refuse = (path: DocPath, target: 'key' | 'value', char: string, what: string) => {
    const multiLineHint =
      char === '\n' || char === '\t' ? '; only a `description` may run over several lines' : '';
    issues.push({
      location: source.locate(path, target),
      path: formatPath(path),
      message: `${what} contains ${characterWords(char)}; refusing it, since the text would display differently from what it holds${multiLineHint}`,
      hint: 'remove the character; retype the text if you cannot see it',
    });
  };
  const stack: Visit[] = [{ value: source.data, parent: undefined, segment: '' }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { value } = visit;
    if (typeof value === 'string') {
      const last = visit.parent ? visit.segment : undefined;
      const char = refusedCharacter(value, typeof last === 'string' && MULTI_LINE_KEYS.has(last));
      if (char !== undefined) refuse(pathOf(visit), 'value', char, 'the text');
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i] as unknown, parent: visit, segment: i });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const child: Visit = { value: (value as Record<string, unknown>)[key], parent: visit, segment: key };
      const char = refusedCharacter(key, false);
      if (char !== undefined) refuse(pathOf(child), 'key', char, 'the key');
      stack.push(child);
    }
  }
  return issues;
}
