// Verified writes: what a write was meant to achieve, compared with what the provider says it now
// holds (its answer, or one re-read). A provider that silently ignores or changes a field would
// otherwise be reported "done", and the next plan would show the same change again forever.

import { fieldsEqual } from './compare.js';
import { fieldRule, type Contract } from './contract.js';
import { isRetired } from './identity.js';
import type { LiveObject } from './model.js';
import type { Attrs, Value } from './value.js';

/** One field the provider does not hold as asked. */
export interface WriteMismatch {
  path: string;
  asked: Value | undefined;
  held: Value | undefined;
  /** The currency of a decimal amount, for rendering. */
  currency?: string;
}

/**
 * The fields of `paths` whose value in `after` differs from `desired`, compared as the planner
 * compares them (so what passes here is what the next plan finds unchanged). Read-only fields and
 * fields the contract does not know are the provider's own and never checked.
 */
export function unmetFields(
  contract: Contract,
  desired: Attrs,
  paths: Iterable<string>,
  after: Attrs,
): WriteMismatch[] {
  const mismatches: WriteMismatch[] = [];
  for (const path of new Set(paths)) {
    const rule = fieldRule(contract, path);
    if (rule === undefined || rule.mutability.mode === 'read-only') continue;
    if (rule.onlyWhenDeclared && desired[path] === undefined) continue;
    if (fieldsEqual(rule, desired[path], after[path])) continue;
    const currency = rule.currencyField === undefined ? undefined : desired[rule.currencyField];
    mismatches.push({
      path,
      asked: desired[path],
      held: after[path],
      ...(typeof currency === 'string' && { currency }),
    });
  }
  return mismatches;
}

/** Every field a create declares: what the new object must hold. */
export function declaredPaths(contract: Contract, desired: Attrs): string[] {
  return contract.fields
    .filter((rule) => rule.mutability.mode !== 'read-only' && desired[rule.path] !== undefined)
    .map((rule) => rule.path);
}

/**
 * Whether a retirement took: the object is gone (`undefined`: deleted, or no longer listed), or it
 * holds the contract's retired status. A contract without a status retires by deleting only.
 */
export function isOutOfService(contract: Contract, after: LiveObject | undefined): boolean {
  return after === undefined || isRetired(contract, after);
}
