// How values read in plan output: amounts with their currency's minor units and the price move,
// strings quoted, absent shown as (none).

import { minorUnits } from '../core/currencies.js';
import { formatAmount } from '../core/money.js';
import type { FieldChange } from '../core/model.js';
import { isMoney, type Value } from '../core/value.js';

export function formatValue(value: Value | undefined, currency?: string): string {
  if (value === undefined || value === null) return '(none)';
  if (isMoney(value)) return formatAmount(value.amount, value.currency, minorUnits(value.currency));
  if (currency !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    return formatAmount(String(value), currency, minorUnits(currency));
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return JSON.stringify(value);
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
