// The per-object stale check an adapter runs just before writing: the object as read now must have the
// fingerprint the plan saw, or nothing is written to it. The whole-plan check (engine/stale.ts) runs
// before applying starts; this one closes the gap between that read and each write.

import type { LiveObject } from '../core/model.js';
import { StalePlanError } from '../errors.js';
import type { ApplyContext } from './types.js';

/** What the messages call the object: `paypal plan`, `constantcontact account`. */
export interface ObjectKind {
  provider: string;
  noun: string;
}

/** Throws a StalePlanError when `current` (mapped exactly as readAll maps it) differs from the plan's. */
export function assertUnchanged(kind: ObjectKind, current: LiveObject, context: ApplyContext): void {
  const expected = context.expectedFingerprint;
  if (expected === undefined || current.fingerprint === expected) return;
  throw new StalePlanError(
    `${kind.provider} ${kind.noun} ${current.id} changed since the plan was made; nothing was written to it`,
    [`${kind.noun} ${current.id}`],
  );
}

/** The object the plan saw is gone: nothing was written to it. */
export function vanished(kind: ObjectKind, id: string): StalePlanError {
  return new StalePlanError(
    `${kind.provider} ${kind.noun} ${id} no longer exists; nothing was written to it`,
    [`${kind.noun} ${id}`],
  );
}
