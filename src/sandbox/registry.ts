// Every provider's emulator, one line each: the only list of them. The sandbox (`plansync sandbox`,
// the demo) starts them in this order, on consecutive ports from `--port`.
//
// src/sandbox/ is a separate tree from the product: an emulator imports only the kit (src/sandbox/kit)
// and Node, never plansync's code, and plansync's code imports the sandbox only from the sandbox
// command and the demo. That is also why each emulator keeps its own decimal arithmetic and currency
// list (bluesnap/decimal.ts, paypal/currencies.ts, ...) instead of reusing src/core's money code: the
// emulators play the providers, and the tests trust them to judge plansync's requests. Shared money
// code would let a bug in plansync's amounts or minor units hide behind the same bug in the emulator
// that should have refused the request.

import { bluesnapEmulator } from './bluesnap/index.js';
import { constantContactEmulator } from './constantcontact/index.js';
import { jpmMpsEmulator } from './jpmmps/index.js';
import type { EmulatorModule } from './kit/index.js';
import { paypalEmulator } from './paypal/index.js';
import { stripeEmulator } from './stripe/index.js';

export const emulators: readonly EmulatorModule[] = [
  bluesnapEmulator,
  paypalEmulator,
  constantContactEmulator,
  jpmMpsEmulator,
  stripeEmulator,
];
