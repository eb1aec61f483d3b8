// The CLI end to end against the J.P. Morgan MPS emulator over real sockets.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator, JpmMpsPlanInput } from '../../src/sandbox/jpmmps/index.js';
import { jpmFixture, jpmPlanId, jpmSpec } from '../providers/jpmmps/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';

let h: ProviderHarness<JpmMpsEmulator>;
afterEach(async () => h?.close());

const withTrial = jpmSpec('Premium', { trialDurationPeriod: 1, trialDurationUnit: 'day' });
const seed = (spec: Record<string, unknown>, n = 1) =>
  ({ ...spec, id: jpmPlanId(n), prepaid: true }) as JpmMpsPlanInput;
const start = async (seeds: JpmMpsPlanInput[], plans: Record<string, Record<string, unknown>>) => {
  h = await startProviderHarness(jpmFixture, { seed: seeds, plans: plansFileYaml('jpm', plans) });
};

describe('J.P. Morgan MPS', () => {
  it('sends a trial-unit change as one PATCH with both trial fields and nothing else', async () => {
    await start([seed(withTrial)], { premium: { ...withTrial, trialDurationUnit: 'month' } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.emulator.writes().map((w) => [w.method, w.path, w.body])).toEqual([
      ['PATCH', `/api/v1/plans/${jpmPlanId(1)}`, { trialDurationPeriod: 1, trialDurationUnit: 'month' }],
    ]);
  });

  it("converges on a plan patched with the seed document's own sample values (0 trial, occurrence, cycles)", async () => {
    const sampled = { ...seed(jpmSpec('Premium')), trialDurationPeriod: 0, trialDurationUnit: 'day' };
    await start([{ ...sampled, billingOccurrence: 0, billingCycles: 0 } as JpmMpsPlanInput], {
      premium: jpmSpec('Premium', { billingCycles: 12 }),
    });

    const apply = await h.cli(['apply', '--auto-approve']);
    const writes = h.emulator.writes().map((w) => w.body);
    h.emulator.clearLog();
    const again = await h.cli(['plan', '--detailed-exitcode']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(writes).toEqual([{ billingOccurrence: 1, billingUnit: 'month', billingCycles: 12 }]);
    expect(again.code, again.stdout).toBe(0);
    expect(h.emulator.writes()).toEqual([]);
  });

  // MPS plans have no status; deletedAt (soft delete) is their only state. A YAML plan says nothing about
  // it, so a deleted plan stays deleted: no PATCH, and no create behind the user's back.
  it('blocks a YAML plan pinned to a deleted plan, writing nothing', async () => {
    const deleted = { ...seed(jpmSpec('Premium')), deletedAt: '2026-01-02T03:04:05.00Z' } as JpmMpsPlanInput;
    await start([deleted], { premium: { id: jpmPlanId(1), ...jpmSpec('Premium', { billingCycles: 12 }) } });

    const plan = await h.cli(['plan']);
    const apply = await h.cli(['apply', '--auto-approve']);

    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(`pinned id ${jpmPlanId(1)} does not exist`);
    expect(apply.code).toBe(3);
    expect(h.emulator.writes()).toEqual([]);
  });

  it('sends nothing for a no-op', async () => {
    await start([seed(withTrial)], { premium: { ...withTrial, recurrentAmount: '19.990' } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.stdout).toContain('Nothing to apply');
    expect(h.requests()).toEqual(['GET /api/v1/plans']);
  });

  it('blocks a prepaid change with its exit code and the reason', async () => {
    await start([seed(withTrial)], { premium: { ...withTrial, prepaid: false } });

    const plan = await h.cli(['plan']);

    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('`prepaid` cannot be changed');
    expect(h.emulator.writes()).toEqual([]);
  });

  it('looks a lost create up by name before creating again, leaving exactly one plan', async () => {
    await start([], { premium: withTrial });
    h.emulator.faults.inject({ method: 'POST', path: /^\/api\/v1\/plans$/, fault: { kind: 'reset-after' } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain("the create's answer was lost; found plan");
    expect(h.requests()).toEqual(['GET /api/v1/plans', 'POST /api/v1/plans', 'GET /api/v1/plans']);
    expect(h.emulator.log[2]?.query.name).toBe('Premium');
    expect(h.emulator.plans()).toHaveLength(1);
  });

  it('marks an amount change as unknown reach', async () => {
    await start([seed(withTrial)], { premium: { ...withTrial, recurrentAmount: 24.99 } });

    const plan = await h.cli(['plan']);

    expect(plan.stdout).toContain('19.99 EUR → 24.99 EUR (+25%)');
    expect(plan.stdout).toContain('Unknown reach');
  });

  it('asks for base_url when none is configured, naming the variable', async () => {
    await start([], { premium: withTrial });
    await writeFile(join(h.dir, 'plansync.yaml'), fixtureProjectYaml(jpmFixture));
    const { PLANSYNC_BASE_URL_JPM: _unset, ...env } = h.env;

    const result = await h.cli(['plan'], { env });

    expect(result.code).toBe(1);
    // Refused when the session opens, located at the connection, before any request.
    expect(result.stderr).toContain('`base_url` is required: J.P. Morgan');
    expect(result.stderr).toContain('publishes no sandbox host');
    expect(result.stderr).toContain('or the environment variable PLANSYNC_BASE_URL_JPM');
    expect(h.requests()).toEqual([]);
  });
});
