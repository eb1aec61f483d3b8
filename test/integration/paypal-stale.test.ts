// PayPal's per-object stale check over real sockets: a plan changed in PayPal after the whole-plan
// check passed gets nothing written; a plan already INACTIVE is not deactivated again; an unchanged
// plan costs exactly one GET before its first write. To reach the per-object check, the whole-plan
// check's list is answered with the state the plan saw while the emulator already holds the change.

import { afterEach, describe, expect, it } from 'vitest';
import type { PayPalEmulator, PayPalPlanInput } from '../../src/sandbox/paypal/index.js';
import { paypalFixture, paypalPlanSpec } from '../providers/paypal/fixture.js';
import {
  fixtureProjectYaml,
  plansFileYaml,
  startProviderHarness,
  type ProviderHarness,
} from '../support/provider-harness.js';
import { replayToWholePlanCheck, savePlanSeeing } from '../support/stale.js';

const PLANS = '/v1/billing/plans';
const PRO = 'P-PLANSYNCSTALE0000000001';
const BASIC = 'P-PLANSYNCSTALE0000000002';
const TOKEN = 'POST /v1/oauth2/token';

let h: ProviderHarness<PayPalEmulator>;
afterEach(async () => h?.close());

const seed = (id: string, spec: Record<string, unknown>): PayPalPlanInput =>
  ({ ...spec, id, status: 'ACTIVE' }) as PayPalPlanInput;

async function start(plans: Record<string, Record<string, unknown>>, project?: string): Promise<void> {
  h = await startProviderHarness(paypalFixture, {
    seed: [seed(PRO, paypalPlanSpec('Pro')), seed(BASIC, paypalPlanSpec('Basic'))],
    plans: plansFileYaml('pp', plans),
    ...(project === undefined ? {} : { project }),
  });
}

const writes = () => h.emulator.writes().map((w) => `${w.method} ${w.path}`);

describe('PayPal: per-object stale check', () => {
  it('writes nothing to a plan changed since the plan, and still updates the independent one', async () => {
    await start({
      pro: { id: PRO, ...paypalPlanSpec('Pro 2026') },
      basic: { id: BASIC, ...paypalPlanSpec('Basic 2026') },
    });
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seed(PRO, { ...paypalPlanSpec('Pro'), description: 'edited in the dashboard' }));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json', '--continue-on-error']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/failed +pp\/pro \(update\)/);
    expect(apply.stdout).toContain(
      `paypal plan ${PRO} changed since the plan was made; nothing was written to it`,
    );
    expect(writes()).toEqual([`PATCH ${PLANS}/${BASIC}`]);
    expect(h.emulator.plans().find((p) => p.id === PRO)?.name).toBe('Pro');
    expect(h.emulator.plans().find((p) => p.id === BASIC)?.name).toBe('Basic 2026');
  });

  it('sends one GET before a written plan when nothing changed, and one after (PATCH answers 204)', async () => {
    await start({
      pro: { id: PRO, ...paypalPlanSpec('Pro 2026') },
      basic: { id: BASIC, ...paypalPlanSpec('Basic') },
    });
    await savePlanSeeing(h, PLANS);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.requests()).toEqual([
      TOKEN,
      `GET ${PLANS}`,
      `GET ${PLANS}/${PRO}`,
      `PATCH ${PLANS}/${PRO}`,
      `GET ${PLANS}/${PRO}`,
    ]);
  });

  it('checks a retirement with one GET before deactivating, and one after', async () => {
    await start(
      { pro: { id: PRO, ...paypalPlanSpec('Pro') } },
      fixtureProjectYaml(paypalFixture, '    prune: true'),
    );
    await savePlanSeeing(h, PLANS);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(h.requests()).toEqual([
      TOKEN,
      `GET ${PLANS}`,
      `GET ${PLANS}/${BASIC}`,
      `POST ${PLANS}/${BASIC}/deactivate`,
      `GET ${PLANS}/${BASIC}`,
    ]);
  });

  it('refuses to deactivate a plan changed since the plan', async () => {
    await start(
      { pro: { id: PRO, ...paypalPlanSpec('Pro') } },
      fixtureProjectYaml(paypalFixture, '    prune: true'),
    );
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan(seed(BASIC, paypalPlanSpec('Basic', '29.99')));
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(
      `paypal plan ${BASIC} changed since the plan was made; nothing was written to it`,
    );
    expect(writes()).toEqual([]);
  });

  it('says a plan deactivated since the plan is already INACTIVE, and sends no deactivate', async () => {
    await start(
      { pro: { id: PRO, ...paypalPlanSpec('Pro') } },
      fixtureProjectYaml(paypalFixture, '    prune: true'),
    );
    const seen = await savePlanSeeing(h, PLANS);
    h.emulator.setPlan({ ...seed(BASIC, paypalPlanSpec('Basic')), status: 'INACTIVE' });
    replayToWholePlanCheck(h, PLANS, seen);

    const apply = await h.cli(['apply', 'plan.json']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain(`plan ${BASIC} already INACTIVE; nothing sent`);
    expect(writes()).toEqual([]);
  });
});
