// Stripe's support for the provider-generic suites (conformance, fault matrix, crash loop).

import { idField } from '../../reliability/fault-cases.js';
import type { ProviderTests } from '../provider-tests.js';
import { stripeCase } from './conformance.js';
import { stripeCrash } from './crash.js';

export const stripeTests: ProviderTests = {
  conformance: stripeCase,
  faults: {
    // A secret key, no token.
    connectionYaml: ['    prune: true'],
    createdId: idField('id'),
  },
  crash: stripeCrash,
};
