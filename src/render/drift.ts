// The drift view: each drifted field with its live and YAML values and what apply would do about it.
// It states the difference, never who made it: an unapplied YAML edit and a dashboard edit look the same.

import type { DriftReport } from '../core/drift.js';
import { withVisibleText } from '../core/visible-text.js';
import { formatValue } from './values.js';

const DRIFT_VALUES: ReadonlySet<string> = new Set(['live', 'yaml']);

/** The line under a field: what apply would do, prefixed where apply cannot simply set it. */
function consequence(field: DriftReport['fields'][number]): string {
  if (field.class === 'revert') return `apply would set it to ${formatValue(field.yaml, field.currency)}`;
  if (field.class === 'cannot-change') return `the API cannot change it: ${field.action}`;
  return `provider-managed: ${field.action}`;
}

export function renderDrift(report: DriftReport): string {
  // `live` and `yaml` go through formatValue, which escapes them.
  const { fields, missing, unmanaged } = withVisibleText(report, DRIFT_VALUES);
  if (fields.length === 0 && missing.length === 0 && unmanaged.length === 0) {
    return 'No drift: the live plans match the YAML.\n';
  }
  const plans = new Set(fields.map((f) => `${f.connection}/${f.key}`)).size;
  const out = [
    `Drift: ${fields.length} field(s) on ${plans} plan(s) differ from the YAML; ${missing.length} declared plan(s) missing, ${unmanaged.length} live plan(s) not declared.`,
    '',
  ];
  let current = '';
  for (const field of fields) {
    const plan = `${field.connection}/${field.key} (plan ${field.id})`;
    if (plan !== current) {
      if (current) out.push('');
      out.push(plan);
      current = plan;
    }
    out.push(
      `  ${field.path}: live has ${formatValue(field.live, field.currency)}, the YAML declares ${formatValue(field.yaml, field.currency)}`,
      `    ${consequence(field)}`,
    );
  }
  if (missing.length > 0) out.push('', `Missing at the provider (apply creates them): ${missing.join(', ')}`);
  if (unmanaged.length > 0) out.push('', `Live, declared in no YAML: ${unmanaged.join(', ')}`);
  return `${out.join('\n')}\n`;
}
