// The BlueSnap provider: recurring plans at /services/2/recurring/plans, HTTP Basic auth.

import type { DesiredPlan, LiveObject, PlanItem } from '../../core/model.js';
import { noOptions } from '../rules.js';
import type { NoOptions } from '../rules.js';
import type { Provider } from '../types.js';
import { BlueSnapAdapter } from './adapter.js';
import { BlueSnapApi, MAX_PAGE_SIZE } from './api.js';
import { listingEstimate } from '../read-estimate.js';
import { bluesnapContract } from './contract.js';
import { bluesnapImporter } from './import.js';
import { toAttrs } from './mapping.js';
import { bluesnapRules } from './rules.js';
import { describeBlueSnapError } from './wire.js';

export const bluesnap: Provider<NoOptions> = {
  id: 'bluesnap',
  title: 'BlueSnap recurring plans',
  contract: bluesnapContract,
  baseUrls: {
    sandbox: 'https://sandbox.bluesnap.com/services/2',
    production: 'https://ws.bluesnap.com/services/2',
  },
  credentials: [
    {
      name: 'username',
      exampleEnv: 'BLUESNAP_USERNAME',
      doc: 'API username (Merchant Portal → Settings → API Settings)',
    },
    { name: 'password', exampleEnv: 'BLUESNAP_PASSWORD', doc: 'API password' },
  ],
  options: noOptions,
  planSchema: 'bluesnap.plans.schema.json',
  rules: bluesnapRules,
  desiredAttrs: toAttrs,
  authenticator(credentials) {
    const token = Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString(
      'base64',
    );
    return { headers: () => ({ authorization: `Basic ${token}` }) };
  },
  importer: bluesnapImporter,
  describeError: describeBlueSnapError,
  // 409: a request with the same idempotency key is still in progress; its answer can be replayed.
  retryableStatuses: [409],
  describe: describeItem,
  // Basic authentication: no token request, only the listing's pages.
  estimateReads: (_scope, declared) => listingEstimate({ declared, pageSize: MAX_PAGE_SIZE }),
  connect(connection) {
    return new BlueSnapAdapter(new BlueSnapApi(connection.http));
  },
};

function describeItem(
  item: PlanItem,
  desired: DesiredPlan | undefined,
  live: LiveObject | undefined,
): string[] {
  const notes: string[] = [];
  if (item.action === 'create' && desired?.attrs.status === 'INACTIVE') {
    notes.push('BlueSnap creates plans ACTIVE: plansync sets it INACTIVE right after (2 requests).');
  }
  if (item.action === 'update') {
    notes.push('Sent as GET + PUT of the whole plan; amount, currency and frequency are resent unchanged.');
  }
  if (item.action === 'replace' && live) {
    const amount = live.attrs.recurringChargeAmount;
    notes.push(
      `Creates a new plan, then sets plan ${live.id} INACTIVE. Existing subscribers stay on plan ${live.id}` +
        (amount === undefined ? '' : ` at ${String(amount)} ${String(live.attrs.currency ?? '')}`.trimEnd()) +
        '; BlueSnap does not move subscriptions between plans.',
    );
  }
  if (item.action === 'retire') {
    notes.push('Sets the plan INACTIVE: no new subscriptions; existing subscriptions keep billing.');
  }
  return notes;
}
