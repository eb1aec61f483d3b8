// Before applying a saved plan: re-read the live objects it was made from and refuse, writing
// nothing, if any of them changed, vanished, or a new one appeared that a planned create would copy.

import { signatureOf } from '../core/compare.js';
import { fieldRule, type FieldRule } from '../core/contract.js';
import type { ConnectionPlan, Plan, PlanItem } from '../core/model.js';
import type { Value } from '../core/value.js';
import { StalePlanError, UserError } from '../errors.js';
import type { ConnectionSession, Session } from './session.js';

export async function assertFresh(session: Session, plan: Plan): Promise<void> {
  const differences: string[] = [];
  await Promise.all(
    plan.connections.map(async (saved) => {
      const connection = session.connections.find((c) => c.config.name === saved.connection);
      if (!connection) {
        throw new UserError(
          `the plan covers connection ${saved.connection}, which the project no longer declares with plans`,
        );
      }
      differences.push(...(await compareConnection(connection, saved)));
    }),
  );
  if (differences.length > 0) {
    throw new StalePlanError(
      `The plan is stale: the live state changed since it was made. Nothing was written. Make a new plan.\n` +
        differences.map((d) => `  - ${d}`).join('\n'),
      differences,
    );
  }
}

async function compareConnection(connection: ConnectionSession, saved: ConnectionPlan): Promise<string[]> {
  const differences: string[] = [];
  const inventory = await connection.adapter().readAll(saved.readScope);
  const now = new Map(inventory.objects.map((object) => [object.id, object]));
  const where = `${saved.connection}:`;

  for (const [id, fingerprint] of Object.entries(saved.fingerprints)) {
    const object = now.get(id);
    if (!object) differences.push(`${where} plan ${id} no longer exists`);
    else if (object.fingerprint !== fingerprint) differences.push(`${where} plan ${id} changed`);
  }

  // A plan created since, with the natural key of a planned create, would be duplicated.
  const contract = connection.provider.contract;
  const keyRules = contract.identity.naturalKey.map((path) => fieldRule(contract, path));
  const known = keyRules.every((rule) => rule !== undefined) ? (keyRules as FieldRule[]) : undefined;
  const signature = (attrs: Partial<Record<string, Value>>) => known && signatureOf(known, attrs);
  const creates = new Map<string, PlanItem>();
  for (const item of saved.items) {
    if (item.action !== 'create' && item.action !== 'replace') continue;
    const key = signature(item.desired ?? {});
    if (key !== undefined && !creates.has(key)) creates.set(key, item);
  }
  for (const object of inventory.objects) {
    if (object.id in saved.fingerprints) continue;
    const key = signature(object.attrs);
    const twin = key === undefined ? undefined : creates.get(key);
    if (twin)
      differences.push(
        `${where} plan ${object.id} appeared with the same ${contract.identity.naturalKey.join(' + ')} as \`${twin.key}\``,
      );
  }
  return differences;
}
