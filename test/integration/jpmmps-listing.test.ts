// J.P. Morgan MPS listings through the real CLI over real sockets: plansync learns the page base from
// the first answer and reads every plan once whichever base the server uses, and refuses a listing that
// is inconsistent (a page served twice, a count that disagrees, a page echo other than the one asked
// for) before anything is planned or written. Every plan lives and is declared: a listing misread would
// plan creates for the plans it missed.

import { afterEach, describe, expect, it } from 'vitest';
import type { PlanItem } from '../../src/core/model.js';
import type { JpmMpsEmulator, JpmMpsPlanInput, ListResponseBody } from '../../src/sandbox/jpmmps/index.js';
import { jpmFixture, jpmPlanId, jpmSpec } from '../providers/jpmmps/fixture.js';
import { plansFileYaml, startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';

const LIVE = 150;
const LIST = 'GET /api/v1/plans';

let h: ProviderHarness<JpmMpsEmulator>;
afterEach(async () => h?.close());

const specs = Array.from({ length: LIVE }, (_, i) => jpmSpec(`Plan ${i + 1}`));
const seed = specs.map((spec, i) => ({ ...spec, id: jpmPlanId(i + 1), prepaid: true }) as JpmMpsPlanInput);
const declared = (change: (key: string) => Record<string, unknown> = () => ({})) =>
  plansFileYaml(
    'jpm',
    Object.fromEntries(specs.map((spec, i) => [`plan-${i + 1}`, { ...spec, ...change(`plan-${i + 1}`) }])),
  );

const start = (emulator: Record<string, unknown>, plans = declared()) =>
  startProviderHarness(jpmFixture, { seed, plans, emulator });

/** The list answers the emulator sent, in the order it sent them. */
const listed = (emulator: JpmMpsEmulator) =>
  emulator.log
    .filter((entry) => `${entry.method} ${entry.path}` === LIST && entry.status === 200)
    .map((entry) => entry.response?.body as ListResponseBody);

const items = (stdout: string) =>
  (JSON.parse(stdout) as { plan: { connections: Array<{ items: PlanItem[] }> } }).plan.connections.flatMap(
    (connection) => connection.items,
  );

describe('J.P. Morgan MPS listings', () => {
  it.each([0, 1] as const)(
    'reads every plan once from a server numbering pages from %i, plans nothing, and apply creates nothing',
    async (pageBase) => {
      h = await start({ pageBase });

      const plan = await h.cli(['plan', '--detailed-exitcode', '--format', 'json']);
      const answers = listed(h.emulator);
      h.emulator.clearLog();
      const apply = await h.cli(['apply', '--auto-approve']);

      expect(plan.code, plan.stderr).toBe(0);
      expect(items(plan.stdout).filter((item) => item.action !== 'no-op')).toEqual([]);
      const pages = answers[0]?.totalPages ?? 0;
      expect(answers.map((answer) => answer.page).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: pages }, (_, i) => pageBase + i),
      );
      expect(answers.flatMap((answer) => answer.data.map((plan) => plan.id)).sort()).toEqual(
        seed.map((plan) => plan.id).sort(),
      );
      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      expect(h.writes()).toEqual([]);
      expect(h.emulator.plans()).toHaveLength(LIVE);
    },
  );

  it('asks page 1 once when a server echoes page 0 with no plans while its count says there are some', async () => {
    h = await start({ pageBase: 1 });
    await h.cli(['plan']);
    const faithful = listed(h.emulator)[0];
    h.emulator.clearLog();
    // A server that takes page=0 as a page before its first: empty, yet counting every plan.
    h.emulator.faults.inject({
      method: 'GET',
      path: '/api/v1/plans',
      fault: { kind: 'status', status: 200, body: { ...faithful, page: 0, data: [] } },
    });

    const plan = await h.cli(['plan', '--detailed-exitcode']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const asked = h.emulator.log.map((entry) => Number(entry.query.page));
    expect(asked.slice(0, 2)).toEqual([0, 1]);
    expect(asked.sort((x, y) => x - y)).toEqual(
      Array.from({ length: (faithful?.totalPages ?? 0) + 1 }, (_, i) => i),
    );
  });

  it('reads pages from 0, as documented, from a server that echoes no page number', async () => {
    h = await start({ pageBase: 0, listFaults: { omitEcho: true } });

    const plan = await h.cli(['plan', '--detailed-exitcode']);

    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(h.emulator.log.map((entry) => Number(entry.query.page))).toEqual(
      Array.from({ length: listed(h.emulator)[0]?.totalPages ?? 0 }, (_, i) => i),
    );
  });

  const inconsistent: Array<[string, 0 | 1, Record<string, unknown>, string]> = [
    ['a page served twice', 0, { repeatPage: 1 }, 'repeats SubscriptionPlan-'],
    ['a page served twice', 1, { repeatPage: 2 }, 'repeats SubscriptionPlan-'],
    [
      'a count above the plans served',
      1,
      { countOffset: 1 },
      `count is ${LIVE + 1}, but the listing held ${LIVE} distinct ids`,
    ],
    [
      'a count below the plans served',
      0,
      { countOffset: -1 },
      `count is ${LIVE - 1}, but the listing held ${LIVE} distinct ids`,
    ],
    // Without an echo plansync reads pages from 0: a server numbering from 1 then serves its page 1 twice.
    ['no page echo', 1, { omitEcho: true }, 'repeats SubscriptionPlan-'],
  ];

  it.each(inconsistent)(
    'refuses to plan or apply with %s (pages from %i), writing nothing',
    async (_label, pageBase, listFaults, detail) => {
      h = await start({ pageBase, listFaults });

      const plan = await h.cli(['plan']);
      const apply = await h.cli(['apply', '--auto-approve']);

      for (const run of [plan, apply]) {
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('Error: jpmmps: invalid response from GET /plans: ');
        expect(run.stderr).toContain(detail);
        expect(run.stderr).toContain('nothing was planned or written from it');
        expect(run.stderr).toContain('(connection jpm)');
        expect(run.stdout).not.toContain('Plan:');
      }
      expect(h.writes()).toEqual([]);
      expect(h.emulator.plans()).toHaveLength(LIVE);
    },
  );

  it('refuses to apply a saved plan when the listing goes wrong after it was made, writing nothing', async () => {
    h = await start(
      { pageBase: 1 },
      declared((key) => (key === 'plan-1' ? { description: 'Changed' } : {})),
    );
    const plan = await h.cli(['plan', '--out', 'plan.json']);
    h.emulator.setListFaults({ repeatPage: 2 });

    const apply = await h.cli(['apply', 'plan.json']);

    expect(plan.code, plan.stderr).toBe(0);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('repeats SubscriptionPlan-');
    expect(h.writes()).toEqual([]);
  });
});
