// J.P. Morgan MPS's support for the provider-generic suites (conformance, fault matrix, crash loop).

import { idField } from '../../reliability/fault-cases.js';
import type { ProviderTests } from '../provider-tests.js';
import { jpmCase } from './conformance.js';
import { jpmmpsCrash } from './crash.js';

export const jpmmpsTests: ProviderTests = {
  conformance: jpmCase,
  faults: {
    connectionYaml: ['    prune: true', '    options:', '      prune_delete: true'],
    createdId: idField('id'),
  },
  crash: jpmmpsCrash,
};
