// Reads every connection's live plans and computes the Plan. Connections are read in parallel;
// within a connection the provider's HTTP client keeps its concurrency and rate limits.

import { plan as planConnection } from '../core/planner.js';
import { checkSafety } from '../core/safety.js';
import type { ConnectionPlan, LiveObject, Plan } from '../core/model.js';
import { inShard, type Shard } from '../core/shard.js';
import type { Session } from './session.js';
import { UserError } from '../errors.js';
import type { ConnectionLimits } from '../config/types.js';
import type { AnyProvider, ReadEstimate, ReadScope } from '../providers/types.js';

export interface MakePlanOptions {
  replaceKeys?: string[];
  /** Accept tripped safety gates. */
  force?: boolean;
  /** Only the plans of this shard (`--shard i/n`). */
  shard?: Shard;
  /** Told, before a connection is read, how many requests the read will take. */
  onReadStart?(connection: string, start: ReadStart): void;
  /** Told as a long read progresses (reads done, and their total once known; see ReadOptions). */
  onProgress?(connection: string, done: number, total?: number): void;
  /** Told when a connection's read has ended, read or failed (a progress line is taken down). */
  onReadEnd?(connection: string): void;
  /** Handed each connection's live objects as read (`compare` matches them across environments). */
  onInventory?(connection: string, live: readonly LiveObject[]): void;
}

/** A provider's estimate of a read, with the time it takes at the connection's limits. */
export interface ReadStart extends ReadEstimate {
  /** Seconds at `limits.requests_per_second`. */
  seconds: number;
  requestsPerSecond: number;
  concurrency: number;
}

/** The provider's estimate of one connection's read, timed at its limits; undefined without one. */
export function readStart(
  provider: AnyProvider,
  limits: ConnectionLimits,
  scope: ReadScope | undefined,
  declared: number,
): ReadStart | undefined {
  const estimate = provider.estimateReads?.(scope, declared);
  if (estimate === undefined) return undefined;
  return {
    ...estimate,
    seconds: estimate.requests / limits.requestsPerSecond,
    requestsPerSecond: limits.requestsPerSecond,
    concurrency: limits.concurrency,
  };
}

export async function makePlan(session: Session, options: MakePlanOptions = {}): Promise<Plan> {
  const replaceKeys = new Set(options.replaceKeys ?? []);
  const shard = options.shard && options.shard.count > 1 ? options.shard : undefined;
  const connections = await Promise.all(
    session.connections.map(async (connection): Promise<ConnectionPlan> => {
      const mine = (key: string) =>
        !shard || inShard(shard, connection.provider.id, connection.config.name, key);
      // A provider that reads only the declared plans and matches by id alone needs nothing outside
      // the shard. Otherwise the whole connection is read and matched, so identity and pruning see
      // every plan, and only the shard's items are kept.
      const byId = connection.provider.contract.capabilities.reads === 'by-id';
      const desired =
        shard && byId ? connection.desired.filter((plan) => mine(plan.key)) : connection.desired;
      const readScope = connection.provider.readScope?.(desired, { targeted: connection.targeted });
      const name = connection.config.name;
      const start = readStart(connection.provider, connection.config.limits, readScope, desired.length);
      if (start !== undefined) {
        // Only a certain count can refuse a run: a listing's may be smaller than feared.
        if (start.exact) checkBudget(name, start.requests, connection.config.limits.dailyBudget);
        options.onReadStart?.(name, start);
      }
      let inventory;
      try {
        inventory = await connection.adapter().readAll(readScope, {
          onProgress: (done, total) => options.onProgress?.(name, done, total),
        });
      } finally {
        options.onReadEnd?.(name);
      }
      options.onInventory?.(name, inventory.objects);
      const result = planConnection({
        contract: connection.provider.contract,
        desired,
        live: inventory.objects,
        options: {
          connection: connection.config.name,
          provider: connection.provider.id,
          // The loader decided whether this connection prunes (a delete needs its own opt-in).
          prune: connection.config.prune && !connection.targeted,
          replaceKeys,
          ...(connection.provider.describe ? { describe: connection.provider.describe } : {}),
        },
      });
      if (readScope) result.readScope = readScope;
      // Safety gates weigh the whole connection's change, whichever shard applies it.
      // A targeted read sees only the targeted live plans: the share gates then weigh the change
      // against every plan the connection declares (never the few read), and say so.
      if (!options.force) {
        result.blockers = checkSafety(result, connection.config.safety, {
          ...(connection.targeted && { declared: connection.plansFile.plans.length }),
        });
      }
      return shard ? narrowToShard(result, shard, mine) : result;
    }),
  );
  const environment = session.project.environment?.name;
  return { formatVersion: 1, ...(environment !== undefined && { environment }), connections };
}

/**
 * Stop before the first request when the read alone would exceed the connection's daily budget.
 * plansync cannot see what else used the key today, so the budget is checked per run: leave room
 * for other jobs by setting `limits.daily_budget` below the provider's quota.
 */
function checkBudget(connection: string, requests: number, budget: number | undefined): void {
  if (budget === undefined || requests <= budget) return;
  throw new UserError(
    `connection ${connection}: this run needs ${requests} requests, more than limits.daily_budget (${budget}); nothing was sent. Narrow the run with --target, or raise the budget if the provider's quota allows it`,
  );
}

/**
 * Keeps a shard's items, and only the fingerprints they stand on: another shard's writes then never
 * make this shard's saved plan stale.
 */
function narrowToShard(plan: ConnectionPlan, shard: Shard, mine: (key: string) => boolean): ConnectionPlan {
  const items = plan.items.filter((item) => mine(item.key));
  const touched = new Set(items.flatMap((item) => [...(item.id ? [item.id] : []), ...item.retires]));
  return {
    ...plan,
    items,
    unmanaged: plan.unmanaged.filter((id) => mine(`unmanaged:${id}`)),
    fingerprints: Object.fromEntries(Object.entries(plan.fingerprints).filter(([id]) => touched.has(id))),
    shard: { index: shard.index, count: shard.count },
  };
}
