// Every provider plansync knows, registered explicitly. A test checks this list against the folders.

import { bluesnap } from './bluesnap/index.js';
import { constantcontact } from './constantcontact/index.js';
import { jpmmps } from './jpmmps/index.js';
import { paypal } from './paypal/index.js';
import type { Provider } from './types.js';

const PROVIDERS: readonly Provider[] = [bluesnap, paypal, constantcontact, jpmmps];

export const providers = {
  get(id: string): Provider | undefined {
    return PROVIDERS.find((provider) => provider.id === id);
  },
  ids(): string[] {
    return PROVIDERS.map((provider) => provider.id);
  },
  all(): readonly Provider[] {
    return PROVIDERS;
  },
};
