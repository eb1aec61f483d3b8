// PayPal's support for the provider-generic suites (conformance, fault matrix, crash loop).

import { TOKEN_PATH } from '../../../src/sandbox/paypal/index.js';
import { idField } from '../../reliability/fault-cases.js';
import type { ProviderTests } from '../provider-tests.js';
import { paypalCase } from './conformance.js';
import { paypalCrash } from './crash.js';

export const paypalTests: ProviderTests = {
  conformance: paypalCase,
  faults: {
    token: { method: 'POST', path: TOKEN_PATH },
    connectionYaml: ['    prune: true'],
    createdId: idField('id'),
  },
  crash: paypalCrash,
};
