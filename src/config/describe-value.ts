// Words for values and types in messages: "got `ACTIV`", "got a mapping", "expected an integer".

import { visibleText } from '../core/visible-text.js';

/** The most characters of a user's value any message quotes: room for the longest plan ids (53). */
const MAX_EXCERPT = 60;

/** Line breaks as their usual escapes; the characters REFUSED_CHARACTER names as `\u202E`. */
function escapeCharacter(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  return visibleText(character);
}

/**
 * At most MAX_EXCERPT characters of `text`, control characters escaped, `…` when cut: a pasted
 * paragraph (or a file's whole content) never floods the terminal or the CI log.
 */
export function excerpt(text: string): string {
  const characters = Array.from(text);
  const cut = characters.length > MAX_EXCERPT;
  const kept = cut ? characters.slice(0, MAX_EXCERPT - 1) : characters;
  return `${kept.map(escapeCharacter).join('')}${cut ? '…' : ''}`;
}

/** A short quoted rendering of a scalar (see excerpt). */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  return `\`${excerpt(text)}\``;
}

/** What kind of YAML value this is, in words a YAML author uses. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  return typeof value;
}

/**
 * "got `ACTIV`" for scalars, "got a mapping" for collections. With `redact`, the value itself is
 * never shown (it may be a secret pasted where a variable name belongs).
 */
export function found(value: unknown, redact = false): string {
  if (redact) return 'got something else (not shown, in case it is a secret)';
  if (value === null || value === undefined || typeof value === 'object') return `got ${kindOf(value)}`;
  return `got ${quote(value)}`;
}

/** As `found`, but also names the kind: for type errors, where `12` alone would not say it is a number. */
export function foundWithKind(value: unknown, redact = false): string {
  if (value === null || value === undefined || typeof value === 'object') return `got ${kindOf(value)}`;
  if (redact) return `got ${kindOf(value)} (not shown, in case it is a secret)`;
  return `got ${quote(value)} (${kindOf(value)})`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'an empty value',
};

/** `integer` → "a whole number"; `["string", "null"]` → "a string or an empty value". */
export function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((name) => TYPE_WORDS[String(name)] ?? String(name)).join(' or ');
}
