import { createServer, type Server } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { bluesnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import { emulators } from '../../src/sandbox/registry.js';
import { type Sandbox, type SandboxEmulator, startSandbox } from '../../src/sandbox/sandbox.js';
import { PAYPAL_DEMO_PRODUCT_ID, paypalEmulator } from '../../src/sandbox/paypal/index.js';
import {
  JPMMPS_DEMO_BASIC_MONTHLY_ID,
  JPMMPS_DEMO_OLD_ANNUAL_ID,
  JPMMPS_DEMO_PREMIUM_MONTHLY_ID,
  jpmMpsEmulator,
} from '../../src/sandbox/jpmmps/index.js';
import { stripeEmulator } from '../../src/sandbox/stripe/index.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function demoAuth(): string {
  const { username, password } = bluesnapEmulator.demoCredentials;
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

describe('startSandbox', () => {
  it('starts a BlueSnap emulator on loopback with the demo credentials', async () => {
    sandbox = await startSandbox();

    const [bluesnap] = sandbox.emulators;

    expect(sandbox.emulators.map((entry) => entry.provider)).toEqual([
      'bluesnap',
      'paypal',
      'constantcontact',
      'jpmmps',
      'stripe',
    ]);
    expect(bluesnap?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\/2$/);
    expect(bluesnap?.credentials).toEqual({
      username: 'plansync-demo',
      password: 'sandbox-password-not-secret',
    });
  });

  it('seeds BlueSnap with the four demo plans', async () => {
    sandbox = await startSandbox();
    const baseUrl = sandbox.emulators[0]?.baseUrl ?? '';

    const response = await request(`${baseUrl}/recurring/plans?fulldescription=false`, {
      headers: { authorization: demoAuth() },
    });
    const body = (await response.body.json()) as { plans: Array<{ planId: number; name: string }> };

    expect(body.plans).toEqual([
      { name: 'Enterprise Annual', planId: 2185253 },
      { name: 'Pro Monthly', planId: 2185252 },
      { name: 'Basic Monthly', planId: 2185251 },
      { name: 'Legacy Gold', planId: 2185250 },
    ]);
  });

  it('continues BlueSnap planIds after the seed', async () => {
    sandbox = await startSandbox();
    const baseUrl = sandbox.emulators[0]?.baseUrl ?? '';

    const response = await request(`${baseUrl}/recurring/plans`, {
      method: 'POST',
      headers: { authorization: demoAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        chargeFrequency: 'MONTHLY',
        name: 'New',
        currency: 'USD',
        recurringChargeAmount: 5,
      }),
    });
    const body = (await response.body.json()) as { planId: number };

    expect(body.planId).toBe(2185254);
  });

  it('starts a PayPal emulator whose base URL is its origin, with the demo credentials', async () => {
    sandbox = await startSandbox();

    const paypal = paypalEntry(sandbox);

    expect(paypal.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(paypal.baseUrl).toBe(paypal.emulator.origin);
    expect(paypal.credentials).toEqual({
      client_id: 'plansync-demo-client',
      client_secret: 'sandbox-secret-not-secret',
    });
  });

  it('seeds PayPal with the three demo plans of the demo product', async () => {
    sandbox = await startSandbox();
    const paypal = paypalEntry(sandbox);
    const token = await paypalToken(paypal);

    const response = await request(
      `${paypal.baseUrl}/v1/billing/plans?product_id=${PAYPAL_DEMO_PRODUCT_ID}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const body = (await response.body.json()) as {
      plans: Array<{ id: string; name: string; status: string }>;
    };

    expect(body.plans.map((plan) => [plan.id, plan.name, plan.status])).toEqual([
      ['P-DEMOSTARTERMONTHLY000001', 'Starter Monthly', 'ACTIVE'],
      ['P-DEMOGROWTHMONTHLY0000002', 'Growth Monthly', 'ACTIVE'],
      ['P-DEMOLEGACYANNUAL00000003', 'Legacy Annual', 'INACTIVE'],
    ]);
  });

  it('starts a J.P. Morgan MPS emulator under /api/v1 with the demo merchant key', async () => {
    sandbox = await startSandbox();

    const jpmmps = entry(sandbox, 'jpmmps');

    expect(jpmmps.baseUrl).toBe(`${jpmmps.emulator.origin}/api/v1`);
    expect(jpmmps.credentials).toEqual({ api_key: 'plansync-demo-merchant-key' });
  });

  it('seeds J.P. Morgan MPS with the three demo plans, the deleted one included', async () => {
    sandbox = await startSandbox();
    const jpmmps = entry(sandbox, 'jpmmps');

    const response = await request(`${jpmmps.baseUrl}/plans`, {
      headers: { 'x-api-key': jpmMpsEmulator.demoCredentials.api_key, 'accept-language': 'en-US' },
    });
    const body = (await response.body.json()) as {
      count: number;
      data: Array<{ id: string; name: string; deletedAt: string | null }>;
    };

    expect(body.count).toBe(3);
    expect(body.data.map((plan) => [plan.id, plan.name, plan.deletedAt !== null])).toEqual([
      [JPMMPS_DEMO_OLD_ANNUAL_ID, 'Old Annual', true],
      [JPMMPS_DEMO_PREMIUM_MONTHLY_ID, 'Premium Monthly', false],
      [JPMMPS_DEMO_BASIC_MONTHLY_ID, 'Basic Monthly', false],
    ]);
  });

  it('starts a Stripe emulator whose base URL is its origin, with the demo secret key', async () => {
    sandbox = await startSandbox();

    const stripe = entry(sandbox, 'stripe');

    expect(stripe.baseUrl).toBe(stripe.emulator.origin);
    expect(stripe.credentials).toEqual({ secret_key: 'sk_test_plansync_demo_not_secret' });
  });

  it('seeds Stripe with the demo products and their active prices', async () => {
    sandbox = await startSandbox();
    const stripe = entry(sandbox, 'stripe');
    const authorization = `Basic ${Buffer.from(`${stripeEmulator.demoCredentials.secret_key}:`).toString('base64')}`;

    const products = await request(`${stripe.baseUrl}/v1/products?limit=100`, { headers: { authorization } });
    const prices = await request(`${stripe.baseUrl}/v1/prices?limit=100&active=true`, {
      headers: { authorization },
    });
    const productIds = ((await products.body.json()) as { data: Array<{ id: string }> }).data.map(
      (p) => p.id,
    );
    const priceKeys = ((await prices.body.json()) as { data: Array<{ lookup_key: string }> }).data.map(
      (p) => p.lookup_key,
    );

    expect(productIds).toEqual(['plansync_demo_pro', 'plansync_demo_starter']);
    expect(priceKeys).toEqual(['pro:month:usd', 'starter:month:usd']);
  });

  it('starts the emulators on consecutive ports from the requested one', async () => {
    const started = await startOnFreePorts();
    sandbox = started.sandbox;

    const ports = sandbox.emulators.map((entry) => Number(new URL(entry.emulator.origin).port));

    expect(ports).toEqual([0, 1, 2, 3, 4].map((offset) => started.port + offset));
  });

  it('starts one set of emulators per named instance, each with its own data and port', async () => {
    sandbox = await startSandbox({ instances: ['sandbox', 'production'] });
    const bluesnaps = sandbox.emulators.filter((emulator) => emulator.provider === 'bluesnap');

    await request(`${bluesnaps[0]?.baseUrl}/recurring/plans`, {
      method: 'POST',
      headers: { authorization: demoAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        chargeFrequency: 'MONTHLY',
        name: 'New',
        currency: 'USD',
        recurringChargeAmount: 5,
      }),
    }).then((response) => response.body.dump());
    const counts = await Promise.all(
      bluesnaps.map(async ({ baseUrl }) => {
        const response = await request(`${baseUrl}/recurring/plans`, {
          headers: { authorization: demoAuth() },
        });
        return ((await response.body.json()) as { plans: unknown[] }).plans.length;
      }),
    );

    expect(sandbox.emulators.map((emulator) => `${emulator.instance}/${emulator.provider}`)).toEqual([
      'sandbox/bluesnap',
      'sandbox/paypal',
      'sandbox/constantcontact',
      'sandbox/jpmmps',
      'sandbox/stripe',
      'production/bluesnap',
      'production/paypal',
      'production/constantcontact',
      'production/jpmmps',
      'production/stripe',
    ]);
    expect(new Set(sandbox.emulators.map((emulator) => emulator.baseUrl)).size).toBe(10);
    expect(bluesnaps.map((emulator) => emulator.credentials)).toEqual([
      bluesnapEmulator.demoCredentials,
      bluesnapEmulator.demoCredentials,
    ]);
    // The plan written to the sandbox instance is not in production's.
    expect(counts).toEqual([5, 4]);
  });

  it('applies the requested latency', async () => {
    sandbox = await startSandbox({ latencyMs: 100 });
    const baseUrl = sandbox.emulators[0]?.baseUrl ?? '';
    const started = performance.now();

    const response = await request(`${baseUrl}/recurring/plans`, { headers: { authorization: demoAuth() } });
    await response.body.dump();

    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});

function paypalEntry(running: Sandbox): SandboxEmulator {
  const entry = running.emulators.find((emulator) => emulator.provider === 'paypal');
  if (entry === undefined) throw new Error('no PayPal emulator in the sandbox');
  return entry;
}

function entry(running: Sandbox, provider: SandboxEmulator['provider']): SandboxEmulator {
  const found = running.emulators.find((emulator) => emulator.provider === provider);
  if (found === undefined) throw new Error(`no ${provider} emulator in the sandbox`);
  return found;
}

async function paypalToken(entry: SandboxEmulator): Promise<string> {
  const { client_id, client_secret } = paypalEmulator.demoCredentials;
  const response = await request(`${entry.baseUrl}/v1/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await response.body.json()) as { access_token: string }).access_token;
}

/**
 * Starts the sandbox from a port the system just gave out. Another process (a parallel test run) may
 * take one of the ports after it before the sandbox binds them: then it tries a new one.
 */
async function startOnFreePorts(attempts = 20): Promise<{ sandbox: Sandbox; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const { server, port } = await listenOnFreePort();
    await close(server);
    if (port + emulators.length - 1 > 65_535) continue;
    try {
      return { sandbox: await startSandbox({ port }), port };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= attempts) throw error;
    }
  }
}

async function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  const server = await listenOn(0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { server, port: address.port };
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
