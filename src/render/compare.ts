// The compare view: per connection, headed with both environments, each declared plan that is not
// the same in both (live in one only, differing fields, pending in one only), and a count of the
// rest. Values read as in plan output (amounts with their currency's minor units).

import type { EnvironmentComparison, PlanComparison } from '../core/environment-diff.js';
import { withVisibleText } from '../core/visible-text.js';
import { formatValue } from './values.js';

/** The JSON document `compare --format json` prints (schemas/compare.v1.schema.json). */
export function compareDocument(comparison: EnvironmentComparison): Record<string, unknown> {
  return {
    format: 'plansync-compare',
    formatVersion: 1,
    environments: comparison.environments,
    differences: comparison.differences,
    summary: comparison.summary,
    connections: comparison.connections,
  };
}

/** A field difference's values, which formatValue escapes itself. */
const FIELD_VALUES: ReadonlySet<string> = new Set(['a', 'b']);

export function renderCompare(comparison: EnvironmentComparison): string {
  const { a, b } = withVisibleText(comparison.environments);
  const name = { a, b };
  const out: string[] = [];
  for (const connection of comparison.connections) {
    const plans = connection.plans.map((plan) => ({
      ...withVisibleText({ ...plan, fields: [] }),
      fields: plan.fields.map((field) => withVisibleText(field, FIELD_VALUES)),
    }));
    out.push(`${withVisibleText(connection.connection)} (${connection.provider}): ${a} vs ${b}`);
    const listed = plans.filter((plan) => plan.different || plan.status === 'in-neither');
    for (const plan of listed) out.push(...planLines(plan, name));
    const same = plans.length - listed.length;
    if (listed.length === 0) {
      out.push(`  the same in both: ${plans.length} plan${plans.length === 1 ? '' : 's'}`);
    } else if (same > 0) {
      out.push(`  ${same} other plan${same === 1 ? '' : 's'} the same in both`);
    }
    out.push('');
  }
  const s = comparison.summary;
  out.push(
    comparison.differences
      ? `${a} and ${b} differ: ${s.different} of ${s.plans} declared plan(s) (${s.onlyIn} live in one environment only, ${s.differs} with differing fields, ${s.rehearsed} rehearsed in ${a} and not yet promoted to ${b}).`
      : `No differences: ${a} and ${b} hold the same ${s.plans - s.inNeither} declared plan(s), beyond ids and environment-bound values.`,
  );
  return `${out.join('\n')}\n`;
}

function planLines(plan: PlanComparison, name: { a: string; b: string }): string[] {
  const ids = (['a', 'b'] as const)
    .filter((side) => plan[side].id !== undefined)
    .map((side) => `${name[side]} plan ${plan[side].id}`)
    .join(', ');
  const head = `  ${plan.key}: ${statusWords(plan, name)}${ids ? ` (${ids})` : ''}`;
  const lines = [head];
  for (const field of plan.fields) {
    lines.push(
      `    ${field.path}: ${name.a} ${formatValue(field.a, field.currency)}, ${name.b} ${formatValue(field.b, field.currency)}`,
    );
  }
  const pending = pendingWords(plan, name);
  if (pending) lines.push(`    ${pending}`);
  return lines;
}

function statusWords(plan: PlanComparison, name: { a: string; b: string }): string {
  switch (plan.status) {
    case 'only-in':
      return `only in ${name[plan.onlyIn ?? 'a']}`;
    case 'differs':
      return `differs in ${plan.fields.length} field${plan.fields.length === 1 ? '' : 's'}`;
    case 'same':
      return 'same live values';
    case 'in-neither':
      return 'live in neither';
  }
}

function pendingWords(plan: PlanComparison, name: { a: string; b: string }): string | undefined {
  if (plan.rehearsed) return `rehearsed in ${name.a}, not yet promoted: ${name.b} has pending changes`;
  if (plan.a.pending && plan.b.pending)
    return `both have pending changes (${name.a}: ${plan.a.action}, ${name.b}: ${plan.b.action})`;
  if (plan.a.pending) return `${name.a} has pending changes (${plan.a.action}), ${name.b} holds the YAML`;
  return undefined;
}
