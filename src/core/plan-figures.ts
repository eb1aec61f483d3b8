// The figures a plan states about itself (each price move's percentage) worked out again from the
// amounts it holds. A saved plan is a file: anyone can edit a stored percentage, so whatever judges
// or shows a saved plan uses the figures its own amounts give, and says where they disagree.

import { pricePercent } from './compare.js';
import { fieldRule, type Contract } from './contract.js';
import type { ConnectionPlan, FieldChange, Plan } from './model.js';

export interface FigureMismatch {
  connection: string;
  key: string;
  path: string;
  stored?: number;
  recomputed?: number;
}

/**
 * The plan with every change's `percent` recomputed from its `before` and `after` (by the field's
 * rule in the provider's contract), and its `currency` taken from the attributes the plan sends
 * where they name it; and the changes whose stored percentage differed. A connection whose provider
 * is unknown keeps no percentage at all: nothing vouches for one.
 */
export function recomputeFigures(
  plan: Plan,
  contractOf: (provider: string) => Contract | undefined,
): { plan: Plan; mismatches: FigureMismatch[] } {
  const mismatches: FigureMismatch[] = [];
  const connections = plan.connections.map((connection): ConnectionPlan => {
    const contract = contractOf(connection.provider);
    return {
      ...connection,
      items: connection.items.map((item) => ({
        ...item,
        changes: item.changes.map((change) => {
          const rule = contract && fieldRule(contract, change.path);
          const recomputed = rule ? pricePercent(rule, change.before, change.after) : undefined;
          if (recomputed !== change.percent) {
            mismatches.push({
              connection: connection.connection,
              key: item.key,
              path: change.path,
              ...(change.percent === undefined ? {} : { stored: change.percent }),
              ...(recomputed === undefined ? {} : { recomputed }),
            });
          }
          const { percent: _stored, ...rest } = change;
          // The currency an amount is shown in is the one the plan sends, where the plan says it.
          const currency = rule?.currencyField ? item.desired?.[rule.currencyField] : undefined;
          if (typeof currency === 'string') rest.currency = currency;
          return (recomputed === undefined ? rest : { ...rest, percent: recomputed }) as FieldChange;
        }),
      })),
    };
  });
  return { plan: { ...plan, connections }, mismatches };
}

/** `+10%`, `-99.9%`, or `none` */
export function describePercent(percent: number | undefined): string {
  if (percent === undefined) return 'none';
  return `${percent > 0 ? '+' : ''}${percent}%`;
}
