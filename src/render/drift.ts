// The drift view: each drifted field with its live and YAML values and what happens about it.

import type { DriftReport } from '../core/drift.js';
import { withVisibleText } from '../core/visible-text.js';
import { formatValue } from './values.js';

const DRIFT_VALUES: ReadonlySet<string> = new Set(['live', 'yaml']);

const CLASS_LABEL = {
  revert: 'dashboard edit',
  'cannot-change': 'API cannot change it',
  'provider-managed': 'provider-managed',
} as const;

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
      `  ${field.path}: live ${formatValue(field.live, field.currency)}, YAML ${formatValue(field.yaml, field.currency)}`,
      `    ${CLASS_LABEL[field.class]}: ${field.action}`,
    );
  }
  if (missing.length > 0) out.push('', `Missing at the provider (apply creates them): ${missing.join(', ')}`);
  if (unmanaged.length > 0) out.push('', `Live, declared in no YAML: ${unmanaged.join(', ')}`);
  return `${out.join('\n')}\n`;
}
