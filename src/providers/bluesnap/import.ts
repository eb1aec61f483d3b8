// `plansync import` for BlueSnap: a live plan back into the YAML that declares it, `planId` first.
// Wire and YAML share field names, so the spec is the live attributes in the contract's order.

import { isRetired } from '../../core/identity.js';
import type { LiveObject } from '../../core/model.js';
import { amountValue, FIXED_AT_CREATION } from '../import-kit.js';
import type { ImportedPlan, ProviderImporter } from '../types.js';
import { bluesnapContract } from './contract.js';

const AMOUNTS = new Set(['recurringChargeAmount', 'initialChargeAmount']);

const COMMENTS: Record<string, string> = {
  recurringChargeAmount: FIXED_AT_CREATION,
  currency: 'fixed at creation',
  chargeFrequency: 'fixed at creation',
  trialPeriodDays: 'can change, but not be removed (CANNOT_DELETE_ELEMENT)',
  initialChargeAmount: 'can change, but not be removed (CANNOT_DELETE_ELEMENT)',
};

function toSpec(object: LiveObject): ImportedPlan {
  // An integer in YAML, as BlueSnap shows it; digits beyond a double's exact range stay text.
  const spec: Record<string, unknown> = {
    planId: /^[1-9]\d{0,14}$/.test(object.id) ? Number(object.id) : object.id,
  };
  const comments: Record<string, string> = {};
  for (const rule of bluesnapContract.fields) {
    const value = object.attrs[rule.path];
    if (value === undefined || value === null || rule.mutability.mode === 'read-only') continue;
    spec[rule.path] = AMOUNTS.has(rule.path) ? amountValue(value, object.attrs.currency) : value;
    const comment = COMMENTS[rule.path];
    if (comment !== undefined) comments[rule.path] = comment;
  }
  if (object.attrs.status === 'INACTIVE')
    comments.status = 'no new subscriptions; existing ones keep billing';
  const name = object.attrs.name;
  return {
    spec,
    comments,
    ...(typeof name === 'string' ? { name } : {}),
    retired: isRetired(bluesnapContract, object),
  };
}

/** BlueSnap lists every plan, INACTIVE ones too, in one paged read: nothing to narrow. */
export const bluesnapImporter: ProviderImporter = { toSpec };
