// Counting a plan's actions, shared by every renderer and the CLI's exit codes.

import type { Plan, PlanSummary } from '../core/model.js';

export function summarise(plan: Plan): PlanSummary {
  const summary: PlanSummary = {
    create: 0,
    update: 0,
    replace: 0,
    retire: 0,
    blocked: 0,
    noop: 0,
    unmanaged: 0,
  };
  for (const connection of plan.connections) {
    summary.unmanaged += connection.unmanaged.length;
    for (const item of connection.items) {
      if (item.action === 'no-op') summary.noop++;
      else summary[item.action]++;
    }
  }
  return summary;
}

export function isBlocked(plan: Plan): boolean {
  return plan.connections.some((c) => c.blockers.length > 0 || c.items.some((i) => i.action === 'blocked'));
}

export function summaryLine(summary: PlanSummary): string {
  const parts = [
    `${summary.create} to create`,
    `${summary.update} to update`,
    `${summary.replace} to replace`,
    `${summary.retire} to retire`,
  ];
  if (summary.blocked > 0) parts.push(`${summary.blocked} blocked`);
  return `${parts.join(', ')}; ${summary.noop} unchanged, ${summary.unmanaged} unmanaged.`;
}

export const IMPACT_LABEL = {
  cosmetic: 'cosmetic',
  'new-subscribers': 'new subscribers only',
  'existing-subscribers': 'existing subscribers',
  irreversible: 'irreversible',
} as const;
