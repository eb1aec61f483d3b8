// The J.P. Morgan Mobile Payment Solutions provider: subscription plans at {baseURL}/plans, with
// the merchant key in `x-api-key`. The public documents publish no hosts: each connection sets one.

import type { DesiredPlan, LiveObject, PlanItem } from '../../core/model.js';
import type { Provider } from '../types.js';
import { JpmAdapter } from './adapter.js';
import { JpmApi, PAGE_SIZE } from './api.js';
import { listingEstimate } from '../read-estimate.js';
import { jpmmpsContract } from './contract.js';
import { jpmmpsImporter } from './import.js';
import { toAttrs } from './mapping.js';
import { jpmmpsOptions } from './options.js';
import type { JpmOptions } from './options.js';
import { jpmmpsRules } from './rules.js';
import { describeJpmError } from './wire.js';

const REACH = new Set([
  'recurrentAmount',
  'currencyIsoCode',
  'billingCycles',
  'billingOccurrence',
  'billingUnit',
]);

export const jpmmps: Provider<JpmOptions> = {
  id: 'jpmmps',
  title: 'J.P. Morgan MPS subscription plans',
  contract: jpmmpsContract,
  // Hosts are handed over with the merchant key during onboarding: `base_url` is required.
  baseUrls: {},
  credentials: [{ name: 'api_key', exampleEnv: 'JPMMPS_MERCHANT_KEY', doc: 'the merchant key (x-api-key)' }],
  options: jpmmpsOptions,
  // Pruning deletes here (capabilities.retire), so it takes the connection's own opt-in.
  pruneAllowed: (options) => options.prune_delete,
  planSchema: 'jpmmps.plans.schema.json',
  rules: jpmmpsRules,
  desiredAttrs: toAttrs,
  authenticator: (credentials) => ({
    headers: () => ({
      'x-api-key': credentials.api_key ?? '',
      'accept-language': 'en-US',
      origin: 'https://plansync.local',
    }),
  }),
  importer: jpmmpsImporter,
  describeError: describeJpmError,
  describe: describeItem,
  // A static key: no token request, only the listing's pages.
  estimateReads: (_scope, declared) => listingEstimate({ declared, pageSize: PAGE_SIZE }),
  connect: (connection) => new JpmAdapter(new JpmApi(connection.http)),
};

function describeItem(
  item: PlanItem,
  _desired: DesiredPlan | undefined,
  live: LiveObject | undefined,
): string[] {
  const notes: string[] = [];
  if (item.action === 'update' && item.changes.some((change) => REACH.has(change.path))) {
    notes.push(
      'Unknown reach: the API does not document whether existing subscriptions pick up this change; it is classed as reaching them to be safe.',
    );
  }
  if (item.action === 'update') {
    const paired = item.changes.some((c) => /Duration|billingOccurrence|billingUnit/.test(c.path));
    notes.push(
      `One PATCH with the changed fields${paired ? ' (a trial or billing pair travels whole)' : ''}.`,
    );
  }
  if (item.action === 'replace' && live) {
    notes.push(
      `Creates a new plan, then deletes plan ${live.id} (soft delete). Existing subscriptions keep their plan.`,
    );
  }
  if (item.action === 'retire')
    notes.push('Deletes the plan (soft delete: deletedAt is set; it is no longer listed).');
  return notes;
}
