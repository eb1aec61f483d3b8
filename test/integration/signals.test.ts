// SIGINT and SIGTERM sent to the real `plansync` process (the compiled CLI when dist/ is fresh: run
// `npm run build` first), against a BlueSnap emulator in this process that holds its answers back.
// Read-only commands stop at once with 130 or 143; apply starts nothing new, lets the write in flight
// finish, reports every operation, releases its lock and exits 130, and what it reports as done is
// exactly what is live. A second SIGINT abandons the write in flight and exits at once.
// Time is asserted only loosely (a busy machine): what is checked is what did and did not happen.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliCommand } from '../support/cli-command.js';
import { gold, plansYaml, projectYaml, seedPlan, startHarness, type Harness } from '../support/harness.js';

const PLANS = '/services/2/recurring/plans';
const cli = cliCommand();

let h: Harness | undefined;
afterEach(async () => h?.close());

interface Child {
  signal(name: NodeJS.Signals): void;
  /** Exit code (130 for a process killed by SIGINT the default way would be null: never expected). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stdout(): string;
  stderr(): string;
}

function plansync(harness: Harness, args: string[]): Child {
  const child = spawn(process.execPath, [...cli.prefix, ...args], {
    cwd: harness.dir,
    env: harness.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    signal: (name) => child.kill(name),
    exited: new Promise((resolve) =>
      child.once('close', (code, signal) => resolve({ code, signal, at: Date.now() })),
    ),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** Polls until `condition` holds; fails the test after `ms` with what the child printed. */
async function until(condition: () => boolean, child: Child, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; stderr: ${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const posts = (harness: Harness) =>
  harness.emulator.log.filter((entry) => entry.method === 'POST' && entry.path === PLANS);
const lists = (harness: Harness) =>
  harness.emulator.log.filter((entry) => entry.method === 'GET' && entry.path === PLANS);

/** Four plans to create, one request at a time, each create answered only after `delayMs`. */
async function slowCreates(delayMs: number): Promise<Harness> {
  const harness = await startHarness({
    project: projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 120000\n      concurrency: 1'),
    plans: plansYaml(
      Object.fromEntries(['p1', 'p2', 'p3', 'p4'].map((key) => [key, { ...gold, name: `Plan ${key}` }])),
    ),
  });
  harness.emulator.faults.inject({
    method: 'POST',
    path: PLANS,
    times: Infinity,
    fault: { kind: 'delay', ms: delayMs },
  });
  return harness;
}

/** Each operation's report line: `done`, `failed` or `skipped`, by plan key. */
function reported(stdout: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const match of stdout.matchAll(/^(done|failed|skipped)\s+bs\/(\S+) \(create\)$/gm)) {
    expect(states.has(match[2] as string), `${match[2]} reported twice`).toBe(false);
    states.set(match[2] as string, match[1] as string);
  }
  return states;
}

describe('signals during a read-only command', { timeout: 60_000 }, () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('plan stops at once on %s, mid-read, with exit %i', async (signal, exitCode) => {
    h = await startHarness({ seed: [seedPlan(100, gold)], plans: plansYaml({ gold }) });
    // The listing is never answered: without the signal, plan would wait out 30 s timeouts and retries.
    h.emulator.faults.inject({ method: 'GET', path: PLANS, times: Infinity, fault: { kind: 'hang' } });
    const child = plansync(h, ['plan']);
    await until(() => lists(h as Harness).length > 0, child);

    const sentAt = Date.now();
    child.signal(signal);
    const exit = await child.exited;

    expect(exit.code, child.stderr()).toBe(exitCode);
    expect(exit.at - sentAt).toBeLessThan(10_000);
    expect(child.stderr()).toContain(`plansync: interrupted by ${signal}; stopped.`);
    // It did not run to completion: no plan was printed, and the hung read was not retried.
    expect(child.stdout()).toBe('');
    expect(lists(h)).toHaveLength(1);
    expect(child.stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('signals during apply', { timeout: 60_000 }, () => {
  it('SIGINT lets the create in flight finish, starts no other, reports each, releases the lock: exit 130', async () => {
    h = await slowCreates(1_500);
    const child = plansync(h, ['apply', '--auto-approve']);
    await until(() => posts(h as Harness).length > 0, child);

    child.signal('SIGINT');
    const exit = await child.exited;

    expect(exit.code, child.stdout() + child.stderr()).toBe(130);
    const states = reported(child.stdout());
    // Every operation is reported, once, as done, failed or not started.
    expect([...states.keys()].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    const done = [...states].filter(([, state]) => state === 'done').map(([key]) => key);
    const notStarted = [...states].filter(([, state]) => state === 'skipped').map(([key]) => key);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(notStarted.length).toBeGreaterThanOrEqual(1);
    expect(done.length + notStarted.length).toBe(4);
    expect(child.stdout()).toContain('not started: interrupted by SIGINT');
    expect(child.stderr()).toContain('Stopping (interrupted by SIGINT): no new operation starts');
    expect(child.stdout()).toMatch(/Apply: \d done, 0 failed, \d skipped\./);
    expect(child.stderr()).toContain('plansync: interrupted by SIGINT; stopped.');
    // The live state is what the report says: each create reported done is live, none other is.
    const live = h.emulator.plans().map((plan) => plan.name);
    expect(live.sort()).toEqual(done.map((key) => `Plan ${key}`).sort());
    expect(posts(h)).toHaveLength(done.length);
    expect(existsSync(join(h.dir, '.plansync', 'apply.lock'))).toBe(false);
  });

  it('a second SIGINT abandons the write in flight and exits at once, without leaving the lock', async () => {
    // A create that would take a minute to answer: only the second signal can end the run soon.
    h = await slowCreates(60_000);
    const child = plansync(h, ['apply', '--auto-approve']);
    await until(() => posts(h as Harness).length > 0, child);

    child.signal('SIGINT');
    // The first signal is taken (the run keeps waiting for the write in flight) before the second.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sentAt = Date.now();
    child.signal('SIGINT');
    const exit = await child.exited;

    expect(exit.code, child.stdout() + child.stderr()).toBe(130);
    expect(exit.at - sentAt).toBeLessThan(10_000);
    expect(child.stderr()).toContain('SIGINT again: abandoning what is in flight');
    const states = reported(child.stdout());
    expect(states.get('p1')).toBe('failed');
    expect(child.stdout()).toContain('abandoned in flight (interrupted by SIGINT)');
    expect(['p2', 'p3', 'p4'].map((key) => states.get(key))).toEqual(['skipped', 'skipped', 'skipped']);
    expect(posts(h)).toHaveLength(1);
    expect(existsSync(join(h.dir, '.plansync', 'apply.lock'))).toBe(false);
  });
});

describe('the run’s deadline in the real process', { timeout: 60_000 }, () => {
  it('--timeout stops a plan waiting on a server that never answers: exit 1, naming the deadline', async () => {
    h = await startHarness({
      // Each request could wait two minutes: only the run's deadline ends this one soon.
      project: projectYaml().replace('timeout_ms: 2000', 'timeout_ms: 120000'),
      seed: [seedPlan(100, gold)],
      plans: plansYaml({ gold }),
    });
    h.emulator.faults.inject({ method: 'GET', path: PLANS, times: Infinity, fault: { kind: 'hang' } });
    const startedAt = Date.now();

    const child = plansync(h, ['--timeout', '1s', 'plan']);
    const exit = await child.exited;

    expect(exit.code, child.stderr()).toBe(1);
    expect(child.stderr()).toContain("Error: the run's deadline passed (--timeout 1s); stopped.");
    expect(child.stdout()).toBe('');
    expect(lists(h)).toHaveLength(1);
    expect(exit.at - startedAt).toBeLessThan(30_000);
  });
});
