// How values read in plan output: amounts with their currency's minor units and the price move,
// strings quoted, absent shown as (none).

import { minorUnits } from '../core/currencies.js';
import { formatAmount } from '../core/money.js';
import type { FieldChange } from '../core/model.js';
import { isMoney, type Value } from '../core/value.js';
import { visibleText, withVisibleText } from '../core/visible-text.js';

/** A field change's values, which formatValue and the text diff escape themselves. */
const CHANGE_VALUES: ReadonlySet<string> = new Set(['before', 'after']);

/**
 * The plan (or drift report) with every string a renderer prints made visible: control and
 * bidirectional characters, which the loader refuses in YAML but a provider may return in live data,
 * are written as escapes (`\u202E`), so no name displays other than it reads.
 */
export function visibleForReview<T>(plan: T): T {
  return withVisibleText(plan, CHANGE_VALUES);
}

export function formatValue(value: Value | undefined, currency?: string): string {
  if (value === undefined || value === null) return '(none)';
  if (isMoney(value))
    return visibleText(formatAmount(value.amount, value.currency, minorUnits(value.currency)));
  if (currency !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    // Codes are shown as ISO writes them, whatever case the provider uses (Stripe's `usd`).
    const code = currency.toUpperCase();
    return visibleText(formatAmount(String(value), code, minorUnits(code)));
  }
  // JSON escapes C0 controls; visibleText the rest (bidirectional controls, C1, DEL).
  if (typeof value === 'string') return visibleText(JSON.stringify(value));
  if (typeof value === 'object') return visibleText(JSON.stringify(value));
  return String(value);
}

/** `29.99 USD → 34.99 USD (+16.7%)`, or just the new value for a create. */
export function formatChange(change: FieldChange, create = false): string {
  const after = formatValue(change.after, change.currency);
  if (create) return after;
  const percent = change.percent === undefined ? '' : ` (${change.percent > 0 ? '+' : ''}${change.percent}%)`;
  return `${formatValue(change.before, change.currency)} → ${after}${percent}`;
}

/** Long text is diffed rather than shown twice. */
export function isLongText(change: FieldChange): boolean {
  return (
    typeof change.before === 'string' &&
    typeof change.after === 'string' &&
    (change.before.length > 40 || change.after.length > 40 || change.before.includes('\n'))
  );
}
