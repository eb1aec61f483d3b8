// Reads every connection's live plans and computes the Plan. Connections are read in parallel;
// within a connection the provider's HTTP client keeps its concurrency and rate limits.

import { plan as planConnection } from '../core/planner.js';
import { checkSafety } from '../core/safety.js';
import type { ConnectionPlan, Plan } from '../core/model.js';
import type { Session } from './session.js';
import { UserError } from '../errors.js';

export interface MakePlanOptions {
  replaceKeys?: string[];
  /** Accept tripped safety gates. */
  force?: boolean;
  /** Told, before a connection is read, how many requests the read will take. */
  onReadStart?(connection: string, requests: number, seconds: number): void;
  /** Told as a long read progresses. */
  onProgress?(connection: string, done: number, total: number): void;
}

export async function makePlan(session: Session, options: MakePlanOptions = {}): Promise<Plan> {
  const replaceKeys = new Set(options.replaceKeys ?? []);
  const connections = await Promise.all(
    session.connections.map(async (connection): Promise<ConnectionPlan> => {
      const readScope = connection.provider.readScope?.(connection.desired);
      const estimate = connection.provider.estimateReads?.(readScope);
      if (estimate !== undefined) {
        checkBudget(connection.config.name, estimate, connection.config.limits.dailyBudget);
        options.onReadStart?.(
          connection.config.name,
          estimate,
          estimate / connection.config.limits.requestsPerSecond,
        );
      }
      const inventory = await connection.adapter().readAll(readScope, {
        onProgress: (done, total) => options.onProgress?.(connection.config.name, done, total),
      });
      const result = planConnection({
        contract: connection.provider.contract,
        desired: connection.desired,
        live: inventory.objects,
        options: {
          connection: connection.config.name,
          provider: connection.provider.id,
          prune: connection.config.prune && !connection.targeted && mayPrune(connection),
          replaceKeys,
          ...(connection.provider.describe ? { describe: connection.provider.describe } : {}),
        },
      });
      if (readScope) result.readScope = readScope;
      if (!options.force) result.blockers = checkSafety(result, connection.config.safety);
      return result;
    }),
  );
  return { formatVersion: 1, connections };
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

/** Pruning by delete needs its own opt-in on the connection (`options.prune_delete: true`). */
function mayPrune(connection: Session['connections'][number]): boolean {
  if (connection.provider.contract.capabilities.retire !== 'delete') return true;
  return connection.config.options?.prune_delete === true;
}
