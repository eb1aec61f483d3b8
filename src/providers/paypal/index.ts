// The PayPal provider: Billing Plans v1 at /v1/billing/plans, OAuth2 client credentials.

import type { DesiredPlan, LiveObject, PlanItem } from '../../core/model.js';
import { noOptions } from '../rules.js';
import type { NoOptions } from '../rules.js';
import type { Provider } from '../types.js';
import { PayPalAdapter } from './adapter.js';
import { MAX_PAGE_SIZE, PayPalApi } from './api.js';
import { listingEstimate } from '../read-estimate.js';
import { ClientCredentials } from '../../http/oauth-client-credentials.js';
import { paypalContract } from './contract.js';
import { paypalImporter } from './import.js';
import { toAttrs } from './mapping.js';
import { paypalRules } from './rules.js';
import { describePayPalError } from './wire.js';

export const paypal: Provider<NoOptions> = {
  id: 'paypal',
  title: 'PayPal billing plans',
  contract: paypalContract,
  baseUrls: { sandbox: 'https://api-m.sandbox.paypal.com', production: 'https://api-m.paypal.com' },
  credentials: [
    { name: 'client_id', exampleEnv: 'PAYPAL_CLIENT_ID', doc: 'REST app client id' },
    { name: 'client_secret', exampleEnv: 'PAYPAL_CLIENT_SECRET', doc: 'REST app secret' },
  ],
  options: noOptions,
  planSchema: 'paypal.plans.schema.json',
  rules: paypalRules,
  desiredAttrs: toAttrs,
  authenticator: (credentials) =>
    new ClientCredentials({
      provider: 'paypal',
      tokenUrl: '/v1/oauth2/token',
      clientId: credentials.client_id ?? '',
      clientSecret: credentials.client_secret ?? '',
      paramsIn: 'form',
    }),
  importer: paypalImporter,
  describeError: describePayPalError,
  // Reads are bounded to the products the YAML declares: other products' plans are not plansync's.
  readScope: (desired) => ({
    product_ids: [
      ...new Set(desired.map(({ attrs }) => attrs.product_id).filter((id) => typeof id === 'string')),
    ].sort(),
  }),
  estimateReads(scope, declared) {
    const products = Array.isArray(scope?.product_ids) ? scope.product_ids.length : undefined;
    // Nothing declared for any product: nothing is read, not even a token.
    if (products === 0) return { requests: 0, exact: true };
    return listingEstimate({
      declared,
      pageSize: MAX_PAGE_SIZE,
      ...(products !== undefined && { lists: products }),
      setup: 1,
      setupName: 'token',
    });
  },
  describe: describeItem,
  connect: (connection) => new PayPalAdapter(new PayPalApi(connection.http)),
};

function describeItem(
  item: PlanItem,
  desired: DesiredPlan | undefined,
  live: LiveObject | undefined,
): string[] {
  const notes: string[] = [];
  const repriced = item.changes.some((change) => change.via === 'update-pricing-schemes');
  if (item.action === 'update' && repriced) {
    notes.push(
      'Price change via update-pricing-schemes: PayPal emails existing subscribers, and payments due within its 10-day notice period keep the old price; new subscribers pay the new price at once.',
    );
  }
  const status = item.changes.find((change) => change.path === 'status');
  if (item.action === 'update' && status?.after === 'ACTIVE' && item.changes.length > 1) {
    notes.push('The plan is activated first, then updated (PayPal changes only status on an INACTIVE plan).');
  }
  if (item.action === 'update' && status?.after === 'INACTIVE' && item.changes.length > 1) {
    notes.push('The plan is updated first, then deactivated.');
  }
  if (item.action === 'create' && desired?.attrs.status === 'INACTIVE') {
    notes.push(
      'PayPal creates plans CREATED or ACTIVE: plansync creates it ACTIVE, deactivates it, then reads it back to check (3 requests).',
    );
  }
  if (item.action === 'replace' && live) {
    notes.push(
      `Creates a new plan, then deactivates plan ${live.id}. Existing subscribers stay on plan ${live.id} at its current price; PayPal does not move subscriptions between plans.`,
    );
  }
  if (item.action === 'retire')
    notes.push('Deactivates the plan: no new subscriptions; existing subscriptions keep billing.');
  return notes;
}
