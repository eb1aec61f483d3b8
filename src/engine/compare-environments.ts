// `compare` as a sequence: plan each environment as `plan` does (safety gates off: compare reports,
// it never applies), keep each connection's live objects, match them to the declared plans as the
// planner does, and pair every declared plan across the two environments (src/core/environment-diff.ts).
// The caller opens and closes both sessions and renders the result.

import {
  comparePlan,
  summarise,
  type ConnectionComparison,
  type EnvironmentComparison,
} from '../core/environment-diff.js';
import { matchPlans } from '../core/identity.js';
import type { LiveObject, Plan } from '../core/model.js';
import { InternalError } from '../errors.js';
import { makePlan } from './make-plan.js';
import type { ReadHooks } from './run-plan.js';
import type { ConnectionSession, Session } from './session.js';

interface Read {
  plan: Plan;
  live: Map<string, readonly LiveObject[]>;
}

/** Plans one environment's session, keeping each connection's live objects as read. */
async function readEnvironment(session: Session, hooks: ReadHooks): Promise<Read> {
  const live = new Map<string, readonly LiveObject[]>();
  const plan = await makePlan(session, {
    force: true,
    ...hooks,
    onInventory: (connection, objects) => live.set(connection, objects),
  });
  return { plan, live };
}

function environmentOf(session: Session): string {
  const name = session.project.environment?.name;
  // The CLI opens each session for a named environment; anything else is a bug in the caller.
  if (name === undefined) throw new InternalError('compare needs sessions opened for an environment');
  return name;
}

/** Compares the declared plans' live objects in two environments. Reads A, then B. */
export async function compareEnvironments(
  a: Session,
  b: Session,
  hooks: ReadHooks = {},
): Promise<EnvironmentComparison> {
  const readA = await readEnvironment(a, hooks);
  const readB = await readEnvironment(b, hooks);
  const connections: ConnectionComparison[] = [];
  for (const connectionA of a.connections) {
    const connectionB = b.connections.find((c) => c.config.name === connectionA.config.name);
    // Every environment binds every connection to the same plans file; a connection one session
    // skipped (no plans file) the other skipped too.
    if (!connectionB) continue;
    connections.push(compareConnection(connectionA, connectionB, readA, readB));
  }
  const plans = connections.flatMap((connection) => connection.plans);
  const summary = summarise(plans);
  return {
    environments: { a: environmentOf(a), b: environmentOf(b) },
    connections,
    summary,
    differences: summary.different > 0,
  };
}

function compareConnection(
  a: ConnectionSession,
  b: ConnectionSession,
  readA: Read,
  readB: Read,
): ConnectionComparison {
  const name = a.config.name;
  const contract = a.provider.contract;
  const sideOf = (connection: ConnectionSession, read: Read) => {
    const live = read.live.get(name) ?? [];
    // The planner's own matching: pinned id, then natural key, successors and all.
    const { outcomes } = matchPlans(contract, connection.desired, [...live]);
    const items = read.plan.connections.find((c) => c.connection === name)?.items ?? [];
    // Indexed once: 5,000 plans looked up by scanning would be quadratic.
    const itemOf = new Map(items.map((item) => [item.key, item]));
    const desiredOf = new Map(connection.desired.map((plan) => [plan.key, plan]));
    return (key: string) => {
      const outcome = outcomes.get(key);
      const desired = desiredOf.get(key);
      const item = itemOf.get(key);
      return {
        ...(outcome?.kind === 'matched' && { live: outcome.live }),
        desired: desired?.attrs ?? {},
        ...(item && { item }),
      };
    };
  };
  const sideA = sideOf(a, readA);
  const sideB = sideOf(b, readB);
  const bound = new Map(
    [...a.plansFile.plans, ...b.plansFile.plans].map((source) => [source.key, source.environmentBound ?? []]),
  );
  const keys = [...new Set([...a.desired, ...b.desired].map((plan) => plan.key))];
  return {
    connection: name,
    provider: a.provider.id,
    plans: keys.map((key) =>
      comparePlan(contract, {
        key,
        a: sideA(key),
        b: sideB(key),
        environmentBound: bound.get(key) ?? [],
      }),
    ),
  };
}
