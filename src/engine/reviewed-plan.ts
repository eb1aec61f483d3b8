// Before applying a saved plan: is it what was reviewed? The file is only a file, and its checksum
// only proves it is whole (anyone can recompute it). So, after the stale check, the plan is made
// again from the YAML in the working tree, with the flags the file records and from the very same
// live reads, and the file is refused (exit 4) unless it holds exactly those changes. Then the safety
// gates are weighed again on the file's own amounts (exit 3), whatever figures it states.

import { checkSafety } from '../core/safety.js';
import type { ConnectionPlan, FieldChange, Plan, PlanItem } from '../core/model.js';
import type { PlanDocument } from '../core/plan-file.js';
import { recomputeFigures } from '../core/plan-figures.js';
import { canonicalJson, isMoney, type Value } from '../core/value.js';
import { BlockedPlanError, UntrustedPlanError } from '../errors.js';
import type { Inventory, ProviderAdapter, ReadOptions, ReadScope } from '../providers/types.js';
import { makePlan } from './make-plan.js';
import type { ConnectionSession, Session } from './session.js';
import { assertFresh } from './stale.js';

/** Most differences listed; the rest are counted. */
const MAX_LISTED = 20;

/**
 * Refuses a saved plan that is stale (StalePlanError), that is not what the YAML and the live state
 * imply (UntrustedPlanError), or whose amounts trip a safety gate it was not forced past
 * (BlockedPlanError). Each connection is read once, for both the stale check and the new plan.
 */
export async function assertReviewed(session: Session, document: PlanDocument): Promise<void> {
  const covered = new Set(document.plan.connections.map((c) => c.connection));
  const shared = sharingReads(session, covered);
  await assertFresh(shared, document.plan);

  const scope = document.scope ?? {};
  const shard = document.plan.connections.find((c) => c.shard)?.shard;
  const implied = await makePlan(shared, {
    replaceKeys: scope.replace ?? [],
    force: scope.force === true,
    ...(shard ? { shard } : {}),
  });
  const differences = [
    ...session.connections
      .filter((c) => !covered.has(c.config.name))
      .map(
        (c) =>
          `connection ${c.config.name} has plans in ${c.plansFile.file}, which the saved plan does not cover`,
      ),
    ...differencesBetween(document.plan, implied),
  ];
  if (differences.length > 0) {
    const listed = differences.slice(0, MAX_LISTED).map((d) => `  - ${d}`);
    if (differences.length > MAX_LISTED) listed.push(`  - and ${differences.length - MAX_LISTED} more`);
    throw new UntrustedPlanError(
      `the saved plan's changes are not what ${session.project.file} and the plans files imply (against the live state read now):\n${listed.join('\n')}\nnothing was written. Make the plan again and review it.`,
      differences,
    );
  }

  assertGates(session, document, implied);
}

/**
 * Weighs the safety gates again on the saved changes, with every price move worked out from its
 * amounts, unless the plan was made with `--force`. A shard's plan is weighed on its price moves
 * only: the gates that weigh the whole connection are those of the plan made again (`implied`).
 */
function assertGates(session: Session, document: PlanDocument, implied: Plan): void {
  if (document.scope?.force) return;
  const contracts = new Map(session.connections.map((c) => [c.provider.id, c.provider.contract]));
  const { plan } = recomputeFigures(document.plan, (provider) => contracts.get(provider));
  const problems: string[] = [];
  for (const saved of plan.connections) {
    const connection = session.connections.find((c) => c.config.name === saved.connection);
    if (!connection) continue;
    const blockers = checkSafety(saved, connection.config.safety, {
      shares: saved.shard === undefined,
      // Weighed as when the plan was made: a targeted plan against the connection's declared count.
      ...(connection.targeted && { declared: connection.plansFile.plans.length }),
    });
    for (const blocker of blockers) problems.push(`${saved.connection}: ${blocker.reason}`);
  }
  for (const connection of implied.connections) {
    for (const blocker of connection.blockers) {
      const problem = `${connection.connection}: ${blocker.reason}`;
      if (!problems.includes(problem)) problems.push(problem);
    }
  }
  if (problems.length > 0) {
    throw new BlockedPlanError(
      `The saved plan trips safety gates (weighed again on its own amounts); nothing was written.\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}\nIf the change is meant, make the plan with --force, review it, and apply that plan.`,
    );
  }
}

/**
 * The session with the covered connections only, each reading a scope at most once: the stale check
 * and the new plan then see the same live state, for the requests the stale check costs alone.
 */
function sharingReads(session: Session, covered: ReadonlySet<string>): Session {
  return {
    ...session,
    connections: session.connections.filter((c) => covered.has(c.config.name)).map(sharedConnection),
  };
}

function sharedConnection(connection: ConnectionSession): ConnectionSession {
  const reads = new Map<string, Promise<Inventory>>();
  let shared: ProviderAdapter | undefined;
  return {
    ...connection,
    adapter() {
      if (shared) return shared;
      const adapter = connection.adapter();
      // Each method called on the adapter itself, so it keeps its own `this`.
      shared = {
        readAll(scope?: ReadScope, options?: ReadOptions) {
          const key = canonicalJson(scope ?? null);
          let read = reads.get(key);
          if (!read) {
            read = adapter.readAll(scope, options);
            reads.set(key, read);
          }
          return read;
        },
        create: (desired, context) => adapter.create(desired, context),
        update: (item, context) => adapter.update(item, context),
        retire: (id, context) => adapter.retire(id, context),
      };
      return shared;
    },
  };
}

/** What in `saved` differs from `implied`, as lines naming connection, plan key and field. */
function differencesBetween(saved: Plan, implied: Plan): string[] {
  const out: string[] = [];
  const names = saved.connections.map((c) => c.connection);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i)))
    out.push(`connection ${name}: the saved plan lists it more than once`);
  for (const mine of saved.connections) {
    const theirs = implied.connections.find((c) => c.connection === mine.connection);
    if (!theirs) {
      out.push(`connection ${mine.connection}: the YAML declares no plans for it`);
      continue;
    }
    out.push(...connectionDifferences(mine, theirs));
  }
  return out;
}

function connectionDifferences(saved: ConnectionPlan, implied: ConnectionPlan): string[] {
  const out: string[] = [];
  const where = saved.connection;
  if (saved.provider !== implied.provider)
    out.push(`${where}: saved for provider ${saved.provider}, configured as ${implied.provider}`);
  if (canonicalJson(saved.readScope ?? null) !== canonicalJson(implied.readScope ?? null))
    out.push(`${where}: the saved plan reads other live plans than the YAML implies`);
  if (canonicalJson(saved.shard ?? null) !== canonicalJson(implied.shard ?? null))
    out.push(`${where}: the saved plan covers another shard than it records`);

  const savedItems = new Map(saved.items.map((item) => [item.key, item]));
  const impliedItems = new Map(implied.items.map((item) => [item.key, item]));
  for (const key of new Set([...savedItems.keys(), ...impliedItems.keys()])) {
    out.push(...itemDifferences(`${where}/${key}`, savedItems.get(key), impliedItems.get(key)));
  }

  // Whatever the lines above name, the writes must be the same list: no item or field given twice
  // (the first could be applied while the second is compared), none left out, none reordered.
  if (
    out.length === 0 &&
    canonicalJson(saved.items.map(writesOf)) !== canonicalJson(implied.items.map(writesOf))
  )
    out.push(
      `${where}: the saved plan lists its changes otherwise than the YAML implies (repeated, missing or reordered entries)`,
    );

  const ids = new Set([...Object.keys(saved.fingerprints), ...Object.keys(implied.fingerprints)]);
  const unread = [...ids].filter((id) => saved.fingerprints[id] !== implied.fingerprints[id]);
  if (unread.length > 0)
    out.push(
      `${where}: the saved plan does not record the live plans it stands on as read (${unread.join(', ')})`,
    );
  return out;
}

/** An item that changes nothing, or is absent, is the same as no item. */
function isChange(item: PlanItem | undefined): item is PlanItem {
  return item !== undefined && item.action !== 'no-op';
}

function itemDifferences(
  where: string,
  saved: PlanItem | undefined,
  implied: PlanItem | undefined,
): string[] {
  if (!isChange(saved) && !isChange(implied)) return [];
  if (!isChange(saved))
    return [
      `${where}: the YAML implies ${describeItem(implied as PlanItem)}, which the saved plan leaves out`,
    ];
  if (!isChange(implied))
    return [`${where}: the saved plan would ${describeItem(saved)}; the YAML implies no change`];
  if (saved.action !== implied.action || saved.id !== implied.id)
    return [
      `${where}: the saved plan would ${describeItem(saved)}; the YAML implies ${describeItem(implied)}`,
    ];

  const out: string[] = [];
  /** Fields already named: their desired value differs too, which would say the same again. */
  const told = new Set<string>();
  const savedChanges = new Map(saved.changes.map((c) => [c.path, c]));
  const impliedChanges = new Map(implied.changes.map((c) => [c.path, c]));
  for (const path of new Set([...savedChanges.keys(), ...impliedChanges.keys()])) {
    const a = savedChanges.get(path);
    const b = impliedChanges.get(path);
    if (a && b && canonicalJson(writeOf(a)) === canonicalJson(writeOf(b))) continue;
    const via = a?.via !== b?.via;
    out.push(
      `${where}.${path}: the saved plan says ${describeChange(a, via)}; the YAML implies ${describeChange(b, via)}`,
    );
    told.add(path);
  }
  if (canonicalJson([...saved.retires].sort()) !== canonicalJson([...implied.retires].sort()))
    out.push(
      `${where}: the saved plan retires ${listIds(saved.retires)}; the YAML implies retiring ${listIds(implied.retires)}`,
    );
  const desired = { ...(saved.desired ?? {}), ...(implied.desired ?? {}) };
  for (const path of Object.keys(desired)) {
    if (told.has(path)) continue;
    const a = saved.desired?.[path];
    const b = implied.desired?.[path];
    if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    out.push(
      `${where}: the saved plan sends ${path} ${describeValue(a)}; the YAML declares ${describeValue(b)}`,
    );
  }
  return out;
}

/** What of an item reaches the provider. */
function writesOf(item: PlanItem): unknown {
  return {
    key: item.key,
    action: item.action,
    id: item.id ?? null,
    changes: item.changes.map(writeOf),
    retires: item.retires,
    desired: item.desired ?? null,
  };
}

/** What of a change reaches the provider. */
function writeOf(change: FieldChange): unknown {
  return { path: change.path, before: change.before ?? null, after: change.after ?? null, via: change.via };
}

function describeItem(item: PlanItem): string {
  return item.id === undefined ? item.action : `${item.action} plan ${item.id}`;
}

function describeChange(change: FieldChange | undefined, withVia: boolean): string {
  if (!change) return 'no change';
  const via = withVia ? ` via ${change.via}` : '';
  return `${describeValue(change.before, change.currency)} → ${describeValue(change.after, change.currency)}${via}`;
}

function describeValue(value: Value | undefined, currency?: string): string {
  if (value === undefined || value === null) return '(none)';
  if (isMoney(value)) return `${value.amount} ${value.currency}`;
  if (currency !== undefined && (typeof value === 'string' || typeof value === 'number'))
    return `${value} ${currency}`;
  return JSON.stringify(value);
}

function listIds(ids: readonly string[]): string {
  return ids.length === 0 ? 'none' : ids.join(', ');
}
