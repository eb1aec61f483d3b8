// Constant Contact's support for the provider-generic suites (conformance, fault matrix, crash loop).

import { TOKEN_PATH } from '../../../src/sandbox/constantcontact/index.js';
import { idField } from '../../reliability/fault-cases.js';
import type { ProviderTests } from '../provider-tests.js';
import { constantContactCase } from './conformance.js';
import { constantContactCrash } from './crash.js';

export const constantContactTests: ProviderTests = {
  conformance: constantContactCase,
  faults: {
    token: { method: 'POST', path: TOKEN_PATH },
    // Partners cannot create or cancel accounts: there is nothing to prune.
    connectionYaml: [],
    createdId: idField('encoded_account_id'),
  },
  crash: constantContactCrash,
};
