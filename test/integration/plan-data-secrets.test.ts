// Masking never alters plan data: plan output is written as the plan says, and plan data that
// carries a credential's value is refused instead of masked. A declared value is refused at load
// (validate, plan, apply) at its field, naming the variable; a live value stops the run naming the
// live plan and field. Neither message shows the value (the harness searches every output and file
// for the credentials). Text that is not plan data (--verbose, messages) is still masked.

import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/run-cli.js';
import {
  SECRETS,
  TEST_CREDENTIALS,
  gold,
  plansYaml,
  seedPlan,
  startHarness,
  type Harness,
} from '../support/harness.js';

let h: Harness;
afterEach(async () => h?.close());

/**
 * The CLI where the project itself holds a credential (the harness's `cli` would fail on the plans
 * file the test wrote): the output is still searched for every credential.
 */
async function cliOverSecretYaml(args: string[]): Promise<CliResult> {
  const result = await runCli(args, { env: h.env, cwd: h.dir });
  for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
  return result;
}

describe('a declared value holding a credential', () => {
  const team = { ...gold, name: `Team ${TEST_CREDENTIALS.password} Monthly` };

  it('is refused at load by validate, plan and apply, located and naming the variable', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold: team }) });

    const validate = await cliOverSecretYaml(['validate']);
    const plan = await cliOverSecretYaml(['plan', '--format', 'json']);
    const apply = await cliOverSecretYaml(['apply', '--auto-approve']);

    for (const run of [validate, plan, apply]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /plans\/bluesnap\.yaml:4:\d+: plans\.gold\.name: contains the value of the credential in BS_PASS/,
      );
      expect(run.stdout + run.stderr).not.toContain('***');
    }
    expect(h.requests()).toEqual([]);
  });

  it('is listed by validate --json with its location', async () => {
    h = await startHarness({ plans: plansYaml({ gold: team }) });

    const validate = await cliOverSecretYaml(['validate', '--json']);

    expect(validate.code).toBe(1);
    const result = JSON.parse(validate.stdout) as { issues: Array<Record<string, unknown>> };
    expect(result.issues).toEqual([
      expect.objectContaining({
        file: 'plans/bluesnap.yaml',
        line: 4,
        path: 'plans.gold.name',
        message: expect.stringContaining('credential in BS_PASS') as unknown,
      }),
    ]);
  });
});

describe('a live value holding a credential', () => {
  it('stops the run naming the live plan and field, and advises rotating the credential', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, name: `Team ${TEST_CREDENTIALS.username} Monthly` })],
      plans: plansYaml({ gold }),
    });

    const plan = await h.cli(['plan']);

    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      'live plan 100: field name contains the value of the credential in BS_USER',
    );
    expect(plan.stderr).toContain('Rotate that credential');
    expect(plan.stdout + plan.stderr).not.toContain('***');
    expect(h.writes()).toEqual([]);
  });
});

describe('plan output is never masked', () => {
  /** A credential that is also ordinary text of the plan's own output. */
  const password = 'to update';

  it('prints the plan as it is, while --verbose still masks the credential it sends', async () => {
    h = await startHarness({
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
      emulator: { credentials: { username: TEST_CREDENTIALS.username, password } },
    });
    const env = { ...h.env, BS_PASS: password };

    const human = await h.cli(['--verbose', 'plan'], { env });
    const json = await h.cli(['plan', '--format', 'json'], { env });

    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to retire');
    expect(human.stdout).not.toContain('***');
    expect(json.stdout).not.toContain('***');
    // Not plan data: the Authorization header is masked by name, the credential anywhere else.
    expect(human.stderr).toContain('authorization: Basic ***');
    const basic = Buffer.from(`${TEST_CREDENTIALS.username}:${password}`).toString('base64');
    expect(human.stderr).not.toContain(basic);
  });

  it('still masks a credential in a message that is not plan data', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    const env = { ...h.env, BS_PASS: 'it-wrong-password-K7' };

    const plan = await h.cli(['--verbose', 'plan'], { env });

    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).not.toContain('it-wrong-password-K7');
  });
});
