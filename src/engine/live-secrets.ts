// Live plan data that contains a credential's value stops the run where it is read: plan data is
// shown and saved exactly as it is (output masking never alters it), so a secret in it would be
// printed. The error names the connection, the live plan and the field, never the value.

import type { LiveObject } from '../core/model.js';
import { secretIn, textsIn, type SecretValue } from '../config/secret-values.js';
import { ProviderError } from '../errors.js';
import type { ProviderAdapter } from '../providers/types.js';

/** The adapter, with every live object it reads or gets back from a write checked for `secrets`. */
export function guardLiveData(
  adapter: ProviderAdapter,
  secrets: readonly SecretValue[],
  where: { provider: string; connection: string },
): ProviderAdapter {
  if (secrets.length === 0) return adapter;
  const check = (object: LiveObject | undefined) => {
    if (object) assertNoSecret(object, secrets, where);
    return object;
  };
  // Each method called on the adapter itself, so it keeps its own `this`.
  const guarded: ProviderAdapter = {
    async readAll(scope, options) {
      const inventory = await adapter.readAll(scope, options);
      for (const object of inventory.objects) check(object);
      return inventory;
    },
    create: async (desired, context) => check(await adapter.create(desired, context)) as LiveObject,
    update: async (item, context) => check(await adapter.update(item, context)) as LiveObject,
    retire: async (id, context) => check(await adapter.retire(id, context)),
  };
  return guarded;
}

function assertNoSecret(
  object: LiveObject,
  secrets: readonly SecretValue[],
  where: { provider: string; connection: string },
): void {
  const found = [{ path: 'id', text: object.id }, ...textsIn(object.attrs, '')]
    .map((text) => ({ path: text.path.replace(/^\./, ''), secret: secretIn(text.text, secrets) }))
    .find((hit) => hit.secret !== undefined);
  if (!found?.secret) return;
  const id = found.path === 'id' ? '(its id)' : object.id;
  throw new ProviderError(
    `live plan ${id}: field ${found.path} contains the value of the credential in ${found.secret.name}. plansync stops rather than show or save it (plan data is never masked). Rotate that credential: it has leaked into the provider's data; then correct the plan at the provider`,
    { provider: where.provider, connection: where.connection },
  );
}
