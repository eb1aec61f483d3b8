// Stripe with project environments: test mode as the sandbox, live mode as production, one YAML.
// Each environment's key opens its own mode (one emulator each here, as Stripe keeps the modes
// apart); product ids are the same in both (plansync chooses them), prices are found by lookup key
// in each, so nothing per environment needs pinning. Production is refused until the sandbox holds
// the change, and a key of the wrong mode for its environment is warned about.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseUrlEnvName } from '../../src/engine/session.js';
import { startStripeEmulator, type StripeEmulator } from '../../src/sandbox/stripe/index.js';
import { runCli } from '../support/run-cli.js';

const KEYS = { sandbox: 'sk_test_env_sbx_4Fq1', production: 'sk_live_env_prd_8Kd3' };
const PROJECT = `version: 1
connections:
  stripe:
    provider: stripe
    limits: { requests_per_second: 1000 }
environments:
  sandbox:
    connections:
      stripe:
        credentials: { secret_key: ST_SBX_KEY }
  production:
    follows: sandbox
    connections:
      stripe:
        credentials: { secret_key: ST_PRD_KEY }
`;
const plans = (amount: number) => `connection: stripe
plans:
  pro:
    name: Pro
    lifecycle: { replace: true }
    prices:
      pro_monthly:
        currency: eur
        unit_amount: ${amount}
        recurring: { interval: month }
`;

let dir: string | undefined;
const emulators: StripeEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(project = PROJECT) {
  dir = await mkdtemp(join(tmpdir(), 'plansync-stripe-env-'));
  await mkdir(join(dir, 'plans'));
  await writeFile(join(dir, 'plansync.yaml'), project);
  await writeFile(join(dir, 'plans', 'stripe.yaml'), plans(20));
  const sandbox = await startStripeEmulator({ credentials: { secretKey: KEYS.sandbox }, rateLimit: null });
  const production = await startStripeEmulator({
    credentials: { secretKey: KEYS.production },
    rateLimit: null,
  });
  emulators.push(sandbox, production);
  const env: NodeJS.ProcessEnv = {
    ST_SBX_KEY: KEYS.sandbox,
    ST_PRD_KEY: KEYS.production,
    [baseUrlEnvName('stripe', 'sandbox')]: sandbox.baseUrl,
    [baseUrlEnvName('stripe', 'production')]: production.baseUrl,
  };
  const root = dir;
  const cli = async (args: string[]) => {
    const result = await runCli(args, { env, cwd: root });
    for (const key of Object.values(KEYS)) expect(result.stdout + result.stderr).not.toContain(key);
    return result;
  };
  return { sandbox, production, cli, root };
}

describe('Stripe: test mode as the sandbox, live mode as production', () => {
  it('rehearses in test mode, then promotes to live mode with the same product id and lookup key', async () => {
    const { sandbox, production, cli, root } = await start();

    const early = await cli(['apply', '--env', 'production', '--auto-approve']);
    const rehearsed = await cli(['apply', '--env', 'sandbox', '--auto-approve', '--write-ids']);
    const promoted = await cli(['apply', '--env', 'production', '--auto-approve', '--write-ids']);
    const again = await cli(['plan', '--env', 'all', '--detailed-exitcode']);

    expect(early.code, early.stdout + early.stderr).toBe(3);
    expect([rehearsed.code, promoted.code, again.code], promoted.stdout + promoted.stderr).toEqual([0, 0, 0]);
    for (const [emulator, livemode] of [
      [sandbox, false],
      [production, true],
    ] as const) {
      expect(emulator.products().map((p) => [p.id, p.livemode])).toEqual([['pro', livemode]]);
      expect(emulator.prices().map((p) => [p.lookup_key, p.unit_amount, p.livemode])).toEqual([
        ['pro_monthly', 2000, livemode],
      ]);
    }
    // Prices are found by lookup key in each mode: no id is pinned per environment.
    expect(await readFile(join(root, 'plans', 'stripe.yaml'), 'utf8')).toBe(plans(20));
  });

  it('replaces a price in each mode on its own, production only after the sandbox', async () => {
    const { sandbox, production, cli, root } = await start();
    await cli(['apply', '--env', 'sandbox', '--auto-approve']);
    await cli(['apply', '--env', 'production', '--auto-approve']);
    await writeFile(join(root, 'plans', 'stripe.yaml'), plans(25));

    const refused = await cli(['apply', '--env', 'production', '--auto-approve']);
    const rehearsed = await cli(['apply', '--env', 'sandbox', '--auto-approve']);
    const promoted = await cli(['apply', '--env', 'production', '--auto-approve']);

    expect([refused.code, rehearsed.code, promoted.code], refused.stdout + refused.stderr).toEqual([3, 0, 0]);
    for (const emulator of [sandbox, production]) {
      expect(emulator.prices().map((p) => [p.unit_amount, p.active, p.lookup_key])).toEqual([
        [2000, false, null],
        [2500, true, 'pro_monthly'],
      ]);
    }
  });

  it('warns when production holds a test key, and the sandbox a live one', async () => {
    // Each environment given the other's key (the plan then fails to authenticate: the warning comes first).
    const swapped = PROJECT.replace('ST_SBX_KEY', 'KEY_A')
      .replace('ST_PRD_KEY', 'ST_SBX_KEY')
      .replace('KEY_A', 'ST_PRD_KEY');
    const { cli } = await start(swapped);

    const sandboxPlan = await cli(['plan', '--env', 'sandbox']);
    const productionPlan = await cli(['plan', '--env', 'production']);

    expect(sandboxPlan.stderr).toContain(
      'Warning: connection stripe: the key is a live-mode key: this sandbox connection reads and writes your live Stripe account.',
    );
    expect(productionPlan.stderr).toContain(
      'Warning: connection stripe: the key is a test-mode key: this production connection reads and writes Stripe test mode.',
    );
  });
});
