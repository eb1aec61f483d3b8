// Field values as plansync compares them: JSON-like data, with money kept as exact decimal strings.

export interface Money {
  amount: string;
  currency: string;
}

export type Value = string | number | boolean | null | Money | Value[] | { [key: string]: Value };

/** A plan's comparable attributes, keyed by the contract's field paths. Absent = not set. */
export type Attrs = Record<string, Value | undefined>;

export function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 2 &&
    typeof (value as Money).amount === 'string' &&
    typeof (value as Money).currency === 'string'
  );
}

/** JSON with object keys sorted, so equal data always serialises to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) out[key] = sortKeys(inner);
    }
    return out;
  }
  return value;
}
