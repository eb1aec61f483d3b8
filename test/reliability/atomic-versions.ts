// The versions the atomic-write tests write: large enough to take many write calls (and a real
// fsync), and checkable whole: a version names its writer and number, so a reader can rebuild what
// it must be byte for byte and tell a whole version from a torn or mixed one.

const FILLER_BYTES = 1024 * 1024;

export function atomicVersion(writer: string, n: number): string {
  const line = `${writer} ${n} `.padEnd(64, '.');
  return `${writer} ${n}\n${line.repeat(FILLER_BYTES / line.length)}\nend of ${writer} ${n}\n`;
}

/** The writer and number of a whole version, or undefined when `text` is not exactly one. */
export function readVersion(text: string): { writer: string; n: number } | undefined {
  const match = /^(\S+) (\d+)\n/.exec(text);
  if (match === null) return undefined;
  const [, writer = '', n = ''] = match;
  return text === atomicVersion(writer, Number(n)) ? { writer, n: Number(n) } : undefined;
}
