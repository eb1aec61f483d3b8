// Stripe through the rest of a catalog's life, over real sockets: import (products with their prices
// nested by lookup key), pruning (archive, or delete an unpriced product when opted in), a change
// planned from Git (`--changed-since` reads only the changed product), and a saved plan gone stale.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type StripeEmulator, type StripeSeedObject } from '../../src/sandbox/stripe/index.js';
import { stripeObjectsFixture } from '../providers/stripe/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';

const fixture = stripeObjectsFixture;

let h: ProviderHarness<StripeEmulator> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const monthly = {
  interval: 'month' as const,
  interval_count: 1,
  usage_type: 'licensed' as const,
  trial_period_days: null,
  meter: null,
};
const product = (id: string, name: string, extra: Record<string, unknown> = {}): StripeSeedObject => ({
  id,
  object: 'product',
  name,
  ...extra,
});
const price = (
  id: string,
  productId: string,
  amount: number,
  extra: Record<string, unknown> = {},
): StripeSeedObject => ({
  id,
  object: 'price',
  product: productId,
  currency: 'usd',
  unit_amount: amount,
  recurring: monthly,
  ...extra,
});

describe('Stripe: import', () => {
  it('writes each product with its prices nested by lookup key, and leaves out a price without one', async () => {
    h = await startProviderHarness(fixture, {
      seed: [
        product('prod_A1', 'Team', { description: 'For teams' }),
        price('price_A1', 'prod_A1', 4900, { lookup_key: 'team_monthly', nickname: 'Monthly' }),
        price('price_A2', 'prod_A1', 900),
      ],
    });

    const result = await h.cli(['import', '--connection', 'st']);
    const text = await readFile(join(h.dir, 'plans', 'st.yaml'), 'utf8');

    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(parse(text).plans).toEqual({
      team: {
        id: 'prod_A1',
        name: 'Team',
        description: 'For teams',
        prices: {
          team_monthly: {
            id: 'price_A1',
            currency: 'usd',
            unit_amount: 49,
            recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
            tax_behavior: 'unspecified',
            nickname: 'Monthly',
          },
        },
      },
    });
    expect(text).toContain('unit_amount: 49.00');
    expect(result.stdout + result.stderr).toContain('price_A2');
    expect(result.stdout + result.stderr).toContain('no lookup key');
    const plan = await h.cli(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
  });
});

describe('Stripe: pruning', () => {
  it('archives a price the YAML no longer declares, moving the default to the one holding its key if any', async () => {
    const plans = plansFileYaml('st', {
      team: {
        name: 'Team',
        prices: { team_yearly: { currency: 'usd', unit_amount: 490, recurring: { interval: 'year' } } },
      },
    });
    h = await startProviderHarness(fixture, {
      seed: [
        product('team', 'Team', { default_price: 'price_M' }),
        price('price_M', 'team', 4900, { lookup_key: 'team_monthly' }),
        price('price_Y', 'team', 49000, {
          lookup_key: 'team_yearly',
          recurring: { ...monthly, interval: 'year' as const },
        }),
      ],
      plans,
      project: fixtureProjectYaml(
        fixture,
        '    prune: true\n    safety: { max_retire_share: 1, min_existing: 100 }',
      ),
    });

    const applied = await h.cli(['apply', '--auto-approve']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(h.emulator.prices().find((p) => p.id === 'price_M')).toMatchObject({ active: false });
    expect(h.emulator.products()[0]).toMatchObject({ active: true, default_price: null });
    expect(applied.stdout).toContain('unset the default price of product team');
  });

  it('deletes a product with no price at all only with delete_unpriced_products; otherwise archives it', async () => {
    const seed = [
      product('keep', 'Keep'),
      product('gone', 'Gone'),
      product('priced', 'Priced'),
      price('price_P', 'priced', 100, { active: false }),
    ];
    const plans = plansFileYaml('st', { keep: { name: 'Keep' } });
    const project = (options: string) =>
      fixtureProjectYaml(
        fixture,
        `    prune: true\n    safety: { max_retire_share: 1, min_existing: 100 }${options}`,
      );
    h = await startProviderHarness(fixture, {
      seed,
      plans,
      project: project('\n    options: { delete_unpriced_products: true }'),
    });

    const applied = await h.cli(['apply', '--auto-approve']);

    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(h.emulator.products().map((p) => [p.id, p.active])).toEqual([
      ['keep', true],
      ['priced', false],
    ]);
  });
});

describe('Stripe: a change planned from Git', () => {
  it('reads only the changed product and its prices', async () => {
    const two = (amount: number) =>
      plansFileYaml('st', {
        a: {
          name: 'A',
          prices: { a_m: { currency: 'usd', unit_amount: 10, recurring: { interval: 'month' } } },
        },
        b: {
          name: 'B',
          prices: { b_m: { currency: 'usd', unit_amount: amount, recurring: { interval: 'month' } } },
        },
      });
    h = await startProviderHarness(fixture, { plans: two(20) });
    expect((await h.cli(['apply', '--auto-approve'])).code).toBe(0);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: h?.dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.test', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.test', '-c', 'user.name=t', 'commit', '-qm', 'base');
    await h.writePlans(two(25));
    h.emulator.clearLog();

    const plan = await h.cli(['plan', '--changed-since', 'HEAD', '--replace', 'b/b_m']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stderr).toContain('Planning 1 plan changed since HEAD');
    expect(plan.stdout).toContain('replace b/b_m');
    expect(plan.stdout).not.toContain(' a/a_m');
    expect(
      // The listings run side by side: their order is not fixed.
      h.emulator.log
        .map(
          (entry) =>
            `${entry.method} ${entry.path} ${entry.query.product ?? entry.query['ids[0]'] ?? ''} ${entry.query.active ?? ''}`,
        )
        .sort(),
    ).toEqual(['GET /v1/prices b false', 'GET /v1/prices b true', 'GET /v1/products b ']);
  });
});

describe('Stripe: saved plans', () => {
  it('refuses a saved plan once the price it replaces changed in the Dashboard', async () => {
    h = await startProviderHarness(fixture, {
      seed: [product('pro', 'Pro'), price('price_P', 'pro', 2900, { lookup_key: 'pro_m' })],
      plans: plansFileYaml('st', {
        pro: {
          name: 'Pro',
          prices: { pro_m: { currency: 'usd', unit_amount: 35, recurring: { interval: 'month' } } },
        },
      }),
    });
    const saved = await h.cli(['plan', '--replace', 'pro/pro_m', '--out', 'plan.json']);
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    h.emulator.setPrice({
      ...(price('price_P', 'pro', 2900, { lookup_key: 'pro_m' }) as object),
      nickname: 'Edited',
    } as never);
    h.emulator.clearLog();

    const applied = await h.cli(['apply', 'plan.json', '--auto-approve']);

    expect(applied.code).toBe(4);
    expect(h.emulator.writes()).toEqual([]);
  });
});
