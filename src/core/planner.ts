// The planner: a pure function of (desired, live, contract) that decides one action per plan key.
// No HTTP, no files, no clock. Everything it needs arrives as arguments; the Plan it returns is data.

import { effective, fieldsEqual, pricePercent, signatureOf } from './compare.js';
import { IMPACTS, maxImpact, type Contract, type FieldRule, type Impact } from './contract.js';
import { groupBy, isRetired, matchPlans, type MatchOutcome } from './identity.js';
import type {
  Blocker,
  ConnectionPlan,
  DesiredPlan,
  DriftNote,
  FieldChange,
  LiveObject,
  PlanItem,
} from './model.js';
import type { Value } from './value.js';
import { InternalError } from '../errors.js';

export interface PlanOptions {
  connection: string;
  provider: string;
  /** Retire live objects no YAML plan matches. */
  prune: boolean;
  /** Keys opted into replacement for this run (like `terraform -replace`), on top of the YAML's. */
  replaceKeys?: ReadonlySet<string>;
  /** Provider-specific notes per item (how many requests, what subscribers see). */
  describe?: (item: PlanItem, desired: DesiredPlan | undefined, live: LiveObject | undefined) => string[];
}

export interface PlanInput {
  contract: Contract;
  desired: DesiredPlan[];
  live: LiveObject[];
  options: PlanOptions;
}

export function plan({ contract, desired, live, options }: PlanInput): ConnectionPlan {
  const { outcomes, unmatched } = matchPlans(contract, desired, live);
  const items: PlanItem[] = [];

  for (const plan of desired) {
    const outcome = outcomes.get(plan.key) as MatchOutcome;
    const replaceable = plan.lifecycle.replace || (options.replaceKeys?.has(plan.key) ?? false);
    const item = planOne(contract, plan, outcome, replaceable, options.connection);
    const matched = outcome.kind === 'matched' ? outcome.live : undefined;
    item.notes.push(...(options.describe?.(item, plan, matched) ?? []));
    items.push(item);
  }

  const renameHints = renameHinter(contract, unmatched);
  for (const item of items) {
    if (item.action === 'create') item.notes.push(...renameHints(item));
  }

  const unmanaged: string[] = [];
  for (const object of unmatched) {
    if (!options.prune || contract.capabilities.retire === 'none' || isRetired(contract, object)) {
      unmanaged.push(object.id);
      continue;
    }
    const item = retireItem(contract, object);
    item.notes.push(...(options.describe?.(item, undefined, object) ?? []));
    items.push(item);
  }

  const fingerprints: Record<string, string> = {};
  for (const object of live) fingerprints[object.id] = object.fingerprint;
  return {
    connection: options.connection,
    provider: options.provider,
    items,
    unmanaged: unmanaged.sort(),
    fingerprints,
    blockers: [],
  };
}

function planOne(
  contract: Contract,
  desired: DesiredPlan,
  outcome: MatchOutcome,
  replaceable: boolean,
  connection: string,
): PlanItem {
  const base = { key: desired.key, location: desired.location, notes: [], retires: [] };
  switch (outcome.kind) {
    case 'absent':
      return createItem(contract, desired);
    case 'pinned-missing':
      return blocked(base, undefined, [
        {
          path: contract.identity.idField,
          reason: `pinned ${contract.identity.idField} ${outcome.id} does not exist at ${contract.provider} (connection ${connection})`,
          wayOut: `correct the id, or remove \`${contract.identity.idField}\` to adopt a plan by ${contract.identity.naturalKey.join(' + ')} or create a new one`,
        },
      ]);
    case 'ambiguous':
      return blocked(base, undefined, [
        {
          reason: `${outcome.candidates.length} live plans match ${describeNaturalKey(contract, desired)}: ${outcome.candidates.map((c) => c.id).join(', ')}`,
          wayOut: `pin the intended one with \`${contract.identity.idField}: <id>\``,
        },
      ]);
    case 'duplicate':
      return blocked(base, undefined, [
        {
          reason: `${outcome.otherKeys.map((k) => `\`${k}\``).join(', ')} declares the same ${contract.identity.naturalKey.join(' + ')}: adopting or creating by it would be ambiguous, and creating both would make twin plans`,
          wayOut: `give each plan its own ${contract.identity.naturalKey.join(' + ')}, or pin each one with \`${contract.identity.idField}\``,
        },
      ]);
    case 'contested':
      return blocked(base, outcome.live.id, [
        {
          reason: `live plan ${outcome.live.id} is also claimed by ${outcome.otherKeys.map((k) => `\`${k}\``).join(', ')}`,
          wayOut: 'give each YAML plan its own live plan (distinct pinned ids or natural keys)',
        },
      ]);
    case 'matched': {
      const item = diffItem(contract, desired, outcome.live, outcome.superseded, replaceable);
      if (outcome.note) item.notes.unshift(outcome.note);
      return item;
    }
  }
}

/**
 * Adoption is by natural key, so renaming an unpinned plan reads as "create a new one". Point the
 * reviewer at unmanaged live plans with the same create-only values: likely the plan being renamed.
 * The live plans are indexed by those values once, so each create is a lookup.
 */
function renameHinter(contract: Contract, unmatched: LiveObject[]): (item: PlanItem) => string[] {
  const fixed = contract.fields.filter((rule) => rule.mutability.mode === 'create-only');
  if (fixed.length === 0) return () => [];
  const inService = unmatched.filter((object) => !isRetired(contract, object));
  const bySignature = groupBy(inService, (object) => signatureOf(fixed, object.attrs));
  return (item) =>
    (bySignature.get(signatureOf(fixed, item.desired ?? {})) ?? [])
      .slice(0, 3)
      .map(
        (object) =>
          `unmanaged live plan ${object.id} has the same ${fixed.map((r) => r.path).join(', ')}: if this is a rename of plan ${object.id}, pin \`${contract.identity.idField}: ${object.id}\` instead of creating a new plan`,
      );
}

function describeNaturalKey(contract: Contract, desired: DesiredPlan): string {
  return contract.identity.naturalKey
    .map((path) => `${path} ${JSON.stringify(desired.attrs[path])}`)
    .join(', ');
}

function createItem(contract: Contract, desired: DesiredPlan): PlanItem {
  const changes: FieldChange[] = [];
  for (const rule of contract.fields) {
    const after = desired.attrs[rule.path];
    if (after === undefined || rule.mutability.mode === 'read-only') continue;
    changes.push(change(rule, desired, undefined, after, 'create', capImpact(rule.impact)));
  }
  const item: PlanItem = {
    key: desired.key,
    action: 'create',
    changes,
    blockers: [],
    notes: [],
    retires: [],
    desired: desired.attrs,
    impact: 'new-subscribers',
    location: desired.location,
  };
  if (!contract.capabilities.create) {
    return blocked(item, undefined, [
      {
        reason: `${contract.provider} does not let plansync create plans`,
        wayOut: `create it outside plansync and pin its ${contract.identity.idField}`,
      },
    ]);
  }
  return item;
}

function diffItem(
  contract: Contract,
  desired: DesiredPlan,
  live: LiveObject,
  superseded: LiveObject[],
  replaceable: boolean,
): PlanItem {
  const changes: FieldChange[] = [];
  const blockers: Blocker[] = [];
  const needsReplacement: Blocker[] = [];
  const notes: string[] = [];
  const drift: DriftNote[] = [];

  for (const rule of contract.fields) {
    if (rule.mutability.mode === 'read-only') continue;
    const before = live.attrs[rule.path];
    const after = desired.attrs[rule.path];
    if (rule.onlyWhenDeclared && after === undefined) continue;
    if (fieldsEqual(rule, before, after)) continue;
    const mutability = rule.mutability;
    switch (mutability.mode) {
      case 'in-place':
        changes.push(change(rule, desired, before, after, 'in-place', rule.impact, live));
        break;
      case 'operation':
        changes.push(change(rule, desired, before, after, mutability.operation, rule.impact, live));
        break;
      case 'create-only':
        changes.push(change(rule, desired, before, after, 'replace', rule.impact, live));
        needsReplacement.push({
          path: rule.path,
          reason: `\`${rule.path}\` cannot be changed on an existing ${contract.terms?.noun(live.attrs) ?? `${contract.provider} plan`} (create-only)`,
          wayOut: replacementWayOut(contract, desired, live),
        });
        break;
      case 'conditional': {
        const condition = contract.conditions[mutability.condition];
        // A contract naming a condition it does not define is a bug in the provider's code.
        if (!condition)
          throw new InternalError(`contract ${contract.provider}: unknown condition ${mutability.condition}`);
        const verdict = condition.check({
          path: rule.path,
          before,
          after,
          live: live.attrs,
          desired: desired.attrs,
        });
        if (verdict.verdict === 'allowed') {
          const impact = verdict.impact ?? rule.impact;
          changes.push(change(rule, desired, before, after, condition.via ?? 'in-place', impact, live));
          if (verdict.note) notes.push(verdict.note);
        } else if (verdict.verdict === 'needs-replacement') {
          changes.push(change(rule, desired, before, after, 'replace', rule.impact, live));
          needsReplacement.push({
            path: rule.path,
            reason: verdict.reason,
            wayOut: replacementWayOut(contract, desired, live),
          });
        } else if (verdict.verdict === 'blocked') {
          changes.push(change(rule, desired, before, after, 'blocked', rule.impact, live));
          blockers.push({ path: rule.path, reason: verdict.reason, wayOut: verdict.wayOut });
        } else {
          const values = `live ${JSON.stringify(before ?? null)}, YAML ${JSON.stringify(after ?? null)}`;
          notes.push(`drift on \`${rule.path}\` (${values}), left as is: ${verdict.reason}`);
          drift.push({
            path: rule.path,
            ...(before === undefined ? {} : { before }),
            ...(after === undefined ? {} : { after }),
            reason: verdict.reason,
          });
        }
        break;
      }
    }
  }

  const base: PlanItem = {
    key: desired.key,
    action: 'no-op',
    id: live.id,
    changes,
    blockers: [],
    notes,
    retires: [],
    location: desired.location,
    ...(drift.length > 0 ? { drift } : {}),
  };
  if (blockers.length > 0) return blocked(base, live.id, blockers);

  if (needsReplacement.length > 0 || superseded.length > 0) {
    if (needsReplacement.length > 0 && !replaceable) return blocked(base, live.id, needsReplacement);
    if (needsReplacement.length > 0 && !contract.capabilities.replace) {
      return blocked(
        base,
        live.id,
        needsReplacement.map((b) => ({ ...b, wayOut: 'change it in the provider dashboard' })),
      );
    }
    if (desired.lifecycle.preventDestroy) {
      return blocked(base, live.id, [
        {
          reason: `replacing this plan would retire live plan ${live.id}, and \`lifecycle.prevent_destroy\` is set`,
          wayOut: 'remove `prevent_destroy` to allow the replacement, or revert the create-only change',
        },
      ]);
    }
  }

  if (needsReplacement.length > 0) {
    return {
      ...base,
      action: 'replace',
      // Existing subscribers stay on the old plan: nothing in a replacement reaches them.
      changes: changes.map((c) => ({ ...c, impact: capImpact(c.impact) })),
      retires: [live.id, ...superseded.map((o) => o.id)],
      desired: desired.attrs,
      impact: maxImpact(changes.map((c) => capImpact(c.impact))),
    };
  }
  if (changes.length === 0 && superseded.length === 0) return base;
  return {
    ...base,
    action: 'update',
    retires: superseded.map((o) => o.id),
    desired: desired.attrs,
    impact: maxImpact([
      ...changes.map((c) => c.impact),
      ...(superseded.length > 0 ? ['new-subscribers' as const] : []),
    ]),
  };
}

function replacementWayOut(contract: Contract, desired: DesiredPlan, live: LiveObject): string {
  const retire =
    contract.terms?.retire ?? (contract.capabilities.retire === 'delete' ? 'delete' : 'deactivate');
  const noun = contract.terms?.noun(live.attrs).replace(/^\S+ /, '') ?? 'plan';
  return (
    `set \`lifecycle.replace: true\` on \`${desired.key}\` (or run with --replace ${desired.key}) to create a new ${noun} ` +
    `and ${retire} ${noun} ${live.id}; existing subscribers stay on the old ${noun}. Or revert the change.`
  );
}

function retireItem(contract: Contract, object: LiveObject): PlanItem {
  // The key says only "unmanaged"; a reviewer needs to see which plan goes out of service.
  const known = contract.identity.naturalKey.filter((path) => object.attrs[path] !== undefined);
  const which = known.map((path) => `${path} ${JSON.stringify(object.attrs[path])}`).join(', ');
  return {
    key: `unmanaged:${object.id}`,
    action: 'retire',
    id: object.id,
    changes: [],
    blockers: [],
    notes: which ? [`No YAML plan declares it (${which}); the connection prunes.`] : [],
    retires: [object.id],
    impact: contract.capabilities.retire === 'delete' ? 'irreversible' : 'new-subscribers',
  };
}

function blocked(
  item: Omit<PlanItem, 'action' | 'changes' | 'blockers'> & Partial<PlanItem>,
  id: string | undefined,
  blockers: Blocker[],
): PlanItem {
  return {
    key: item.key,
    action: 'blocked',
    ...(id === undefined ? {} : { id }),
    changes: item.changes ?? [],
    blockers,
    notes: item.notes ?? [],
    retires: [],
    ...(item.location ? { location: item.location } : {}),
    ...(item.drift ? { drift: item.drift } : {}),
  };
}

/** In a create or replacement, no change can reach existing subscribers. */
function capImpact(impact: Impact): Impact {
  return IMPACTS.indexOf(impact) > IMPACTS.indexOf('new-subscribers') ? 'new-subscribers' : impact;
}

function change(
  rule: FieldRule,
  desired: DesiredPlan,
  before: Value | undefined,
  after: Value | undefined,
  via: string,
  impact: Impact,
  live?: LiveObject,
): FieldChange {
  const out: FieldChange = { path: rule.path, impact, via };
  // Against a live plan, absent means the provider's default (a field compared only when declared
  // never gets here absent): the adapter must send the default, not omit the field, which would keep
  // the live value.
  if (live) {
    before = effective(rule, before);
    after = effective(rule, after);
  }
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  const percent = pricePercent(rule, before, after);
  if (percent !== undefined) out.percent = percent;
  if (rule.currencyField) {
    const currency = desired.attrs[rule.currencyField] ?? live?.attrs[rule.currencyField];
    // As ISO writes it (the saved plan's schema asks for it): Stripe names currencies in lowercase.
    if (typeof currency === 'string') out.currency = currency.toUpperCase();
  }
  return out;
}
