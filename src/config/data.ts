// Safe reads of parsed YAML data, which may hold anything (including keys like `__proto__`).

export type Data = Record<string, unknown>;

export function isMapping(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own entry only: a key named like an Object.prototype member is never inherited. */
export function entry(data: Data, key: string): unknown {
  return Object.hasOwn(data, key) ? data[key] : undefined;
}
