// `plansync sandbox`: starts the emulators, prints how to reach them, stops when asked.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

/** Runs `plansync sandbox` in `cwd` until its listing is printed; `stop` ends it. */
async function startSandboxCommand(cwd: string, args: string[] = []) {
  let stdout = '';
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  let prompted!: () => void;
  const ready = new Promise<void>((resolve) => (prompted = resolve));
  const io = {
    stdout: (text: string) => {
      stdout += text;
      if (stdout.includes('Press Ctrl-C')) prompted();
    },
    stderr: () => {},
    env: {},
    cwd,
    isTTY: false,
    confirm: async () => false,
  };
  const running = run([...args, 'sandbox'], io, { sandboxUntil: until });
  // However long the emulators take to start on a busy machine; `running` ends first only on failure.
  await Promise.race([ready, running]);
  return { stdout: () => stdout, stop, running };
}

/** The `export NAME=value` lines of the listing. */
function exportsOf(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^ {2}export (\w+)=(\S*)$/gm)].map((m) => [m[1], m[2]]));
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function bluesnapPlans(url: string, username: string, password: string): Promise<unknown[]> {
  const response = await fetch(`${url}/recurring/plans`, {
    headers: { authorization: basic(username, password) },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { plans: unknown[] }).plans;
}

const ENV_PROJECT = `version: 1
plans: plans
connections:
  bs:
    provider: bluesnap
  pp:
    provider: paypal
environments:
  sandbox:
    connections:
      bs: { credentials: { username: BS_SBX_USER, password: BS_SBX_PASS } }
      pp: { credentials: { client_id: PP_SBX_ID, client_secret: PP_SBX_SECRET } }
  production:
    follows: sandbox
    connections:
      bs: { credentials: { username: BS_PRD_USER, password: BS_PRD_PASS } }
      pp: { credentials: { client_id: PP_PRD_ID, client_secret: PP_PRD_SECRET } }
`;

const BS_PLANS = `connection: bs
plans:
  starter:
    name: Env Starter
    recurringChargeAmount: 5
    currency: USD
    chargeFrequency: MONTHLY
`;

describe('plansync sandbox', () => {
  it('prints a reachable BlueSnap URL and the variables to export, then stops', async () => {
    const sandbox = await startSandboxCommand(process.cwd());
    const stdout = sandbox.stdout();
    const url = /export PLANSYNC_BASE_URL_BLUESNAP_SANDBOX=(\S+)/.exec(stdout)?.[1] ?? '';
    const response = await fetch(`${url}/recurring/plans`, {
      headers: { authorization: basic('plansync-demo', 'sandbox-password-not-secret') },
    });
    sandbox.stop();

    expect(response.status).toBe(200);
    expect(stdout).toContain('export BLUESNAP_USERNAME=plansync-demo');
    expect(stdout).not.toContain('Environment');
    expect(await sandbox.running).toBe(0);
  });

  it('starts one set of emulators per environment and prints what each environment reads', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'plansync-sandbox-env-'));
    try {
      await mkdir(path.join(root, 'plans'));
      await writeFile(path.join(root, 'plansync.yaml'), ENV_PROJECT);
      await writeFile(path.join(root, 'plans', 'bs.yaml'), BS_PLANS);
      const sandbox = await startSandboxCommand(root);
      const stdout = sandbox.stdout();
      const env = exportsOf(stdout);
      const urls = [env.PLANSYNC_BASE_URL_BS_SANDBOX ?? '', env.PLANSYNC_BASE_URL_BS_PRODUCTION ?? ''];
      const sandboxPlans = await bluesnapPlans(urls[0]!, env.BS_SBX_USER!, env.BS_SBX_PASS!);
      const productionPlans = await bluesnapPlans(urls[1]!, env.BS_PRD_USER!, env.BS_PRD_PASS!);

      // The printed variables are all a run needs: plan both environments against the emulators.
      let planned = '';
      const plan = await run(['plan', '--env', 'all'], {
        stdout: (text: string) => (planned += text),
        stderr: (text: string) => (planned += text),
        env,
        cwd: root,
        isTTY: false,
        confirm: async () => false,
      });
      sandbox.stop();

      expect(stdout.indexOf('Environment sandbox:')).toBeLessThan(stdout.indexOf('Environment production:'));
      expect(Object.keys(env).sort()).toEqual(
        [
          'BS_PRD_PASS',
          'BS_PRD_USER',
          'BS_SBX_PASS',
          'BS_SBX_USER',
          'PLANSYNC_BASE_URL_BS_PRODUCTION',
          'PLANSYNC_BASE_URL_BS_SANDBOX',
          'PLANSYNC_BASE_URL_PP_PRODUCTION',
          'PLANSYNC_BASE_URL_PP_SANDBOX',
          'PP_PRD_ID',
          'PP_PRD_SECRET',
          'PP_SBX_ID',
          'PP_SBX_SECRET',
        ].sort(),
      );
      expect(urls[0]).not.toBe(urls[1]);
      expect(sandboxPlans).toHaveLength(4);
      expect(productionPlans).toHaveLength(4);
      expect(plan).toBe(0);
      expect(planned).toContain('Env Starter');
      expect(await sandbox.running).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('starts the named environments only with --env', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'plansync-sandbox-env-'));
    try {
      await mkdir(path.join(root, 'plans'));
      await writeFile(path.join(root, 'plansync.yaml'), ENV_PROJECT);
      const sandbox = await startSandboxCommand(root, ['--env', 'production']);
      const stdout = sandbox.stdout();
      sandbox.stop();

      expect(stdout).toContain('Environment production:');
      expect(stdout).not.toContain('Environment sandbox:');
      expect(stdout).toContain('export PLANSYNC_BASE_URL_PP_PRODUCTION=');
      expect(await sandbox.running).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
