// Bounded runs, in-process against a BlueSnap emulator: the whole run's deadline (`--timeout`) on the
// run's clock (test/support/virtual-clock.ts: time moves only when the run waits, so a 30-minute
// deadline costs no real time), a server that never answers failing at the connection's timeout_ms,
// and the stop hook (`RunOptions.signal`) that SIGINT and SIGTERM drive in the real CLI.

import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { baseUrlEnvName } from '../../src/engine/session.js';
import type { BlueSnapEmulator } from '../../src/sandbox/bluesnap/index.js';
import { blueSnapSeedPlan, bluesnapFixture } from '../providers/bluesnap/fixture.js';
import { gold, plansYaml, projectYaml } from '../support/harness.js';
import { startProviderHarness, type ProviderHarness } from '../support/provider-harness.js';
import { runCli } from '../support/run-cli.js';
import { virtualClock, type VirtualClock } from '../support/virtual-clock.js';

const PLANS = '/services/2/recurring/plans';

let h: ProviderHarness<BlueSnapEmulator> | undefined;
let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const KEYS = ['p1', 'p2', 'p3', 'p4'];
const fourNewPlans = plansYaml(
  Object.fromEntries(KEYS.map((key) => [key, { ...gold, name: `Plan ${key}` }])),
);

function start(
  options: { clock?: VirtualClock; project?: string; plans?: string; seed?: boolean } = {},
): Promise<ProviderHarness<BlueSnapEmulator>> {
  return startProviderHarness(bluesnapFixture, {
    seed: options.seed === false ? [] : [blueSnapSeedPlan(100, gold)],
    plans: options.plans ?? plansYaml({ gold }),
    ...(options.project ? { project: options.project } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

const lists = (harness: ProviderHarness<BlueSnapEmulator>) =>
  harness.requests().filter((request) => request === `GET ${PLANS}`);
const posts = (harness: ProviderHarness<BlueSnapEmulator>) =>
  harness.requests().filter((request) => request === `POST ${PLANS}`);

/** Each operation's report line (`done`, `failed`, `skipped`) by plan key. */
function reported(stdout: string): Map<string, string> {
  return new Map(
    [...stdout.matchAll(/^(done|failed|skipped)\s+bs\/(\S+) \(create\)$/gm)].map(
      (match) => [match[2] as string, match[1] as string] as const,
    ),
  );
}

describe('the run’s deadline (--timeout)', () => {
  it('stops plan when it passes between retries, naming the deadline, exit 1', async () => {
    const clock = virtualClock();
    h = await start({ clock });
    h.emulator.faults.inject({
      method: 'GET',
      path: PLANS,
      times: Infinity,
      fault: { kind: 'status', status: 503, headers: { 'retry-after': '30' } },
    });

    const plan = await h.cli(['--timeout', '45s', 'plan']);

    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stderr).toContain("Error: the run's deadline passed (--timeout 45s); stopped.");
    // Without the deadline the connection's 4 retries would send 5 reads; the third is never sent.
    expect(lists(h)).toHaveLength(2);
    expect(clock.sleeps).toEqual([30_000, 30_000]);
  });

  it('has a generous default (60 minutes), and none with --timeout none or 0', async () => {
    const project = projectYaml().replace(
      'timeout_ms: 2000',
      'timeout_ms: 2000\n      max_retry_wait_ms: 3600000',
    );
    const fiftyMinutes503 = (harness: ProviderHarness<BlueSnapEmulator>) =>
      harness.emulator.faults.inject({
        method: 'GET',
        path: PLANS,
        times: 2,
        fault: { kind: 'status', status: 503, headers: { 'retry-after': '3000' } },
      });

    h = await start({ clock: virtualClock(), project });
    fiftyMinutes503(h);
    const byDefault = await h.cli(['plan']);
    expect(byDefault.code).toBe(1);
    expect(byDefault.stderr).toContain("the run's deadline passed (--timeout 60m)");
    await h.close();

    for (const none of ['none', '0']) {
      h = await start({ clock: virtualClock(), project });
      fiftyMinutes503(h);
      const unbounded = await h.cli(['--timeout', none, 'plan', '--detailed-exitcode']);
      expect(unbounded.code, unbounded.stderr).toBe(0);
      expect(lists(h)).toHaveLength(3);
      await h.close();
    }
    h = undefined;
  });

  it('stops apply from starting new operations; the one in flight finishes; each is reported; lock released', async () => {
    const clock = virtualClock();
    h = await start({
      clock,
      seed: false,
      plans: fourNewPlans,
      project: projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 2000\n      concurrency: 1'),
    });
    // The first create is told to come back in 30 s: the deadline passes while it waits.
    h.emulator.faults.inject({
      method: 'POST',
      path: PLANS,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
    });

    const apply = await h.cli(['--timeout', '20s', 'apply', '--auto-approve']);

    expect(apply.code, apply.stdout + apply.stderr).toBe(1);
    expect(apply.stderr).toContain("Error: the run's deadline passed (--timeout 20s); stopped.");
    const states = reported(apply.stdout);
    expect([...states.keys()].sort()).toEqual(KEYS);
    const done = [...states].filter(([, state]) => state === 'done').map(([key]) => key);
    expect(done).toHaveLength(1);
    expect([...states.values()].filter((state) => state === 'skipped')).toHaveLength(3);
    expect(apply.stdout).toContain("not started: the run's deadline passed (--timeout 20s)");
    expect(apply.stdout).toContain('Apply: 1 done, 0 failed, 3 skipped.');
    // The one in flight was retried and finished; nothing else was sent.
    expect(posts(h)).toHaveLength(2);
    expect(h.emulator.plans().map((plan) => plan.name)).toEqual(done.map((key) => `Plan ${key}`));
    expect(existsSync(join(h.dir, '.plansync', 'apply.lock'))).toBe(false);
  });

  it('takes a deadline longer than a Node timer can hold without firing it at once', async () => {
    h = await start();
    const plan = await h.cli(['--timeout', '1000h', 'plan', '--detailed-exitcode']);
    expect(plan.code, plan.stderr).toBe(0);
  });

  it('refuses a duration it cannot read', async () => {
    h = await start();
    const plan = await h.cli(['--timeout', 'soon', 'plan']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('expected a duration such as 90s, 30m, 2h or 500ms, or 0 or none');
    expect(h.requests()).toEqual([]);
  });
});

describe('a server that never answers', () => {
  const quickProject = projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 300\n      retries: 1');

  it('fails at the connection’s timeout_ms, naming the provider, the endpoint and the connection', async () => {
    h = await start({ project: quickProject });
    h.emulator.faults.inject({ method: 'GET', path: PLANS, times: Infinity, fault: { kind: 'hang' } });

    const plan = await h.cli(['plan']);

    expect(plan.code).toBe(1);
    // The host is named (the emulator's, on an ephemeral port), never the URL's path or query.
    expect(plan.stderr).toMatch(
      /bluesnap: GET \/recurring\/plans failed: timed out waiting for the response from host 127\.0\.0\.1:\d+ \(after 2 attempts\) \(connection bs\)/,
    );
    expect(lists(h)).toHaveLength(2);
  });

  it('also when the server accepts the connection and never reads a byte', async () => {
    h = await start({ project: quickProject });
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };

    const plan = await h.cli(['plan'], {
      env: { ...h.env, [baseUrlEnvName('bs')]: `http://127.0.0.1:${port}/services/2` },
    });

    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      'bluesnap: GET /recurring/plans failed: timed out waiting for the response',
    );
    expect(plan.stderr).toContain('(connection bs)');
    expect(sockets.length).toBeGreaterThanOrEqual(1);
  });
});

describe('the stop hook (RunOptions.signal), as SIGINT and SIGTERM drive it', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'a read-only command already stopped by %s exits %i and reads nothing',
    async (signal, code) => {
      h = await start();
      for (const args of [['validate'], ['plan'], ['drift'], ['import', '--connection', 'bs', '--dry-run']]) {
        const controller = new AbortController();
        controller.abort(signal);
        const result = await runCli(args, { env: h.env, cwd: h.dir, run: { signal: controller.signal } });
        expect(result.code, `${args[0]}: ${result.stderr}`).toBe(code);
        expect(result.stderr).toContain(`plansync: interrupted by ${signal}; stopped.`);
      }
      expect(h.requests()).toEqual([]);
    },
  );

  it('stops apply while it still reads: the read is abandoned, nothing written, lock released, 143', async () => {
    h = await start({ seed: false, plans: fourNewPlans });
    h.emulator.faults.inject({ method: 'GET', path: PLANS, times: Infinity, fault: { kind: 'hang' } });
    const controller = new AbortController();
    const harness = h;
    const watch = setInterval(() => {
      if (lists(harness).length > 0) controller.abort('SIGTERM');
    }, 5);

    const apply = await runCli(['apply', '--auto-approve'], {
      env: h.env,
      cwd: h.dir,
      run: { signal: controller.signal },
    }).finally(() => clearInterval(watch));

    expect(apply.code, apply.stderr).toBe(143);
    expect(apply.stderr).toContain(
      'Apply stopped before its first write: nothing was written; the apply lock is released.',
    );
    expect(apply.stderr).toContain('plansync: interrupted by SIGTERM; stopped.');
    expect(h.writes()).toEqual([]);
    expect(existsSync(join(h.dir, '.plansync', 'apply.lock'))).toBe(false);
  });

  it('stops apply mid-run in-process: the create in flight finishes, the rest are not started', async () => {
    h = await start({
      seed: false,
      plans: fourNewPlans,
      project: projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 20000\n      concurrency: 1'),
    });
    h.emulator.faults.inject({
      method: 'POST',
      path: PLANS,
      times: Infinity,
      fault: { kind: 'delay', ms: 300 },
    });
    const controller = new AbortController();
    const harness = h;
    const watch = setInterval(() => {
      if (posts(harness).length > 0) controller.abort(new InterruptedError('SIGINT'));
    }, 5);

    const apply = await runCli(['apply', '--auto-approve'], {
      env: h.env,
      cwd: h.dir,
      run: { signal: controller.signal },
    }).finally(() => clearInterval(watch));

    expect(apply.code, apply.stdout + apply.stderr).toBe(130);
    const states = reported(apply.stdout);
    expect([...states.keys()].sort()).toEqual(KEYS);
    const done = [...states].filter(([, state]) => state === 'done').map(([key]) => key);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThan(4);
    expect(
      h.emulator
        .plans()
        .map((plan) => plan.name)
        .sort(),
    ).toEqual(done.map((key) => `Plan ${key}`).sort());
    expect(existsSync(join(h.dir, '.plansync', 'apply.lock'))).toBe(false);
  });
});
