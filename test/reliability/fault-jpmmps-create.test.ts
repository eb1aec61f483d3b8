// J.P. Morgan MPS creates carry no idempotency key, so the HTTP client never resends one. The adapter
// does, carefully: after a create that got no answer or a server error it looks the plan up by name
// first, and sends the create again only when none was stored, a bounded number of times. A refusal
// (4xx) is final. Found by the fault matrix: a 5xx used to fail the create outright, and a second
// lost answer in a row ended it too.

import { afterEach, describe, expect, it } from 'vitest';
import type { JpmMpsEmulator } from '../../src/sandbox/jpmmps/index.js';
import { jpmFixture, jpmSpec } from '../providers/jpmmps/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const PLANS = '/api/v1/plans';
const CREATE = { method: 'POST', path: /^\/api\/v1\/plans$/ } as const;

let h: ProviderHarness<JpmMpsEmulator>;
afterEach(async () => h?.close());

const start = async () => {
  h = await startProviderHarness(jpmFixture, {
    plans: plansFileYaml('jpm', { premium: jpmSpec('Premium') }),
  });
};

/** Method, path, and for lookups the name they asked for. */
const trace = () =>
  h.emulator.log.map(
    (e) => `${e.method} ${e.path}${e.query.name ? ` name=${e.query.name}` : ''} ${e.status ?? '-'}`,
  );

describe('J.P. Morgan MPS create after a failure that may hide a stored plan', () => {
  it.each([500, 502, 503])('looks a create answered %i up, then sends it again: one plan', async (status) => {
    await start();
    h.emulator.faults.inject({ ...CREATE, fault: { kind: 'status', status } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(trace()).toEqual([
      `GET ${PLANS} 200`,
      `POST ${PLANS} ${status}`,
      `GET ${PLANS} name=Premium 200`,
      `POST ${PLANS} 201`,
    ]);
    expect(h.emulator.plans()).toHaveLength(1);
  });

  it('adopts the plan a create stored before its answer was cut off, even on the second attempt', async () => {
    await start();
    h.emulator.faults.inject({ ...CREATE, fault: { kind: 'reset-before' } });
    h.emulator.faults.inject({ ...CREATE, fault: { kind: 'reset-after' } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain("the create's answer was lost; found plan");
    expect(h.emulator.writes().map((w) => `${w.method} ${w.path} ${w.fault ?? '-'}`)).toEqual([
      `POST ${PLANS} reset-after`,
    ]);
    expect(h.emulator.plans()).toHaveLength(1);
  });

  it('takes a refusal as final: no lookup, no second create', async () => {
    await start();
    h.emulator.faults.inject({ ...CREATE, fault: { kind: 'status', status: 400 } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(trace()).toEqual([`GET ${PLANS} 200`, `POST ${PLANS} 400`]);
  });

  it('gives up after four more creates, each after a lookup, and reports the failure', async () => {
    await start();
    h.emulator.faults.inject({ ...CREATE, times: Infinity, fault: { kind: 'status', status: 503 } });

    const apply = await h.cli(['apply', '--auto-approve']);

    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/^failed jpm\/premium \(create\)$/m);
    expect(trace().filter((line) => line.startsWith('POST'))).toHaveLength(5);
    expect(trace().filter((line) => line.includes('name=Premium'))).toHaveLength(4);
    expect(h.emulator.plans()).toHaveLength(0);
  });
});
