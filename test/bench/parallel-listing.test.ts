// PayPal and J.P. Morgan MPS address list pages by number and say how many there are, so after the
// first page plansync asks for the rest at once (up to the connection's concurrency): the benchmark
// found 10,000 plans read one page after another. Same plans, same order, the minimum number of pages.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/sandbox/kit/index.js';
import { ClientCredentials } from '../../src/http/oauth-client-credentials.js';
import { HttpClient, type HttpClientOptions, type HttpRequest } from '../../src/http/client.js';
import { JpmApi } from '../../src/providers/jpmmps/api.js';
import { jpmMpsEmulator, startJpmMpsEmulator } from '../../src/sandbox/jpmmps/index.js';
import { generatePlans as generateJpmPlans } from '../../src/sandbox/jpmmps/generate.js';
import { PayPalApi } from '../../src/providers/paypal/api.js';
import { paypalEmulator, startPayPalEmulator } from '../../src/sandbox/paypal/index.js';
import {
  PAYPAL_BENCH_PRODUCT_ID,
  generatePlans as generatePayPalPlans,
} from '../../src/sandbox/paypal/generate.js';

const CONCURRENCY = 4;
const open: Array<{ emulator: RunningEmulator; http: HttpClient }> = [];
afterEach(async () => {
  for (const { emulator, http } of open.splice(0)) {
    await http.close();
    await emulator.close();
  }
});

/** An HttpClient whose sends are counted while in flight. */
function counting(http: HttpClient): { http: HttpClient; maxInFlight: () => number } {
  let inFlight = 0;
  let max = 0;
  const send = http.send.bind(http);
  const wrapped = Object.create(http) as HttpClient;
  wrapped.send = async (request: HttpRequest) => {
    inFlight++;
    max = Math.max(max, inFlight);
    try {
      return await send(request);
    } finally {
      inFlight--;
    }
  };
  return { http: wrapped, maxInFlight: () => max };
}

const client = (baseUrl: string, provider: string, auth?: HttpClientOptions['auth']) =>
  new HttpClient({
    provider,
    baseUrl,
    concurrency: CONCURRENCY,
    requestsPerSecond: 1000,
    timeoutMs: 10_000,
    retries: 0,
    ...(auth ? { auth } : {}),
  });

/** The PayPal emulator seeded with `seed`, and a client that gets its token from it. */
async function startPayPal(seed: ReturnType<typeof generatePayPalPlans>, latencyMs?: number) {
  const { client_id: clientId, client_secret: clientSecret } = paypalEmulator.demoCredentials;
  const emulator = await startPayPalEmulator({
    credentials: { clientId, clientSecret },
    products: [PAYPAL_BENCH_PRODUCT_ID],
    seed,
    ...(latencyMs === undefined ? {} : { latencyMs }),
  });
  const http = client(
    emulator.baseUrl,
    'paypal',
    new ClientCredentials({
      provider: 'paypal',
      tokenUrl: '/v1/oauth2/token',
      clientId,
      clientSecret,
      paramsIn: 'form',
    }),
  );
  open.push({ emulator, http });
  return { emulator, http };
}

describe('list pages after the first are read in parallel', () => {
  it('paypal: 95 plans, 5 pages of 20, in order', async () => {
    const seed = generatePayPalPlans(95);
    const { emulator, http } = await startPayPal(seed, 30);
    const counted = counting(http);
    const plans = await new PayPalApi(counted.http).listAll(PAYPAL_BENCH_PRODUCT_ID);

    expect(plans.map((plan) => plan.id)).toEqual(seed.map((plan) => plan.id));
    const pages = emulator.log.filter((e) => e.method === 'GET' && e.path === '/v1/billing/plans');
    expect(pages.map((e) => Number(e.query.page)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(counted.maxInFlight()).toBe(4); // pages 2–5 (1–4) at once, after the first
  });

  it('paypal: a single short page is the only request', async () => {
    const { emulator, http } = await startPayPal(generatePayPalPlans(20));
    expect(await new PayPalApi(http).listAll(PAYPAL_BENCH_PRODUCT_ID)).toHaveLength(20);
    expect(emulator.log.filter((e) => e.path === '/v1/billing/plans')).toHaveLength(1);
  });

  it('jpmmps: 450 plans, 5 pages of 100, in order, deleted plans left out', async () => {
    const seed = generateJpmPlans(450);
    const emulator = await startJpmMpsEmulator({
      credentials: { apiKey: jpmMpsEmulator.demoCredentials.api_key },
      seed: [
        ...seed,
        {
          ...seed[0]!,
          id: 'SubscriptionPlan-be0c0000-0000-4000-8000-999999999999',
          deletedAt: seed[0]!.createdAt,
        },
      ],
      latencyMs: 30,
    });
    const http = client(emulator.baseUrl, 'jpmmps');
    const keyed = Object.create(http) as HttpClient;
    keyed.send = (request: HttpRequest) =>
      http.send({
        ...request,
        headers: {
          ...request.headers,
          'x-api-key': jpmMpsEmulator.demoCredentials.api_key,
          'accept-language': 'en-US',
        },
      });
    open.push({ emulator, http });
    const counted = counting(keyed);
    const plans = await new JpmApi(counted.http).list();

    expect(plans.map((plan) => plan.id)).toEqual(seed.map((plan) => plan.id));
    const pages = emulator.log.filter((e) => e.method === 'GET' && e.path.endsWith('/plans'));
    expect(pages.map((e) => Number(e.query.page)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(counted.maxInFlight()).toBe(4); // pages 2–5 (1–4) at once, after the first
  });
});
