// The CLI end to end against the Stripe emulator over real sockets: each rule of the reference
// (stripe.md §§5–9) as plansync meets it, with the exact writes it sends. Products are created with
// the id the YAML names; a price's money terms change only by replacement, done the Stripe way
// (old price marked, new price takes the lookup key, default price moved, old price archived).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  startStripeEmulator,
  type StripeEmulator,
  type StripeSeedObject,
} from '../../src/sandbox/stripe/index.js';
import { stripeObjectsFixture } from '../providers/stripe/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const fixture = stripeObjectsFixture;

let h: ProviderHarness<StripeEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const OLD = 'price_old_monthly';
const PRODUCT: StripeSeedObject = { id: 'pro', object: 'product', name: 'Pro', default_price: OLD };
const OLD_PRICE: StripeSeedObject = {
  id: OLD,
  object: 'price',
  product: 'pro',
  currency: 'usd',
  unit_amount: 2900,
  recurring: {
    interval: 'month',
    interval_count: 1,
    usage_type: 'licensed',
    trial_period_days: null,
    meter: null,
  },
  lookup_key: 'pro_monthly',
};

function pro(price: Record<string, unknown> = {}, product: Record<string, unknown> = {}) {
  return plansFileYaml('st', {
    pro: {
      name: 'Pro',
      ...product,
      prices: {
        pro_monthly: { currency: 'usd', unit_amount: '29.00', recurring: { interval: 'month' }, ...price },
      },
    },
  });
}

async function start(seed: StripeSeedObject[], plans: string, emulator: Record<string, unknown> = {}) {
  h = await startProviderHarness(fixture, { seed, plans, emulator });
  return h;
}
/** A form body as the emulator logged it, as its fields. */
const form = (body: unknown) => Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : ''));
const writes = (harness: ProviderHarness<StripeEmulator>) =>
  harness.emulator.writes().map((w) => [w.method, w.path, form(w.body)]);
const holder = (harness: ProviderHarness<StripeEmulator>, key: string) =>
  harness.emulator.prices().filter((price) => price.lookup_key === key);

describe('Stripe: creating', () => {
  it('creates the product with the id the YAML names, then its price in minor units; a second plan is empty', async () => {
    const harness = await start([], pro({ unit_amount: '29.99' }, { description: 'For teams' }));

    const applied = await harness.cli(['apply', '--auto-approve']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(writes(harness).map(([method, path]) => `${method} ${path}`)).toEqual([
      'POST /v1/products',
      'POST /v1/prices',
    ]);
    const [product] = harness.emulator.products();
    expect(product).toMatchObject({ id: 'pro', name: 'Pro', description: 'For teams', active: true });
    const [price] = harness.emulator.prices();
    expect(price).toMatchObject({
      product: 'pro',
      unit_amount: 2999,
      currency: 'usd',
      lookup_key: 'pro_monthly',
      metadata: { plansync_key: 'pro_monthly' },
    });
    harness.emulator.clearLog();
    const again = await harness.cli(['plan', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
    expect(harness.emulator.writes()).toEqual([]);
  });

  it('sends a zero-decimal amount whole and a sub-cent amount as unit_amount_decimal', async () => {
    const harness = await start(
      [],
      plansFileYaml('st', {
        api: {
          name: 'API',
          prices: {
            calls_usd: { currency: 'usd', unit_amount: '0.0015' },
            seats_jpy: { currency: 'jpy', unit_amount: 3000, recurring: { interval: 'month' } },
          },
        },
      }),
    );

    const applied = await harness.cli(['apply', '--auto-approve']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const bodies = harness.emulator
      .writes()
      .filter((w) => w.path === '/v1/prices')
      .map((w) => form(w.body));
    expect(bodies).toEqual([
      expect.objectContaining({ currency: 'usd', unit_amount_decimal: '0.15' }),
      expect.objectContaining({ currency: 'jpy', unit_amount: '3000' }),
    ]);
    expect((await harness.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('sends no price when its product was created otherwise than declared (the product create fails)', async () => {
    const harness = await start([], pro({}, { description: 'For teams' }));
    harness.emulator.faults.inject({
      method: 'POST',
      path: '/v1/products',
      fault: { kind: 'rewrite-request', rewrite: (body) => ({ ...(body as object), description: 'Other' }) },
    });

    const applied = await harness.cli(['apply', '--auto-approve']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(1);
    expect(writes(harness).map(([method, path]) => `${method} ${path}`)).toEqual(['POST /v1/products']);
    expect(applied.stdout).toContain('product pro was not created as declared, so its price was not sent');
    expect(harness.emulator.prices()).toEqual([]);
  });
});

describe('Stripe: a price change is a replacement', () => {
  it('is blocked without opting in, and nothing is sent', async () => {
    const harness = await start([PRODUCT, OLD_PRICE], pro({ unit_amount: 35 }));

    const plan = await harness.cli(['plan']);
    const apply = await harness.cli(['apply', '--auto-approve']);

    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('unit_amount  29.00 USD → 35.00 USD (+20.7%)');
    expect(plan.stdout).toContain('cannot be changed on an existing Stripe price (create-only)');
    expect(plan.stdout).toContain(`--replace pro/pro_monthly`);
    expect(apply.code).toBe(3);
    expect(harness.emulator.writes()).toEqual([]);
  });

  it('with --replace: marks the old price, moves the lookup key and the default price, archives the old price', async () => {
    const harness = await start([PRODUCT, OLD_PRICE], pro({ unit_amount: 35 }));

    const plan = await harness.cli(['plan', '--replace', 'pro/pro_monthly']);
    harness.emulator.clearLog();
    const applied = await harness.cli(['apply', '--replace', 'pro/pro_monthly', '--auto-approve']);

    expect(plan.stdout).toContain(`Existing subscriptions stay on price ${OLD} at 29.00 USD`);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const [successor] = holder(harness, 'pro_monthly');
    expect(successor).toMatchObject({ unit_amount: 3500, active: true });
    const newId = successor?.id as string;
    expect(writes(harness)).toEqual([
      ['POST', `/v1/prices/${OLD}`, expect.objectContaining({ 'metadata[plansync_key]': 'pro_monthly' })],
      [
        'POST',
        '/v1/prices',
        expect.objectContaining({
          lookup_key: 'pro_monthly',
          transfer_lookup_key: 'true',
          unit_amount: '3500',
        }),
      ],
      ['POST', '/v1/products/pro', expect.objectContaining({ default_price: newId })],
      ['POST', `/v1/prices/${OLD}`, expect.objectContaining({ active: 'false' })],
    ]);
    expect(harness.emulator.prices().find((price) => price.id === OLD)).toMatchObject({
      active: false,
      lookup_key: null,
    });
    expect(harness.emulator.products()[0]?.default_price).toBe(newId);
    expect((await harness.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('a revert inside Stripe’s 24 hours creates a third price, never a replay of the archived one', async () => {
    const harness = await start([PRODUCT, OLD_PRICE], pro({ unit_amount: 35 }));
    await harness.cli(['apply', '--replace', 'pro/pro_monthly', '--auto-approve']);
    const first = holder(harness, 'pro_monthly')[0]?.id;
    await harness.writePlans(pro({ unit_amount: 29 }));
    const back = await harness.cli(['apply', '--replace', 'pro/pro_monthly', '--auto-approve']);
    await harness.writePlans(pro({ unit_amount: 35 }));
    const again = await harness.cli(['apply', '--replace', 'pro/pro_monthly', '--auto-approve']);

    expect([back.code, again.code], back.stdout + again.stdout).toEqual([0, 0]);
    const active = harness.emulator.prices().filter((price) => price.active);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ unit_amount: 3500, lookup_key: 'pro_monthly' });
    expect(active[0]?.id).not.toBe(first);
    expect(harness.emulator.prices()).toHaveLength(4);
  });

  it('finishes a replacement interrupted before the old price was archived: default moved, old archived, nothing created', async () => {
    const successor: StripeSeedObject = {
      ...OLD_PRICE,
      id: 'price_new_monthly',
      unit_amount: 3500,
      metadata: { plansync_key: 'pro_monthly' },
    };
    const orphan: StripeSeedObject = {
      ...OLD_PRICE,
      lookup_key: null,
      metadata: { plansync_key: 'pro_monthly' },
    };
    const plans = plansFileYaml('st', {
      pro: {
        name: 'Pro',
        lifecycle: { replace: true },
        prices: { pro_monthly: { currency: 'usd', unit_amount: 35, recurring: { interval: 'month' } } },
      },
    });
    const harness = await start([PRODUCT, orphan, successor], plans);

    const applied = await harness.cli(['apply', '--auto-approve']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(writes(harness)).toEqual([
      ['POST', '/v1/products/pro', expect.objectContaining({ default_price: 'price_new_monthly' })],
      ['POST', `/v1/prices/${OLD}`, expect.objectContaining({ active: 'false' })],
    ]);
    expect(
      harness.emulator
        .prices()
        .filter((price) => price.active)
        .map((price) => price.id),
    ).toEqual(['price_new_monthly']);
  });

  it('without lifecycle.replace, the same leftover twins are blocked as ambiguous, and nothing is written', async () => {
    const successor: StripeSeedObject = {
      ...OLD_PRICE,
      id: 'price_new_monthly',
      unit_amount: 3500,
      metadata: { plansync_key: 'pro_monthly' },
    };
    const orphan: StripeSeedObject = {
      ...OLD_PRICE,
      lookup_key: null,
      metadata: { plansync_key: 'pro_monthly' },
    };
    const harness = await start([PRODUCT, orphan, successor], pro({ unit_amount: 35 }));

    const plan = await harness.cli(['plan']);
    const apply = await harness.cli(['apply', '--auto-approve']);

    expect(plan.code, plan.stdout).toBe(3);
    expect(plan.stdout).toContain(`2 live plans match`);
    expect(plan.stdout).toContain('pin the intended one');
    expect(apply.code).toBe(3);
    expect(harness.emulator.writes()).toEqual([]);
  });
});

describe('Stripe: in place', () => {
  it('sets tax_behavior once from unspecified; changing it afterwards is a replacement', async () => {
    const harness = await start([PRODUCT, OLD_PRICE], pro({ tax_behavior: 'exclusive' }));

    const applied = await harness.cli(['apply', '--auto-approve']);
    await harness.writePlans(pro({ tax_behavior: 'inclusive' }));
    const plan = await harness.cli(['plan']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(
      writes(harness)
        .filter(([, path]) => path === `/v1/prices/${OLD}`)
        .map(([, , body]) => body),
    ).toEqual([expect.objectContaining({ tax_behavior: 'exclusive' })]);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(
      '`tax_behavior` is exclusive on the live price: Stripe sets it once, from unspecified',
    );
  });

  it('reports a dropped nickname as drift, since Stripe cannot clear it, and sends nothing', async () => {
    const harness = await start([PRODUCT, { ...OLD_PRICE, nickname: 'Monthly' }], pro());

    const plan = await harness.cli(['plan', '--detailed-exitcode']);

    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('drift on `nickname`');
    expect(plan.stdout).toContain('Stripe cannot clear `nickname`');
  });

  it('pins created price ids with --write-ids under the price, never on the product', async () => {
    const harness = await start([], pro());

    const applied = await harness.cli(['apply', '--auto-approve', '--write-ids']);
    const text = await readFile(join(harness.dir, 'plans', 'stripe.yaml'), 'utf8');

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const id = harness.emulator.prices()[0]?.id as string;
    const written = parse(text) as {
      plans: { pro: { id?: string; prices: Record<string, { id?: string }> } };
    };
    expect(written.plans.pro.prices.pro_monthly?.id).toBe(id);
    expect(written.plans.pro.id).toBeUndefined();
    expect((await harness.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('Stripe: keys and answers', () => {
  it('warns when a sandbox connection holds a live key', async () => {
    const live = 'sk_live_it_flow_9PqR2';
    h = await startProviderHarness(
      {
        ...fixture,
        credentials: { secret_key: { env: 'ST_SECRET_KEY', value: live } },
        secrets: [live],
        start: (seed: StripeSeedObject[], options?: Record<string, unknown>) =>
          startStripeEmulator({ credentials: { secretKey: live }, seed, ...options }),
      },
      { plans: pro() },
    );

    const plan = await h.cli(['plan']);

    expect(plan.stderr).toContain(
      'Warning: connection st: the key is a live-mode key: this sandbox connection reads and writes your live Stripe account.',
    );
  });

  it('does not retry a 500 that says Stripe-Should-Retry: false, and does retry a 400 that says true', async () => {
    const harness = await start([], pro());
    harness.emulator.faults.inject({
      method: 'POST',
      path: '/v1/products',
      times: 1,
      fault: {
        kind: 'status',
        status: 500,
        headers: { 'stripe-should-retry': 'false' },
        body: '{"error":{"type":"api_error","message":"boom"}}',
      },
    });

    const failed = await harness.cli(['apply', '--auto-approve']);

    expect(failed.code).toBe(1);
    console.log(
      JSON.stringify(harness.emulator.log.map((e) => [e.method, e.path, e.status, e.fault])),
      failed.stdout,
      failed.stderr,
    );
    expect(
      harness.emulator.log.filter((entry) => entry.method === 'POST').map((entry) => entry.path),
    ).toEqual(['/v1/products']);
    expect(failed.stdout).toContain('product pro was not created, so its price was not sent');
    harness.emulator.clearLog();
    harness.emulator.faults.inject({
      method: 'POST',
      path: '/v1/products',
      times: 1,
      fault: {
        kind: 'status',
        status: 400,
        headers: { 'stripe-should-retry': 'true' },
        body: '{"error":{"type":"invalid_request_error","code":"lock_timeout","message":"busy"}}',
      },
    });
    const applied = await harness.cli(['apply', '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(harness.emulator.products()).toHaveLength(1);
  });
});
