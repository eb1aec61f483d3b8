// Environments end to end over real sockets: one catalog for PayPal and BlueSnap, two emulators per
// provider (sandbox and production), each environment with its own product ids and credentials.
// The rehearsal gate (production follows sandbox) refuses, exit 3, a change the sandbox does not
// hold yet, and lets it through once the sandbox has it. Saved plans keep their environment.

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator } from '../../src/sandbox/paypal/index.js';
import { apply } from '../../src/index.js';
import { schemaValidator } from '../../src/config/schema-store.js';
import { canonicalJson } from '../../src/core/value.js';
import { startEnvironments, type Environments } from '../support/environments.js';

function paypalPlans(price: string): string {
  return `connection: paypal
plans:
  starter: # declared once, for both environments
    name: Starter Monthly
    billing_cycles:
      - tenure_type: REGULAR
        sequence: 1
        frequency: { interval_unit: MONTH, interval_count: 1 }
        total_cycles: 0
        pricing_scheme: { fixed_price: { value: "${price}", currency_code: USD } }
    payment_preferences: { auto_bill_outstanding: true }
    environments:
      sandbox:
        product_id: PROD-SANDBOX00001
      production:
        product_id: PROD-PRODUCTION001
`;
}

function bluesnapPlans(amount: string): string {
  return `connection: bluesnap
plans:
  basic:
    name: Basic Monthly
    recurringChargeAmount: ${amount}
    currency: USD
    chargeFrequency: MONTHLY
`;
}

let world: Environments;

beforeEach(async () => {
  world = await startEnvironments({
    plans: { 'paypal.yaml': paypalPlans('10'), 'bluesnap.yaml': bluesnapPlans('9.99') },
    paypal: {
      sandbox: { products: ['PROD-SANDBOX00001'] },
      production: { products: ['PROD-PRODUCTION001'] },
    },
  });
});

afterEach(() => world.close());

const cli = (args: string[]) => world.cli(args);

/** The live plans of one PayPal emulator: product and price. */
function paypalLive(emulator: PayPalEmulator): { product_id: string; price: string }[] {
  return emulator.plans().map((plan) => ({
    product_id: plan.product_id,
    price: plan.billing_cycles[0]?.pricing_scheme?.fixed_price?.value ?? '',
  }));
}

describe('one catalog, two environments', () => {
  it('plans each environment against its own account, with its own product id', async () => {
    const sandbox = await cli(['plan', '--env', 'sandbox', '--detailed-exitcode']);
    expect(sandbox.code).toBe(2);
    expect(sandbox.stdout).toContain('Connection paypal (paypal) · environment sandbox');
    expect(sandbox.stdout).toContain('PROD-SANDBOX00001');
    expect(sandbox.stdout).not.toContain('PROD-PRODUCTION001');
    expect(sandbox.stdout).toContain('Plan (sandbox): 2 to create');

    const both = await cli(['plan', '--format', 'markdown']);
    expect(both.code).toBe(0);
    const headings = both.stdout.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual(['### plansync plan · sandbox', '### plansync plan · production']);
    expect(both.stdout.indexOf('PROD-SANDBOX00001')).toBeLessThan(both.stdout.indexOf('PROD-PRODUCTION001'));
  });

  it('refuses to apply to production what the sandbox does not hold, then promotes it', async () => {
    const early = await cli(['apply', '--env', 'production', '--auto-approve']);
    expect(early.code).toBe(3);
    expect(early.stderr).toContain('Refusing to apply to production: it follows sandbox');
    expect(early.stderr).toContain('paypal/starter: create still pending there');
    expect(early.stderr).toContain('bluesnap/basic: create still pending there');
    expect(paypalLive(world.paypal.production)).toEqual([]);

    expect((await cli(['apply', '--env', 'sandbox', '--auto-approve'])).code).toBe(0);
    expect(paypalLive(world.paypal.sandbox)).toEqual([{ product_id: 'PROD-SANDBOX00001', price: '10' }]);
    const promoted = await cli(['apply', '--env', 'production', '--auto-approve']);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(paypalLive(world.paypal.production)).toEqual([{ product_id: 'PROD-PRODUCTION001', price: '10' }]);

    // A price change: production is refused until the sandbox has it, naming the plan and field.
    await world.writePlans('paypal.yaml', paypalPlans('12'));
    const refused = await cli(['apply', '--env', 'production', '--auto-approve']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('paypal/starter: update still pending there');
    expect(refused.stderr).not.toContain('bluesnap/basic');
    expect(refused.stderr).toContain('plansync apply --env sandbox');
    expect(paypalLive(world.paypal.production)[0]?.price).toBe('10');

    // --force overrides the gate, as for other gates; here the sandbox is applied first instead.
    expect((await cli(['apply', '--env', 'sandbox', '--auto-approve'])).code).toBe(0);
    const applied = await cli(['apply', '--env', 'production', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(paypalLive(world.paypal.production)[0]?.price).toBe('12');
    expect((await cli(['plan', '--env', 'all', '--detailed-exitcode'])).code).toBe(0);
  });

  it('--force skips the rehearsal gate', async () => {
    const forced = await cli(['apply', '--env', 'production', '--auto-approve', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(paypalLive(world.paypal.production)).toHaveLength(1);
    expect(paypalLive(world.paypal.sandbox)).toHaveLength(0);
  });

  it('applies several environments in order, predecessors first, with --env all', async () => {
    const all = await cli(['apply', '--env', 'all', '--auto-approve']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.indexOf('Environment sandbox:')).toBeLessThan(
      all.stdout.indexOf('Environment production:'),
    );
    expect(paypalLive(world.paypal.production)).toHaveLength(1);
  });

  it('a saved plan records its environment and applies only there', async () => {
    const saved = await cli(['plan', '--env', 'sandbox', '--out', 'sandbox.json']);
    expect(saved.code).toBe(0);
    const document = JSON.parse(await readFile(join(world.dir, 'sandbox.json'), 'utf8')) as {
      plan: { environment?: string };
    };
    expect(document.plan.environment).toBe('sandbox');

    const elsewhere = await cli(['apply', 'sandbox.json', '--env', 'production']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(
      'sandbox.json was planned for environment sandbox; it cannot be applied to production',
    );
    expect(paypalLive(world.paypal.production)).toEqual([]);

    const show = await cli(['show', 'sandbox.json', '--format', 'markdown']);
    expect(show.stdout).toContain('### plansync plan · sandbox');
    const applied = await cli(['apply', 'sandbox.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(paypalLive(world.paypal.sandbox)).toHaveLength(1);
    expect(paypalLive(world.paypal.production)).toEqual([]);
  });

  it('a saved plan moved to another environment by hand is refused, nothing written', async () => {
    expect((await cli(['plan', '--env', 'sandbox', '--out', 'moved.json'])).code).toBe(0);
    const file = join(world.dir, 'moved.json');
    const document = JSON.parse(await readFile(file, 'utf8')) as {
      plan: { environment?: string };
      checksum: string;
    };
    document.plan.environment = 'production';
    await writeFile(file, JSON.stringify(document));
    const edited = await cli(['apply', 'moved.json']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('checksum mismatch');

    // Even with the checksum made again (no signing key here), production's live state is not the
    // one the plan was made from, and production's plan is not what the file holds.
    document.checksum = `sha256:${createHash('sha256').update(canonicalJson(document.plan)).digest('hex')}`;
    await writeFile(file, JSON.stringify(document));
    const forged = await cli(['apply', 'moved.json']);
    expect(forged.code).toBe(4);
    expect(paypalLive(world.paypal.production)).toEqual([]);
    expect(paypalLive(world.paypal.sandbox)).toEqual([]);
  });

  it('a saved production plan is refused at apply while the sandbox lacks its changes', async () => {
    expect((await cli(['plan', '--env', 'production', '--out', 'production.json'])).code).toBe(0);
    const early = await cli(['apply', 'production.json']);
    expect(early.code).toBe(3);
    expect(early.stderr).toContain('Refusing to apply to production');
    expect((await cli(['apply', '--env', 'sandbox', '--auto-approve'])).code).toBe(0);
    const applied = await cli(['apply', 'production.json']);
    expect(applied.code, applied.stderr).toBe(0);
  });

  it('a JSON plan names its environment and matches the plan schema', async () => {
    const json = await cli(['plan', '--env', 'production', '--json']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as { plan: { environment?: string } };
    expect(document.plan.environment).toBe('production');
    const validate = schemaValidator('plan.v1.schema.json');
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the library entry takes an environment and keeps the rehearsal gate', async () => {
    const options = { root: world.dir, env: world.env };
    const early = await apply({ ...options, environment: 'production' });
    expect(early.outcome).toBe('blocked');
    expect(early.refusal?.message).toContain('Refusing to apply to production: it follows sandbox');
    expect((await apply({ ...options, environment: 'sandbox' })).outcome).toBe('applied');
    expect((await apply({ ...options, environment: 'production' })).outcome).toBe('applied');
    expect(paypalLive(world.paypal.production)).toHaveLength(1);
  });

  it('drift reports every environment, and JSON drift one at a time', async () => {
    expect((await cli(['apply', '--env', 'sandbox', '--auto-approve'])).code).toBe(0);
    const drift = await cli(['drift']);
    expect(drift.stdout.indexOf('Environment sandbox:')).toBeGreaterThanOrEqual(0);
    expect(drift.stdout.indexOf('Environment production:')).toBeGreaterThan(
      drift.stdout.indexOf('Environment sandbox:'),
    );
    // The sandbox holds the YAML; production lacks both plans.
    expect(drift.code).toBe(2);
    expect((await cli(['drift', '--env', 'sandbox'])).code).toBe(0);
    const json = await cli(['drift', '--json']);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('JSON drift reports one environment');
    const one = await cli(['drift', '--env', 'production', '--json']);
    expect(JSON.parse(one.stdout)).toMatchObject({ drift: true, environment: 'production' });
  });

  it('names what is wrong with --env', async () => {
    const unknown = await cli(['plan', '--env', 'prodution']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown environment `prodution`');
    expect(unknown.stderr).toContain('did you mean `production`?');

    const none = await cli(['apply', '--auto-approve']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('choose one with --env NAME');
    expect(paypalLive(world.paypal.sandbox)).toEqual([]);

    const json = await cli(['plan', '--json']);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('made for one environment');
  });
});
