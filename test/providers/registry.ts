// Every provider's test support, one line each: the conformance suite, the fault matrix and the crash
// loop run over this list (in this order), so a new provider adds test/providers/<id>/ and a line here.

import { bluesnapTests } from './bluesnap/index.js';
import { constantContactTests } from './constantcontact/index.js';
import { jpmmpsTests } from './jpmmps/index.js';
import { paypalTests } from './paypal/index.js';
import type { ProviderTests } from './provider-tests.js';
import { stripeTests } from './stripe/index.js';

export const PROVIDER_TESTS: readonly ProviderTests[] = [
  bluesnapTests,
  paypalTests,
  constantContactTests,
  jpmmpsTests,
  stripeTests,
];
