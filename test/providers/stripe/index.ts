// Stripe's support for the provider-generic suites (conformance, fault matrix, crash loop).

import { idField } from '../../reliability/fault-cases.js';
import type { ProviderTests } from '../provider-tests.js';
import { stripeCase } from './conformance.js';
import { stripeCrash } from './crash.js';

/** A create's form (as logged): a price names its currency and lookup key, a product its id. */
function createdKey(body: unknown): string | undefined {
  const form = new URLSearchParams(typeof body === 'string' ? body : '');
  if (form.has('currency')) return `price ${form.get('lookup_key') ?? '(no lookup key)'}`;
  return form.has('id') ? `product ${form.get('id')}` : undefined;
}

export const stripeTests: ProviderTests = {
  conformance: stripeCase,
  faults: {
    // A secret key, no token.
    connectionYaml: ['    prune: true'],
    createdId: idField('id'),
    createdKey,
  },
  crash: stripeCrash,
};
