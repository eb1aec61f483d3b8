// Every provider plansync knows, registered explicitly: the only list of providers. Config, engine,
// CLI, docs and schemas reach a provider's parts through its module here. A test checks this list
// against the folders, and each provider for its parts.

import { bluesnap } from './bluesnap/index.js';
import { constantcontact } from './constantcontact/index.js';
import { jpmmps } from './jpmmps/index.js';
import { paypal } from './paypal/index.js';
import { stripe } from './stripe/index.js';
import type { AnyProvider } from './types.js';

const PROVIDERS: readonly AnyProvider[] = [bluesnap, paypal, constantcontact, jpmmps, stripe];

export const providers = {
  get(id: string): AnyProvider | undefined {
    return PROVIDERS.find((provider) => provider.id === id);
  },
  ids(): string[] {
    return PROVIDERS.map((provider) => provider.id);
  },
  all(): readonly AnyProvider[] {
    return PROVIDERS;
  },
};
