// Pure mapping between J.P. Morgan MPS plans (YAML and wire share field names) and plansync's
// attributes, and from changes to a PATCH body that carries each pair whole.

import { canonicalDecimal } from '../../core/money.js';
import type { FieldChange } from '../../core/model.js';
import type { Attrs } from '../../core/value.js';
import { PAIRS } from './contract.js';

const TEXT = [
  'name',
  'description',
  'currencyIsoCode',
  'trialDurationUnit',
  'billingUnit',
  'merchantMetadata',
] as const;
const INTEGERS = ['trialDurationPeriod', 'billingOccurrence', 'billingCycles'] as const;

export function toAttrs(source: Record<string, unknown>): Attrs {
  const attrs: Attrs = {};
  for (const field of TEXT) {
    const value = source[field];
    if (typeof value === 'string' && value !== '') attrs[field] = value;
  }
  for (const field of INTEGERS) {
    const value = source[field];
    if (value !== undefined && value !== null) attrs[field] = Number(value);
  }
  if (source.recurrentAmount !== undefined)
    attrs.recurrentAmount = canonicalDecimal(source.recurrentAmount) ?? String(source.recurrentAmount);
  if (typeof source.prepaid === 'boolean') attrs.prepaid = source.prepaid;
  // Inferred: a trial of 0 is no trial. The seed document's own PATCH sample sends
  // `"trialDurationPeriod": 0` (with a unit) and the API answers it back; read as a trial, a YAML
  // without one would be a removal, which needs a new plan, for a plan that has no trial to remove.
  if (attrs.trialDurationPeriod === 0) {
    delete attrs.trialDurationPeriod;
    delete attrs.trialDurationUnit;
  }
  return attrs;
}

/** A number when it is exact as one (the API types the amount as a number), else the decimal text. */
function wire(field: string, value: unknown): unknown {
  if (field !== 'recurrentAmount') return value;
  const number = Number(value);
  return canonicalDecimal(number) === canonicalDecimal(value) ? number : value;
}

export function createBody(attrs: Attrs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(attrs))
    if (value !== undefined) body[field] = wire(field, value);
  return body;
}

/** Only the changed fields, but a pair whenever either half changes; dropped metadata is cleared. */
export function patchBody(changes: FieldChange[], desired: Attrs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const change of changes) {
    if (change.path === 'prepaid') continue;
    if (change.after === undefined && change.path === 'merchantMetadata') body.merchantMetadata = '';
    else if (change.after !== undefined) body[change.path] = wire(change.path, change.after);
    const pair = PAIRS.find((p) => p.includes(change.path));
    for (const partner of pair ?? []) {
      if (desired[partner] !== undefined) body[partner] = desired[partner];
    }
  }
  return body;
}

/** The API's timestamp format: `yyyy-MM-dd'T'HH:mm:ss.SS'Z'` (two fractional digits). */
export function apiTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 22)}Z`;
}
