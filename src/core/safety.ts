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
  options: {
    shares?: boolean;
    /**
     * The connection's declared plan count, when the read was partial (`--target`,
     * `--changed-since`): the live plans read are then only the targeted ones, too few to weigh a
     * share against, so the share gates weigh against the declared count instead, and say so.
     */
    declared?: number;
  } = {},
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
  const read = Object.keys(plan.fingerprints).length;
  // Plans about to be created are declared but not live: they do not count as existing.
  const creates = plan.items.filter((item) => item.action === 'create').length;
  const partial = options.declared !== undefined;
  const existing = partial ? Math.max(read, (options.declared ?? 0) - creates) : read;
  if (existing < limits.minExisting || existing === 0) return blockers;
  const counted = partial
    ? ` (counted as the connection's declared plans: this run read only the ${read} it targets)`
    : '';

  const changed = plan.items.filter((i) => i.action === 'update' || i.action === 'replace').length;
  const retired = plan.items.reduce((n, i) => n + i.retires.length, 0);
  if (changed / existing > limits.maxChangeShare) {
    blockers.push({
      reason: `${changed} of ${existing} live plans${counted} would change (${percent(changed / existing)}), more than safety.max_change_share (${percent(limits.maxChangeShare)})`,
      wayOut: force,
    });
  }
  if (retired / existing > limits.maxRetireShare) {
    blockers.push({
      reason: `${retired} of ${existing} live plans${counted} would be retired (${percent(retired / existing)}), more than safety.max_retire_share (${percent(limits.maxRetireShare)})`,
      wayOut: force,
    });
  }
  return blockers;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
