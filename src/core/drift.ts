// Drift: where the live plans differ from the YAML, seen from the plan, field by field, and classed by
// what can be done about each difference. Pure: it reads a Plan and returns data.

import type { Plan, PlanItem } from './model.js';
import type { Value } from './value.js';

type DriftClass =
  /**
   * Live and YAML differ and apply would set the live field to the YAML value. Which side changed
   * (an unapplied YAML edit, a dashboard edit) plansync cannot know, so it says neither. The name
   * stays `revert` in the JSON for compatibility.
   */
  | 'revert'
  /** The API cannot change this field on this plan: apply replaces the plan (if opted in) or is blocked. */
  | 'cannot-change'
  /** The provider manages or ignores the field once set (e.g. Constant Contact's billing day): left as is. */
  | 'provider-managed';

interface DriftedField {
  connection: string;
  key: string;
  id: string;
  path: string;
  live?: Value;
  yaml?: Value;
  /** The currency of a decimal amount, for rendering. */
  currency?: string;
  class: DriftClass;
  /** What happens about it, in words. */
  action: string;
}

export interface DriftReport {
  fields: DriftedField[];
  /** Declared in YAML, missing at the provider (`connection/key`). */
  missing: string[];
  /** At the provider, declared nowhere (`connection: id`), whether or not pruning retires them. */
  unmanaged: string[];
}

export function driftOf(plan: Plan): DriftReport {
  const report: DriftReport = { fields: [], missing: [], unmanaged: [] };
  for (const connection of plan.connections) {
    for (const item of connection.items) {
      if (item.action === 'create') {
        report.missing.push(`${connection.connection}/${item.key}`);
        continue;
      }
      if (item.action === 'retire') {
        report.unmanaged.push(`${connection.connection}: ${item.id ?? item.key}`);
        continue;
      }
      if (item.id === undefined) continue;
      report.fields.push(...fieldsOf(connection.connection, item, item.id));
    }
    for (const id of connection.unmanaged) report.unmanaged.push(`${connection.connection}: ${id}`);
  }
  return report;
}

function fieldsOf(connection: string, item: PlanItem, id: string): DriftedField[] {
  const out: DriftedField[] = [];
  const at = { connection, key: item.key, id };
  for (const change of item.changes) {
    const values = {
      ...(change.before === undefined ? {} : { live: change.before }),
      ...(change.after === undefined ? {} : { yaml: change.after }),
      ...(change.currency === undefined ? {} : { currency: change.currency }),
    };
    if (change.via === 'replace' || change.via === 'blocked' || item.action === 'blocked') {
      const blocker = item.blockers.find((b) => b.path === change.path) ?? item.blockers[0];
      out.push({
        ...at,
        path: change.path,
        ...values,
        class: 'cannot-change',
        action:
          item.action === 'replace'
            ? 'apply would replace the plan (lifecycle.replace)'
            : `blocked: ${blocker?.wayOut ?? 'change the YAML back, or change the field at the provider'}`,
      });
    } else {
      out.push({
        ...at,
        path: change.path,
        ...values,
        class: 'revert',
        action: 'apply would set it to the YAML value',
      });
    }
  }
  for (const drift of item.drift ?? []) {
    out.push({
      ...at,
      path: drift.path,
      ...(drift.before === undefined ? {} : { live: drift.before }),
      ...(drift.after === undefined ? {} : { yaml: drift.after }),
      class: 'provider-managed',
      action: `left as is: ${drift.reason}`,
    });
  }
  return out;
}

export function hasDrift(report: DriftReport): boolean {
  return report.fields.length > 0 || report.missing.length > 0 || report.unmanaged.length > 0;
}
