// Field comparison by type: decimals and money exactly, JSON structurally, absent as the default.

import { canonicalDecimal, percentChange } from './money.js';
import type { FieldRule } from './contract.js';
import { canonicalJson, isMoney, jsonEqual, type Value } from './value.js';

/** The value a field effectively has: absent means the provider default. */
export function effective(rule: FieldRule, value: Value | undefined): Value | undefined {
  return value === undefined || value === null ? rule.default : value;
}

/** Normal form used for equality: canonical decimals, canonical money, sorted-key JSON. */
function normalise(rule: FieldRule, value: Value | undefined): string | undefined {
  const v = effective(rule, value);
  if (v === undefined || v === null) return undefined;
  switch (rule.type) {
    case 'decimal':
      return canonicalDecimal(v) ?? canonicalJson(v);
    case 'money':
      return isMoney(v) ? `${canonicalDecimal(v.amount) ?? v.amount} ${v.currency}` : canonicalJson(v);
    case 'integer':
      return typeof v === 'string' && /^-?\d+$/.test(v) ? String(Number(v)) : canonicalJson(v);
    default:
      return canonicalJson(v);
  }
}

export function fieldsEqual(rule: FieldRule, a: Value | undefined, b: Value | undefined): boolean {
  // The same value (a primitive, or one object) has one normal form: skip building it.
  if (a === b) return true;
  switch (rule.type) {
    case 'decimal':
    case 'money':
    case 'integer':
      return normalise(rule, a) === normalise(rule, b);
    default: {
      // The same answer as comparing canonical JSON, without building it: the planner's hot path.
      const x = effective(rule, a);
      const y = effective(rule, b);
      return x === undefined || x === null ? y === undefined || y === null : jsonEqual(x, y ?? null);
    }
  }
}

/** Price move in percent for amount fields, when both sides have an amount in the same currency. */
export function pricePercent(rule: FieldRule, before: Value | undefined, after: Value | undefined) {
  if (rule.type === 'decimal') return percentChange(before, after);
  if (rule.type === 'money' && isMoney(before) && isMoney(after) && before.currency === after.currency) {
    return percentChange(before.amount, after.amount);
  }
  return undefined;
}

/**
 * One string for several fields' values: two attribute sets have the same signature exactly when
 * fieldsEqual holds on every one of the rules. For indexing (rename hints, duplicate checks).
 */
export function signatureOf(
  rules: readonly FieldRule[],
  attrs: Readonly<Record<string, Value | undefined>>,
): string {
  return JSON.stringify(rules.map((rule) => normalise(rule, attrs[rule.path]) ?? null));
}
