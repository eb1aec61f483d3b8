// Comparing one connection's declared plans across two environments (`plansync compare A B`): which
// plans are live in only one, which fields the two live objects differ in, and whether each
// environment still has pending changes. Pure: it reads matched live objects and plan items.
//
// The live objects are compared in the provider's comparable form (contract paths), as the planner
// compares a live object with the YAML, leaving out what differs between environments by design: the
// id, server-managed (read-only) fields, and fields some environment's overlay sets (a PayPal
// product id); a field compared only when declared (a plan's status) is left out where no
// environment's YAML declares it, since the YAML then leaves it to each environment.

import { effective, fieldsEqual } from './compare.js';
import type { Contract, FieldRule } from './contract.js';
import type { LiveObject, PlanItem } from './model.js';
import type { Attrs, Value } from './value.js';

/** What one environment holds for a declared plan. */
interface PlanSideInput {
  /** The live object the plan matched in this environment; absent when none did. */
  live?: LiveObject;
  /** The plan's desired attrs in this environment (overlay applied). */
  desired: Attrs;
  /** This environment's plan item for the key: its action tells whether changes are pending. */
  item?: Pick<PlanItem, 'action'>;
}

export interface PlanPairInput {
  key: string;
  a: PlanSideInput;
  b: PlanSideInput;
  /** Top-level YAML fields some environment's overlay sets: values that differ by design. */
  environmentBound: readonly string[];
}

type Action = PlanItem['action'];

interface PlanSide {
  /** Whether a live plan matched the declared one. */
  live: boolean;
  id?: string;
  /** What `plan` would do in this environment (`no-op`: the live plan holds the YAML). */
  action: Action;
  /** Whether this environment still has pending changes for the plan (its action is not a no-op). */
  pending: boolean;
}

interface FieldDifference {
  path: string;
  /** The value in environment A; absent when the field is not set (and has no default). */
  a?: Value;
  b?: Value;
  /** The currency of a decimal amount, for rendering. */
  currency?: string;
}

/**
 * - `only-in`: live in one environment only (`onlyIn` says which);
 * - `differs`: live in both, with fields that differ;
 * - `same`: live in both, equal on every compared field;
 * - `in-neither`: declared, live in neither environment.
 */
type PlanStatus = 'only-in' | 'differs' | 'same' | 'in-neither';

export interface PlanComparison {
  key: string;
  status: PlanStatus;
  /** For `only-in`: the environment side (`a` or `b`) that holds the plan. */
  onlyIn?: 'a' | 'b';
  a: PlanSide;
  b: PlanSide;
  fields: FieldDifference[];
  /** A holds the YAML (nothing pending) while B has pending changes: rehearsed, not yet promoted. */
  rehearsed: boolean;
  /** Anything to report between the environments: not the same live plan, or pending in one only. */
  different: boolean;
  /** Fields left out as environment-bound (set by some environment's overlay). */
  environmentBound?: string[];
}

/** One declared plan of a connection in two environments. */
export function comparePlan(contract: Contract, input: PlanPairInput): PlanComparison {
  const a = sideOf(input.a);
  const b = sideOf(input.b);
  const fields =
    input.a.live && input.b.live ? differingFields(contract, input, input.a.live, input.b.live) : [];
  const status: PlanStatus =
    a.live && b.live ? (fields.length > 0 ? 'differs' : 'same') : a.live || b.live ? 'only-in' : 'in-neither';
  return {
    key: input.key,
    status,
    ...(status === 'only-in' && { onlyIn: a.live ? ('a' as const) : ('b' as const) }),
    a,
    b,
    fields,
    rehearsed: !a.pending && b.pending,
    different: status === 'differs' || status === 'only-in' || a.pending !== b.pending,
    ...(input.environmentBound.length > 0 && { environmentBound: [...input.environmentBound] }),
  };
}

function sideOf(input: PlanSideInput): PlanSide {
  // No item means the plan was not planned in this environment: nothing to say is pending.
  const action: Action = input.item?.action ?? (input.live ? 'no-op' : 'create');
  return {
    live: input.live !== undefined,
    ...(input.live && { id: input.live.id }),
    action,
    pending: action !== 'no-op',
  };
}

/** The top-level YAML field a contract path lies in: `billing_cycles[1].x` → `billing_cycles`. */
function topField(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? path;
}

/** The fields compare looks at for this plan (see the file's comment for what it leaves out). */
function comparedRules(contract: Contract, input: PlanPairInput): FieldRule[] {
  const bound = new Set(input.environmentBound);
  return contract.fields.filter((rule) => {
    if (rule.mutability.mode === 'read-only') return false;
    if (rule.path === contract.identity.idField) return false;
    if (bound.has(rule.path) || bound.has(topField(rule.path))) return false;
    if (rule.onlyWhenDeclared) {
      return input.a.desired[rule.path] !== undefined || input.b.desired[rule.path] !== undefined;
    }
    return true;
  });
}

function differingFields(
  contract: Contract,
  input: PlanPairInput,
  a: LiveObject,
  b: LiveObject,
): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const rule of comparedRules(contract, input)) {
    const before = a.attrs[rule.path];
    const after = b.attrs[rule.path];
    if (fieldsEqual(rule, before, after)) continue;
    const valueA = effective(rule, before);
    const valueB = effective(rule, after);
    const currency = rule.currencyField
      ? (a.attrs[rule.currencyField] ?? b.attrs[rule.currencyField])
      : undefined;
    out.push({
      path: rule.path,
      ...(valueA !== undefined && valueA !== null && { a: valueA }),
      ...(valueB !== undefined && valueB !== null && { b: valueB }),
      ...(typeof currency === 'string' && { currency }),
    });
  }
  return out;
}

/** Counts over a comparison, for the summary line and the JSON. */
export interface ComparisonSummary {
  plans: number;
  same: number;
  differs: number;
  onlyIn: number;
  inNeither: number;
  rehearsed: number;
  /** Plans with anything to report (`different`). */
  different: number;
}

export function summarise(plans: readonly PlanComparison[]): ComparisonSummary {
  const count = (test: (plan: PlanComparison) => boolean) => plans.filter(test).length;
  return {
    plans: plans.length,
    same: count((p) => p.status === 'same'),
    differs: count((p) => p.status === 'differs'),
    onlyIn: count((p) => p.status === 'only-in'),
    inNeither: count((p) => p.status === 'in-neither'),
    rehearsed: count((p) => p.rehearsed),
    different: count((p) => p.different),
  };
}

export interface ConnectionComparison {
  connection: string;
  provider: string;
  plans: PlanComparison[];
}

/** Two environments' declared plans, compared (src/engine/compare-environments.ts makes it). */
export interface EnvironmentComparison {
  /** The environments compared, in the order asked. */
  environments: { a: string; b: string };
  connections: ConnectionComparison[];
  summary: ComparisonSummary;
  /** Anything to report: a plan live in one environment only, a differing field, pending in one only. */
  differences: boolean;
}
