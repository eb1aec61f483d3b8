// Safety gates: limits on how much one apply may change. Tripping one blocks the connection's plan
// unless the run is forced, so a typo that reprices every plan never reaches subscribers unreviewed.

import type { Blocker, ConnectionPlan } from './model.js';

export interface SafetyLimits {
  /** Largest share (0..1) of existing live plans that one apply may update or replace. */
  maxChangeShare: number;
  /** Largest share (0..1) of existing live plans that one apply may retire. */
  maxRetireShare: number;
  /** Largest price move, up or down, in percent. */
  maxPriceChangePercent: number;
  /** The share gates apply only from this many live plans (small accounts change a lot at once). */
  minExisting: number;
}

/**
 * The gates `plan` trips. `shares: false` weighs only each price move: a shard's plan holds only its
 * own items and fingerprints, so the share gates, which weigh the whole connection, cannot be worked
 * out from it again (`apply FILE` then relies on making the plan again, which weighs them).
 */
export function checkSafety(
  plan: ConnectionPlan,
  limits: SafetyLimits,
  options: { shares?: boolean } = {},
): Blocker[] {
  const blockers: Blocker[] = [];
  const force = 'review the plan, then rerun with --force to accept it';

  for (const item of plan.items) {
    for (const change of item.changes) {
      if (change.percent === undefined) continue;
      if (Math.abs(change.percent) <= limits.maxPriceChangePercent) continue;
      blockers.push({
        path: `${item.key}.${change.path}`,
        reason: `price change of ${change.percent > 0 ? '+' : ''}${change.percent}% on \`${item.key}\` exceeds safety.max_price_change_percent (${limits.maxPriceChangePercent}%)`,
        wayOut: force,
      });
    }
  }

  if (options.shares === false) return blockers;
  const existing = Object.keys(plan.fingerprints).length;
  if (existing < limits.minExisting || existing === 0) return blockers;

  const changed = plan.items.filter((i) => i.action === 'update' || i.action === 'replace').length;
  const retired = plan.items.reduce((n, i) => n + i.retires.length, 0);
  if (changed / existing > limits.maxChangeShare) {
    blockers.push({
      reason: `${changed} of ${existing} live plans would change (${percent(changed / existing)}), more than safety.max_change_share (${percent(limits.maxChangeShare)})`,
      wayOut: force,
    });
  }
  if (retired / existing > limits.maxRetireShare) {
    blockers.push({
      reason: `${retired} of ${existing} live plans would be retired (${percent(retired / existing)}), more than safety.max_retire_share (${percent(limits.maxRetireShare)})`,
      wayOut: force,
    });
  }
  return blockers;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
