// Characters that make text display other than it reads, and how to show them instead. Shared by the
// config loader, which refuses them in YAML (src/config/refused-text.ts), and the plan renderers, which
// escape them in whatever they print, live values from a provider included (src/render): a plan name
// holding U+202E (right-to-left override) would otherwise show reversed in the terminal diff and the
// Markdown PR comment, and a reviewer would approve a different name from the one applied.

/**
 * C0 controls but tab and line feed, DEL, C1 controls, the bidirectional controls (U+061C ARABIC
 * LETTER MARK, U+200E/U+200F marks, U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates)
 * and the Unicode line and paragraph separators.
 */
export const REFUSED_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const REFUSED_GLOBAL = new RegExp(REFUSED_CHARACTER.source, 'g');

/** `\u202E`: a code point as a JavaScript-style escape, upper-case hex. */
export function escapeCodePoint(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every character of REFUSED_CHARACTER written as its escape (`a\u202Eb`). */
export function visibleText(text: string): string {
  return REFUSED_CHARACTER.test(text)
    ? text.replace(REFUSED_GLOBAL, (char) => escapeCodePoint(char.charCodeAt(0)))
    : text;
}

/**
 * A copy of `value` (plain data: objects, arrays, scalars) with every string made visible, but the
 * properties named in `keep`, left as they are for a renderer that escapes them itself (a field
 * change's `before` and `after`, which are quoted and diffed).
 */
export function withVisibleText<T>(value: T, keep: ReadonlySet<string> = new Set()): T {
  return visibleCopy(value, keep) as T;
}

function visibleCopy(value: unknown, keep: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return visibleText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => visibleCopy(item, keep));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, visibleText(key), {
      value: keep.has(key) ? item : visibleCopy(item, keep),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
