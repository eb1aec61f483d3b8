// The four providers as the benchmark sees them: a generated inventory in an emulator started with a
// fixed latency and a rate limit, the project YAML that declares every plan (and a variant changing
// 10% of them), how the request log sorts into kinds, the Terraform-refresh-like peer's one GET per
// plan, and the inputs of the lower bound (largest page size, usable concurrency, rate limit).

import type { RequestLogEntry, RunningEmulator } from '../../src/sandbox/kit/index.js';
import { bluesnapEmulator, startBlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import { generatePlans as generateBlueSnapPlans } from '../../src/sandbox/bluesnap/generate.js';
import {
  constantContactEmulator,
  generateAccounts,
  startConstantContactEmulator,
} from '../../src/sandbox/constantcontact/index.js';
import { jpmMpsEmulator, startJpmMpsEmulator } from '../../src/sandbox/jpmmps/index.js';
import { generatePlans as generateJpmPlans } from '../../src/sandbox/jpmmps/generate.js';
import { paypalEmulator, startPayPalEmulator } from '../../src/sandbox/paypal/index.js';
import {
  PAYPAL_BENCH_PRODUCT_ID,
  generatePlans as generatePayPalPlans,
} from '../../src/sandbox/paypal/generate.js';

export type ProviderId = 'bluesnap' | 'paypal' | 'constantcontact' | 'jpmmps';
export const PROVIDERS: readonly ProviderId[] = ['bluesnap', 'paypal', 'jpmmps', 'constantcontact'];

/** The connection name every bench project uses; its base URL comes from PLANSYNC_BASE_URL_BENCH. */
export const CONNECTION = 'bench';

export interface BenchSettings {
  /** Fixed latency the emulator adds to every request, ms. */
  latencyMs: number;
  /**
   * No rate limit in the emulators and a high pace in the project (the CI test): request counts stay
   * the same, but no 429 can come from scheduling jitter on a busy machine, and the test is quick.
   */
  unthrottled?: boolean;
}

/** What limits the work: documented or chosen, always stated in the output. */
export interface LimitInputs {
  /** Largest page size of the list (0: no list, one GET per plan). */
  pageSize: number;
  /** Parallel requests the project allows (limits.concurrency), and the peer's parallelism. */
  concurrency: number;
  /** Concurrency usable for the listing: 1 when pages follow a cursor and cannot be read in parallel. */
  listConcurrency: number;
  /** Requests per second the emulator allows and the project paces to. */
  rateLimit: number;
  /** Where the rate limit comes from. */
  rateSource: string;
  /** Whether a token request precedes the API requests. */
  tokenRequest: boolean;
}

export type RequestKind = 'list' | 'get' | 'token' | 'write';

export interface Started {
  emulator: RunningEmulator;
  /** PLANSYNC_BASE_URL_BENCH and the credential variables the project names. */
  env: Record<string, string>;
  /** The peer's requests: one GET per declared plan id, with the same authentication as plansync. */
  peer: PeerTarget;
}

export interface PeerTarget {
  /** Fetches a token when the provider needs one; returns headers for every GET. */
  authenticate(): Promise<Record<string, string>>;
  urlFor(id: string): string;
}

export interface BenchProvider {
  id: ProviderId;
  limits: LimitInputs;
  /** Plans declared; ids in declaration order (the peer reads them in this order). */
  ids(count: number): string[];
  /** Starts a fresh emulator holding `count` generated plans. */
  start(count: number, settings: BenchSettings): Promise<Started>;
  /** `plansync.yaml` of a project with one connection, `bench`. */
  projectYaml(settings?: BenchSettings): string;
  /** `plans/bench.yaml`; `changed` lists the plan indexes whose declaration differs from live. */
  plansYaml(count: number, changed: ReadonlySet<number>): string;
  /** Plan indexes the apply variant changes: 10% of the plans, each needing exactly one write. */
  changeSet(count: number): Set<number>;
  classify(entry: RequestLogEntry): RequestKind;
}

/** Requests per second allowed by the emulators of providers that publish no numbers (see README). */
export const UNPUBLISHED_RATE = 100;
/** The project's `limits.concurrency` and the peer's parallelism (Terraform's default -parallelism). */
export const CONCURRENCY = 10;

/** The project's pace when the emulators are unthrottled. */
const UNTHROTTLED_PACE = 1000;

const rateLimit = (perSecond: number, settings: BenchSettings) =>
  settings.unthrottled ? undefined : { capacity: perSecond, refillPerSecond: perSecond };
const isGet = (entry: RequestLogEntry) => entry.method === 'GET' || entry.method === 'HEAD';

function projectYaml(
  provider: string,
  credentials: Record<string, string>,
  limits: LimitInputs,
  settings: BenchSettings | undefined,
  extra: string[] = [],
): string {
  const rate = settings?.unthrottled ? UNTHROTTLED_PACE : limits.rateLimit;
  const creds = Object.entries(credentials)
    .map(([slot, env]) => `${slot}: ${env}`)
    .join(', ');
  return [
    'version: 1',
    'connections:',
    `  ${CONNECTION}:`,
    `    provider: ${provider}`,
    `    credentials: { ${creds} }`,
    `    limits: { concurrency: ${limits.concurrency}, requests_per_second: ${rate} }`,
    ...extra.map((line) => `    ${line}`),
    '',
  ].join('\n');
}

const everyTenth = (count: number): Set<number> => {
  const out = new Set<number>();
  for (let i = 0; i < count; i += 10) out.add(i);
  return out;
};

const key = (i: number) => `p${String(i + 1).padStart(6, '0')}`;
const baseEnv = 'PLANSYNC_BASE_URL_BENCH';

const bluesnap: BenchProvider = {
  id: 'bluesnap',
  limits: {
    pageSize: 500,
    concurrency: CONCURRENCY,
    listConcurrency: 1,
    rateLimit: UNPUBLISHED_RATE,
    rateSource: 'none published (bluesnap.md §6); the bench allows 100/s',
    tokenRequest: false,
  },
  ids: (count) => generateBlueSnapPlans(count).map((plan) => String(plan.planId)),
  async start(count, settings) {
    const credentials = { ...bluesnapEmulator.demoCredentials };
    const emulator = await startBlueSnapEmulator({
      credentials,
      seed: generateBlueSnapPlans(count),
      latencyMs: settings.latencyMs,
      rateLimit: rateLimit(this.limits.rateLimit, settings),
    });
    const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    return {
      emulator,
      env: { [baseEnv]: emulator.baseUrl, BS_USER: credentials.username, BS_PASS: credentials.password },
      peer: {
        authenticate: async () => ({ authorization: basic, accept: 'application/json' }),
        urlFor: (id) => `${emulator.baseUrl}/recurring/plans/${id}`,
      },
    };
  },
  projectYaml(settings) {
    return projectYaml('bluesnap', { username: 'BS_USER', password: 'BS_PASS' }, this.limits, settings);
  },
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    generateBlueSnapPlans(count).forEach((plan, i) => {
      lines.push(`  ${key(i)}:`, `    planId: ${plan.planId}`, `    name: ${plan.name}`);
      lines.push(
        `    recurringChargeAmount: ${plan.recurringChargeAmount}`,
        `    currency: ${plan.currency}`,
      );
      lines.push(`    chargeFrequency: ${plan.chargeFrequency}`);
      if (plan.trialPeriodDays !== undefined) lines.push(`    trialPeriodDays: ${plan.trialPeriodDays}`);
      const grace = changed.has(i) ? 9 : plan.gracePeriodDays;
      if (grace !== undefined) lines.push(`    gracePeriodDays: ${grace}`);
    });
    return `${lines.join('\n')}\n`;
  },
  changeSet: everyTenth,
  classify: (entry) =>
    !isGet(entry) ? 'write' : entry.path.replace(/\/+$/, '').endsWith('/recurring/plans') ? 'list' : 'get',
};

const paypal: BenchProvider = {
  id: 'paypal',
  limits: {
    pageSize: 20,
    concurrency: CONCURRENCY,
    listConcurrency: CONCURRENCY,
    rateLimit: UNPUBLISHED_RATE,
    rateSource: 'none published (paypal.md §7); the bench allows 100/s',
    tokenRequest: true,
  },
  ids: (count) => generatePayPalPlans(count).map((plan) => plan.id as string),
  async start(count, settings) {
    const credentials = paypalEmulator.demoCredentials;
    const emulator = await startPayPalEmulator({
      credentials: { clientId: credentials.client_id, clientSecret: credentials.client_secret },
      products: [PAYPAL_BENCH_PRODUCT_ID],
      seed: generatePayPalPlans(count),
      latencyMs: settings.latencyMs,
      rateLimit: rateLimit(this.limits.rateLimit, settings),
    });
    const basic = `Basic ${Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString('base64')}`;
    return {
      emulator,
      env: {
        [baseEnv]: emulator.baseUrl,
        PP_CLIENT_ID: credentials.client_id,
        PP_CLIENT_SECRET: credentials.client_secret,
      },
      peer: {
        async authenticate() {
          const body = await fetchJson(`${emulator.baseUrl}/v1/oauth2/token`, {
            method: 'POST',
            headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'grant_type=client_credentials',
          });
          return { authorization: `Bearer ${String(body.access_token)}`, accept: 'application/json' };
        },
        urlFor: (id) => `${emulator.baseUrl}/v1/billing/plans/${id}`,
      },
    };
  },
  projectYaml(settings) {
    return projectYaml(
      'paypal',
      { client_id: 'PP_CLIENT_ID', client_secret: 'PP_CLIENT_SECRET' },
      this.limits,
      settings,
    );
  },
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    generatePayPalPlans(count).forEach((plan, i) => {
      lines.push(`  ${key(i)}:`, `    id: ${plan.id}`, `    product_id: ${plan.product_id}`);
      lines.push(`    name: ${plan.name}`);
      lines.push(`    description: ${plan.description}${changed.has(i) ? ' (revised)' : ''}`);
      lines.push('    billing_cycles:');
      for (const cycle of plan.billing_cycles ?? []) {
        const f = cycle.frequency;
        lines.push(`      - tenure_type: ${cycle.tenure_type}`, `        sequence: ${cycle.sequence}`);
        lines.push(
          `        frequency: { interval_unit: ${f?.interval_unit}, interval_count: ${f?.interval_count} }`,
        );
        lines.push(`        total_cycles: ${cycle.total_cycles}`);
        const price = cycle.pricing_scheme?.fixed_price;
        if (price !== undefined)
          lines.push(
            `        pricing_scheme: { fixed_price: { value: '${price.value}', currency_code: ${price.currency_code} } }`,
          );
      }
      const prefs = plan.payment_preferences;
      lines.push('    payment_preferences:');
      lines.push(`      auto_bill_outstanding: ${prefs?.auto_bill_outstanding}`);
      lines.push(`      payment_failure_threshold: ${prefs?.payment_failure_threshold}`);
    });
    return `${lines.join('\n')}\n`;
  },
  changeSet: everyTenth,
  classify: (entry) => {
    const path = entry.path.replace(/\/+$/, '');
    if (path === '/v1/oauth2/token') return 'token';
    if (!isGet(entry)) return 'write';
    return path === '/v1/billing/plans' ? 'list' : 'get';
  },
};

const jpmmps: BenchProvider = {
  id: 'jpmmps',
  limits: {
    pageSize: 100,
    concurrency: CONCURRENCY,
    listConcurrency: CONCURRENCY,
    rateLimit: UNPUBLISHED_RATE,
    rateSource: 'none documented (jpmmps.md §7); the bench allows 100/s',
    tokenRequest: false,
  },
  ids: (count) => generateJpmPlans(count).map((plan) => plan.id as string),
  async start(count, settings) {
    const credentials = jpmMpsEmulator.demoCredentials;
    const emulator = await startJpmMpsEmulator({
      credentials: { apiKey: credentials.api_key },
      seed: generateJpmPlans(count),
      latencyMs: settings.latencyMs,
      rateLimit: rateLimit(this.limits.rateLimit, settings),
    });
    return {
      emulator,
      env: { [baseEnv]: emulator.baseUrl, JPM_KEY: credentials.api_key },
      peer: {
        authenticate: async () => ({
          'x-api-key': credentials.api_key,
          accept: 'application/json',
          'accept-language': 'en-US',
          origin: 'https://peer.local',
          'user-agent': 'bench-peer',
        }),
        urlFor: (id) => `${emulator.baseUrl}/plans/${id}`,
      },
    };
  },
  projectYaml(settings) {
    return projectYaml('jpmmps', { api_key: 'JPM_KEY' }, this.limits, settings);
  },
  plansYaml(count, changed) {
    const lines = [`connection: ${CONNECTION}`, 'plans:'];
    generateJpmPlans(count).forEach((plan, i) => {
      lines.push(`  ${key(i)}:`, `    id: ${plan.id}`, `    name: ${plan.name}`);
      lines.push(`    description: ${plan.description}${changed.has(i) ? ' (revised)' : ''}`);
      lines.push(
        `    recurrentAmount: ${plan.recurrentAmount}`,
        `    currencyIsoCode: ${plan.currencyIsoCode}`,
      );
      if (plan.trialDurationPeriod !== undefined) {
        lines.push(`    trialDurationPeriod: ${plan.trialDurationPeriod}`);
        lines.push(`    trialDurationUnit: ${plan.trialDurationUnit}`);
      }
      lines.push(`    billingOccurrence: ${plan.billingOccurrence}`, `    billingUnit: ${plan.billingUnit}`);
      lines.push(`    billingCycles: ${plan.billingCycles}`, `    prepaid: ${plan.prepaid}`);
    });
    return `${lines.join('\n')}\n`;
  },
  changeSet: everyTenth,
  classify: (entry) =>
    !isGet(entry) ? 'write' : entry.path.replace(/\/+$/, '').endsWith('/plans') ? 'list' : 'get',
};

const CC_SEED = 42;
const ccAccounts = (count: number) => generateAccounts(count, { seed: CC_SEED });
const NEXT_TYPE: Record<string, string> = { BRONZE: 'SILVER', SILVER: 'GOLD', GOLD: 'SILVER' };

const constantcontact: BenchProvider = {
  id: 'constantcontact',
  limits: {
    pageSize: 0,
    concurrency: 4,
    listConcurrency: 4,
    rateLimit: 4,
    rateSource: 'standard key quota, 4/s and 10,000/day (constantcontact.md §7)',
    tokenRequest: true,
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
        [baseEnv]: emulator.baseUrl,
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
      lines.push(`  ${key(i)}:`, `    encoded_account_id: ${account.encoded_account_id}`);
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

export const BENCH_PROVIDERS: Record<ProviderId, BenchProvider> = {
  bluesnap,
  paypal,
  jpmmps,
  constantcontact,
};

async function fetchJson(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
