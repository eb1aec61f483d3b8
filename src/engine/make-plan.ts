// Reads every connection's live plans and computes the Plan. Connections are read in parallel;
// within a connection the provider's HTTP client keeps its concurrency and rate limits.

import { plan as planConnection } from '../core/planner.js';
import { checkSafety } from '../core/safety.js';
import type { ConnectionPlan, Plan } from '../core/model.js';
import type { Session } from './session.js';

export interface MakePlanOptions {
  replaceKeys?: string[];
  /** Accept tripped safety gates. */
  force?: boolean;
}

export async function makePlan(session: Session, options: MakePlanOptions = {}): Promise<Plan> {
  const replaceKeys = new Set(options.replaceKeys ?? []);
  const connections = await Promise.all(
    session.connections.map(async (connection): Promise<ConnectionPlan> => {
      const readScope = connection.provider.readScope?.(connection.desired.map((plan) => plan.attrs));
      const inventory = await connection.adapter().readAll(readScope);
      const result = planConnection({
        contract: connection.provider.contract,
        desired: connection.desired,
        live: inventory.objects,
        options: {
          connection: connection.config.name,
          provider: connection.provider.id,
          prune: connection.config.prune && !connection.targeted,
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
