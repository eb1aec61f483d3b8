// The demo's second act: environments. One catalog (examples/environments), two emulated accounts
// per provider (sandbox and production), and the promotion flow a billing team follows: plan both,
// production refused while the sandbox lacks the change, apply the sandbox, compare, promote,
// compare again. Each step's exit code is checked against the one the flow expects, so the demo
// (and its test) fails loudly if plansync ever lets production run ahead.

import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../cli/run.js';
import type { CliIo } from '../cli/io.js';
import { loadProjects } from '../config/load-project.js';
import { baseUrlEnvName } from '../engine/session.js';
import { providers } from '../providers/registry.js';
import { startSandbox } from '../sandbox/sandbox.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/environments/', import.meta.url));
const ENVIRONMENTS = ['sandbox', 'production'] as const;

export interface DemoOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A step's heading. */
  banner(text: string): void;
  isTTY?: boolean;
}

interface Step {
  title: string;
  args: string[];
  /** The exit code the flow expects; another one ends the demo with a failure. */
  expect: number;
  /** What the exit code means, said after the step. */
  meaning: string;
}

const STEPS: Step[] = [
  {
    title: 'plansync plan  (every environment, sandbox first)',
    args: ['plan'],
    expect: 0,
    meaning: 'both environments lack the two Team plans',
  },
  {
    title: 'plansync apply --env production --auto-approve  (production before the sandbox)',
    args: ['apply', '--env', 'production', '--auto-approve'],
    expect: 3,
    meaning: 'refused: production follows sandbox, which does not hold these changes yet',
  },
  {
    title: 'plansync apply --env sandbox --auto-approve --write-ids  (rehearse)',
    args: ['apply', '--env', 'sandbox', '--auto-approve', '--write-ids'],
    expect: 0,
    meaning: "applied; each created id is pinned under the plan's environments.sandbox",
  },
  {
    title: 'plansync compare sandbox production  (rehearsed, not yet promoted)',
    args: ['compare', 'sandbox', 'production'],
    expect: 2,
    meaning: 'the environments differ: the sandbox holds what production does not',
  },
  {
    title: 'plansync apply --env production --auto-approve --write-ids  (promote)',
    args: ['apply', '--env', 'production', '--auto-approve', '--write-ids'],
    expect: 0,
    meaning: 'the sandbox holds every change, so production receives them',
  },
  {
    title: 'plansync compare sandbox production  (after promotion)',
    args: ['compare', 'sandbox', 'production'],
    expect: 0,
    meaning: 'no differences beyond ids and per-environment values',
  },
  {
    title: 'plansync plan --env all --detailed-exitcode  (nothing left to do)',
    args: ['plan', '--env', 'all', '--detailed-exitcode'],
    expect: 0,
    meaning: 'both environments match the YAML',
  },
];

/** Runs the act; 0 when every step ended as the flow expects. */
export async function environmentsDemo(out: DemoOutput): Promise<number> {
  const sandbox = await startSandbox({ instances: ENVIRONMENTS });
  const root = await mkdtemp(join(tmpdir(), 'plansync-demo-environments-'));
  try {
    await cp(EXAMPLE, root, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Each environment's connections reach their own emulator, with the credential variables the
    // example project names for that environment.
    for (const project of await loadProjects(root, providers, { environments: ['all'] })) {
      const name = project.environment?.name;
      for (const connection of project.connections) {
        const emulator = sandbox.emulators.find(
          (candidate) => candidate.provider === connection.provider && candidate.instance === name,
        );
        if (!emulator) continue;
        env[baseUrlEnvName(connection.name, name)] = emulator.baseUrl;
        for (const [slot, variable] of Object.entries(connection.credentials)) {
          env[variable] = emulator.credentials[slot];
        }
      }
    }
    const io: CliIo = {
      stdout: out.stdout,
      stderr: out.stderr,
      env,
      cwd: root,
      isTTY: out.isTTY ?? false,
      confirm: async () => false,
    };
    for (const step of STEPS) {
      out.banner(step.title);
      const code = await run(step.args, io);
      if (code !== step.expect) {
        out.stderr(`\nThe demo expected exit code ${step.expect} here, got ${code}.\n`);
        return 1;
      }
      out.stdout(`\n(exit code ${code}: ${step.meaning})\n`);
      if (step.args.includes('--write-ids') && step.args.includes('sandbox')) {
        out.stdout(`\nplans/paypal.yaml now holds the sandbox's id:\n\n`);
        out.stdout(await readFile(join(root, 'plans', 'paypal.yaml'), 'utf8'));
      }
    }
    return 0;
  } finally {
    await sandbox.close();
    await rm(root, { recursive: true, force: true });
  }
}
