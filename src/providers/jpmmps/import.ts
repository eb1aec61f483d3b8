// `plansync import` for J.P. Morgan MPS: a live plan back into the YAML that declares it, `id` first.
// Wire and YAML share field names. Deleted plans are not listed by the API, so none is ever imported.

import type { LiveObject } from '../../core/model.js';
import { amountValue } from '../import-kit.js';
import type { ImportedPlan, ProviderImporter } from '../types.js';
import { jpmmpsContract } from './contract.js';

const COMMENTS: Record<string, string> = {
  recurrentAmount: 'changes in place; whether existing subscriptions pick it up is undocumented',
  trialDurationPeriod: 'a trial can change, but not be removed',
  billingCycles: 'number of charges; -1 = unlimited',
  prepaid: 'fixed at creation: a change needs a new plan (lifecycle.replace)',
};

function toSpec(object: LiveObject): ImportedPlan {
  const spec: Record<string, unknown> = { id: object.id };
  const comments: Record<string, string> = {};
  for (const rule of jpmmpsContract.fields) {
    const value = object.attrs[rule.path];
    if (value === undefined || value === null || rule.mutability.mode === 'read-only') continue;
    spec[rule.path] =
      rule.path === 'recurrentAmount' ? amountValue(value, object.attrs.currencyIsoCode) : value;
    const comment = COMMENTS[rule.path];
    if (comment !== undefined) comments[rule.path] = comment;
  }
  const name = object.attrs.name;
  return { spec, comments, ...(typeof name === 'string' ? { name } : {}), retired: false };
}

/** The plan list holds every plan not deleted, in pages: nothing to narrow, nothing retired to skip. */
export const jpmmpsImporter: ProviderImporter = { toSpec };
