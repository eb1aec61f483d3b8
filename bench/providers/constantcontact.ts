// Constant Contact in the benchmark (see bench/lib/bench-provider.ts for what each field is for).

import {
  constantContactEmulator,
  generateAccounts,
  startConstantContactEmulator,
} from '../../src/sandbox/constantcontact/index.js';
import {
  BASE_URL_ENV,
  CONNECTION,
  fetchJson,
  isGet,
  planKey,
  projectYaml,
  type BenchProvider,
} from '../lib/bench-provider.js';

const CC_SEED = 42;
const ccAccounts = (count: number) => generateAccounts(count, { seed: CC_SEED });
const NEXT_TYPE: Record<string, string> = { BRONZE: 'SILVER', SILVER: 'GOLD', GOLD: 'SILVER' };

export const constantContactBench: BenchProvider = {
  id: 'constantcontact',
  quotaBound: true,
  limits: {
    pageSize: 0,
    concurrency: 4,
    listConcurrency: 4,
    rateLimit: 4,
    rateSource: 'standard key quota, 4/s and 10,000/day (constantcontact.md §7)',
    tokenRequest: true,
    verifyReads: 0,
  },
  ids: (count) => ccAccounts(count).map((account) => account.encoded_account_id),
  async start(count, settings) {
    const demo = constantContactEmulator.demoCredentials;
    const credentials = { apiKey: demo.api_key, clientId: demo.client_id, clientSecret: demo.client_secret };
    const emulator = await startConstantContactEmulator({
      credentials,
      accounts: ccAccounts(count),
      requestsPerSecond: settings.unthrottled ? Infinity : 4,
      requestsPerDay: settings.unthrottled ? Infinity : 10_000,
      latencyMs: settings.latencyMs,
    });
    const basic = `Basic ${Buffer.from(`${demo.client_id}:${demo.client_secret}`).toString('base64')}`;
    return {
      emulator,
      env: {
        [BASE_URL_ENV]: emulator.baseUrl,
        CC_API_KEY: demo.api_key,
        CC_CLIENT_ID: demo.client_id,
        CC_CLIENT_SECRET: demo.client_secret,
      },
      peer: {
        async authenticate() {
          const body = await fetchJson(
            `${emulator.tokenUrl}?grant_type=client_credentials&scope=${encodeURIComponent('v3api/general.partner')}`,
            {
              method: 'POST',
              headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
              body: '',
            },
          );
          return {
            authorization: `Bearer ${String(body.access_token)}`,
            'x-api-key': demo.api_key,
            accept: 'application/json',
          };
        },
        urlFor: (id) => `${emulator.baseUrl}/partner/accounts/${id}/plan`,
      },
    };
  },
  projectYaml(settings) {
    return projectYaml(
      'constantcontact',
      { api_key: 'CC_API_KEY', client_id: 'CC_CLIENT_ID', client_secret: 'CC_CLIENT_SECRET' },
      this.limits,
      settings,
      ['options: { plan_types: [TRIAL, BRONZE, SILVER, GOLD] }'],
    );
  },
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    ccAccounts(count).forEach((account, i) => {
      const type = account.plan_type ?? 'TRIAL';
      lines.push(`  ${planKey(i)}:`, `    encoded_account_id: ${account.encoded_account_id}`);
      lines.push(`    plan_type: ${changed.has(i) ? NEXT_TYPE[type] : type}`);
    });
    return `${lines.join('\n')}\n`;
  },
  /** 10% of the accounts, taken from the open paid ones in list order: a paid plan moves to another. */
  changeSet(count) {
    const wanted = Math.ceil(count / 10);
    const out = new Set<number>();
    ccAccounts(count).forEach((account, i) => {
      if (out.size < wanted && account.billing_status === 'Open' && NEXT_TYPE[account.plan_type ?? ''])
        out.add(i);
    });
    return out;
  },
  classify: (entry) => {
    const path = entry.path.replace(/\/+$/, '');
    if (path === '/partner-token') return 'token';
    return isGet(entry) ? 'get' : 'write';
  },
};
