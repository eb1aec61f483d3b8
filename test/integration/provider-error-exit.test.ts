// A provider that answers wrongly is the provider's fault, not a bug in plansync: the CLI exits with
// the error code and a message naming the provider, the endpoint and the connection, never
// "internal error". Driven through the real CLI against the BlueSnap emulator over real sockets.

import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { CONNECTION, gold, plansYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';

const PLANS = '/services/2/recurring/plans';

let h: Harness;
afterEach(async () => h?.close());

describe('provider faults at the CLI', () => {
  it('ends a list whose cursor does not advance in a provider error naming provider, endpoint and connection', async () => {
    h = await startHarness({ plans: plansYaml({ gold }) });
    // Every page says another follows and ends at the same planId: following it would never end.
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      times: Infinity,
      fault: { kind: 'status', status: 200, body: { lastPage: false, plans: [seedPlan(100, gold)] } },
    });

    const result = await h.cli(['plan']);

    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain(
      'Error: bluesnap: invalid response from GET /recurring/plans: plans did not advance past planId 100',
    );
    expect(result.stderr).toContain(`(connection ${CONNECTION})`);
    expect(result.stderr).not.toContain('internal error');
    expect(h.requests()).toEqual([`GET ${PLANS}`, `GET ${PLANS}`]);
  });

  it('names the connection in an HTTP failure, and no query value', async () => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      fault: { kind: 'status', status: 400, body: { message: [{ description: 'bad page size' }] } },
    });

    const result = await h.cli(['plan']);

    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toBe(
      `Error: bluesnap: GET /recurring/plans failed: HTTP 400 bad page size (connection ${CONNECTION})\n`,
    );
  });

  it('names the connection in an apply report line of a failed write', async () => {
    h = await startHarness({
      seed: [seedPlan(100, { ...gold, gracePeriodDays: 5 })],
      plans: plansYaml({ gold: { ...gold, gracePeriodDays: 7 } }),
    });
    h.emulator.faults.inject({ method: 'PUT', path: `${PLANS}/100`, fault: { kind: 'status', status: 200 } });

    const result = await h.cli(['apply', '--auto-approve']);

    expect(result.code).toBe(ExitCode.error);
    expect(result.stdout).toMatch(
      new RegExp(
        `error: bluesnap: invalid response from PUT /recurring/plans/100: .* \\(connection ${CONNECTION}\\)`,
      ),
    );
    expect(result.stdout).not.toContain('internal error');
  });
});
