import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../src/emulators/demo-credentials.js';
import { type Sandbox, startSandbox } from '../../src/emulators/sandbox.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function demoAuth(): string {
  const { username, password } = DEMO_CREDENTIALS.bluesnap;
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

describe('startSandbox', () => {
  it('starts a BlueSnap emulator on loopback with the demo credentials', async () => {
    sandbox = await startSandbox();

    const [bluesnap] = sandbox.emulators;

    expect(sandbox.emulators.map((entry) => entry.provider)).toEqual(['bluesnap']);
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

  it('applies the requested latency', async () => {
    sandbox = await startSandbox({ latencyMs: 100 });
    const baseUrl = sandbox.emulators[0]?.baseUrl ?? '';
    const started = performance.now();

    const response = await request(`${baseUrl}/recurring/plans`, { headers: { authorization: demoAuth() } });
    await response.body.dump();

    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});
