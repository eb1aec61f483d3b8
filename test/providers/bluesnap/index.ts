// BlueSnap's support for the provider-generic suites (conformance, fault matrix, crash loop).

import { idField } from '../../reliability/fault-cases.js';
import type { ProviderTests } from '../provider-tests.js';
import { bluesnapCase } from './conformance.js';
import { bluesnapCrash } from './crash.js';

export const bluesnapTests: ProviderTests = {
  conformance: bluesnapCase,
  faults: { connectionYaml: ['    prune: true'], createdId: idField('planId') },
  crash: bluesnapCrash,
};
