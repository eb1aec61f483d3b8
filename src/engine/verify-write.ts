// Verified writes, in words: what the provider holds after a write, held against what the operation
// was meant to achieve (src/core/verify.ts decides; this says it for the apply report). A mismatch
// fails the operation and is never retried: resending what the provider just ignored would either
// be ignored again or, for a create, make another plan.

import type { Contract } from '../core/contract.js';
import type { LiveObject } from '../core/model.js';
import type { Attrs } from '../core/value.js';
import { declaredPaths, isOutOfService, unmetFields, type WriteMismatch } from '../core/verify.js';
import { ExitCode, PlansyncError, type ExitCodeValue } from '../errors.js';
import { formatValue } from '../render/values.js';

/** A write the provider answered otherwise than asked: the operation failed, with this message. */
class UnmetWriteError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.error;
  constructor(message: string) {
    super(message);
    this.name = 'UnmetWriteError';
  }
}

const NOT_RETRIED = 'plansync did not retry it';

/** `kept \`a\` at 1 (asked 2), \`b\` at …` or `with \`a\` 1 (asked 2), …`. */
function described(mismatches: WriteMismatch[], verb: 'kept' | 'with'): string {
  const at = verb === 'kept' ? ' at' : '';
  const fields = mismatches.map(
    (m) =>
      `\`${m.path}\`${at} ${formatValue(m.held, m.currency)} (asked ${formatValue(m.asked, m.currency)})`,
  );
  return `${verb} ${fields.join(', ')}`;
}

/** After an update: every changed field must hold its new value. */
export function checkUpdated(
  provider: string,
  contract: Contract,
  id: string,
  desired: Attrs,
  paths: readonly string[],
  after: LiveObject,
): void {
  const mismatches = unmetFields(contract, desired, paths, after.attrs);
  if (mismatches.length === 0) return;
  throw new UnmetWriteError(
    `${provider} accepted the update of ${id} but ${described(mismatches, 'kept')}; ${NOT_RETRIED}, and the next plan shows the change again. Check ${id} at the provider: a field it ignores has to be changed there, or left out of the YAML`,
  );
}

/**
 * After a create: the new object must be new (not one read when the plan was made: an answer naming
 * an existing plan says nothing of what was created) and hold every declared field.
 */
export function checkCreated(
  provider: string,
  contract: Contract,
  desired: Attrs,
  created: LiveObject,
  /** Whether an id was read when the plan was made. */
  existed: (id: string) => boolean,
): void {
  const idField = contract.identity.idField;
  if (existed(created.id)) {
    throw new UnmetWriteError(
      `${provider} answered the create with ${created.id}, which existed before this apply; whether a new plan was made is unknown, and nothing that depends on it was done. Look for a new plan at the provider before applying again, and pin it (\`${idField}: <id>\`) if there is one`,
    );
  }
  const mismatches = unmetFields(contract, desired, declaredPaths(contract, desired), created.attrs);
  if (mismatches.length === 0) return;
  throw new UnmetWriteError(
    `${provider} created ${created.id} ${described(mismatches, 'with')}; ${NOT_RETRIED}, and nothing that depends on it was done. Review ${created.id} at the provider: pin it (\`${idField}: ${created.id}\`) to correct it in place, or retire it`,
  );
}

/** After a retirement: the object must be gone or hold the retired status. */
export function checkRetired(
  provider: string,
  contract: Contract,
  id: string,
  after: LiveObject | undefined,
): void {
  if (isOutOfService(contract, after)) return;
  const status = contract.status;
  const held = status === undefined ? 'still there' : `still ${formatValue(after?.attrs[status.path])}`;
  throw new UnmetWriteError(
    `${provider} accepted the retirement of ${id} but shows it ${held}; ${NOT_RETRIED}, and the next plan shows it again`,
  );
}
