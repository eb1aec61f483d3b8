// PayPal in the benchmark (see bench/lib/bench-provider.ts for what each field is for).

import { paypalEmulator, startPayPalEmulator, type PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import {
  PAYPAL_BENCH_PRODUCT_ID,
  generatePlans as generatePayPalPlans,
} from '../../src/sandbox/paypal/generate.js';
import {
  BASE_URL_ENV,
  CONCURRENCY,
  CONNECTION,
  UNPUBLISHED_RATE,
  everyTenth,
  fetchJson,
  isGet,
  planKey,
  projectYaml,
  rateLimit,
  type BenchProvider,
} from '../lib/bench-provider.js';

export const paypalBench: BenchProvider = {
  id: 'paypal',
  limits: {
    pageSize: 20,
    concurrency: CONCURRENCY,
    listConcurrency: CONCURRENCY,
    rateLimit: UNPUBLISHED_RATE,
    rateSource: 'none published (paypal.md §7); the bench allows 100/s',
    tokenRequest: true,
    verifyReads: 1,
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
        [BASE_URL_ENV]: emulator.baseUrl,
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
  plansYaml: (count, changed) => paypalPlansYaml(generatePayPalPlans(count), changed),
  changeSet: everyTenth,
  classify: (entry) => {
    const path = entry.path.replace(/\/+$/, '');
    if (path === '/v1/oauth2/token') return 'token';
    if (!isGet(entry)) return 'write';
    return path === '/v1/billing/plans' ? 'list' : 'get';
  },
};

/** The plans file declaring `plans` as they are live; those in `changed` get a revised description. */
export function paypalPlansYaml(plans: readonly PayPalPlanInput[], changed: ReadonlySet<number>): string {
  const lines = [`connection: ${CONNECTION}`, 'plans:'];
  plans.forEach((plan, i) => {
    lines.push(`  ${planKey(i)}:`, `    id: ${plan.id}`, `    product_id: ${plan.product_id}`);
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
}
