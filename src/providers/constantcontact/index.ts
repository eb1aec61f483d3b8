// The Constant Contact provider: a technology partner's client accounts and their billing plans,
// through the v3 partner API (x-api-key + a one-hour partner JWT).

import { ClientCredentials } from '../../http/oauth-client-credentials.js';
import type { DesiredPlan, LiveObject, PlanItem } from '../../core/model.js';
import type { Provider } from '../types.js';
import { ConstantContactAdapter, accountIds } from './adapter.js';
import { ConstantContactApi } from './api.js';
import { constantContactContract } from './contract.js';
import { constantContactImporter } from './import.js';
import { constantcontactOptions } from './options.js';
import type { ConstantContactOptions } from './options.js';
import { constantcontactRules } from './rules.js';
import { describeConstantContactError } from './wire.js';

/** The partner token endpoint documented in the v3 guide (Amazon Cognito). */
const DEFAULT_TOKEN_URL = 'https://v3api-partner.auth.us-east-1.amazoncognito.com/oauth2/token';
const PRODUCTION_HOST = 'api.cc.email';

export const constantcontact: Provider<ConstantContactOptions> = {
  id: 'constantcontact',
  title: 'Constant Contact partner account plans',
  contract: constantContactContract,
  // Constant Contact documents one environment; partners test with test accounts on it.
  baseUrls: { sandbox: 'https://api.cc.email/v3', production: 'https://api.cc.email/v3' },
  initSettings: [
    '    options:',
    '      # Required: the plan types enabled in your partner plan group; every plan_type is checked against them.',
    '      plan_types: [TRIAL, BRONZE, SILVER, GOLD]',
  ],
  credentials: [
    { name: 'api_key', exampleEnv: 'CTCT_API_KEY', doc: 'the partner application API key (x-api-key)' },
    { name: 'client_id', exampleEnv: 'CTCT_PARTNER_CLIENT_ID', doc: 'partner client id for the partner JWT' },
    { name: 'client_secret', exampleEnv: 'CTCT_PARTNER_SECRET', doc: 'partner secret for the partner JWT' },
  ],
  options: constantcontactOptions,
  // Documented standard key quotas.
  connectionDefaults: { requestsPerSecond: 4, dailyBudget: 10_000 },
  planSchema: 'constantcontact.plans.schema.json',
  rules: constantcontactRules,
  desiredAttrs(spec) {
    const attrs: Record<string, string | number> = {};
    for (const field of ['plan_type', 'billing_status'] as const) {
      if (typeof spec[field] === 'string') attrs[field] = spec[field] as string;
    }
    if (spec.billing_day_of_month !== undefined)
      attrs.billing_day_of_month = Number(spec.billing_day_of_month);
    return attrs;
  },
  authenticator(credentials, connection) {
    // Off Constant Contact's host (a sandbox), the token endpoint is on the same host unless configured.
    const url = new URL(connection.baseUrl);
    const fallback = url.host === PRODUCTION_HOST ? DEFAULT_TOKEN_URL : `${url.origin}/partner-token`;
    const tokenUrl = connection.options.token_url ?? fallback;
    return new ClientCredentials({
      provider: 'constantcontact',
      tokenUrl,
      clientId: credentials.client_id ?? '',
      clientSecret: credentials.client_secret ?? '',
      paramsIn: 'query',
      scope: 'v3api/general.partner',
      extraHeaders: { 'x-api-key': credentials.api_key ?? '' },
    });
  },
  importer: constantContactImporter,
  describeError: describeConstantContactError,
  // One GET per declared account: there is no bulk plan read, so only declared accounts are read.
  readScope: (desired) => ({
    account_ids: desired.flatMap((plan) => (plan.id === undefined ? [] : [plan.id])),
  }),
  estimateReads: (scope) => ({ requests: accountIds(scope).length + 1, exact: true, setup: 1 }),
  describe: describeItem,
  connect: (connection) =>
    new ConstantContactAdapter(new ConstantContactApi(connection.http), connection.concurrency),
};

function describeItem(
  item: PlanItem,
  _desired: DesiredPlan | undefined,
  live: LiveObject | undefined,
): string[] {
  const tiers = live?.attrs.current_tiers;
  if (!Array.isArray(tiers) || tiers.length === 0 || item.action === 'no-op') return [];
  const tier = tiers[0] as Record<string, unknown>;
  return [
    `current usage: ${String(tier.current_usage)} ${String(tier.usage_type ?? 'CONTACTS').toLowerCase()}, tier ${String(tier.tier)} (${String(tier.price)} ${String(tier.currency_code ?? '')}/month)`,
  ];
}
