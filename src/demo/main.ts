// `npm start`: the whole plansync flow against the built-in sandbox, with no credentials needed.
// Starts the emulators, plans the example project (creates, updates, blocked create-only changes at
// BlueSnap, PayPal and Stripe), takes the way out the plan offers for the blocked ones, applies, and plans
// again: no changes. Part two (environments.ts) promotes a change from sandbox to production.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../cli/run.js';
import { environmentsDemo } from './environments.js';
import type { CliIo } from '../cli/io.js';
import { startSandbox } from '../sandbox/sandbox.js';
import { baseUrlEnvName } from '../engine/session.js';
import { providers } from '../providers/registry.js';

const source = fileURLToPath(new URL('../..', import.meta.url));

/** The demo runs on a copy of the example project, so its YAML edit never touches the repository. */
async function copyProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plansync-demo-'));
  await cp(join(source, 'plansync.yaml'), join(dir, 'plansync.yaml'));
  await cp(join(source, 'plans'), join(dir, 'plans'), { recursive: true });
  return dir;
}

/** The fix a reviewer asks for when the plan blocks `stark` going back to TRIAL. */
async function keepStarkOnGold(dir: string): Promise<void> {
  const file = join(dir, 'plans', 'constantcontact.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/plan_type: TRIAL # blocked:.*$/m, 'plan_type: GOLD'));
  console.log(
    'Edited plans/constantcontact.yaml: `stark` keeps plan_type GOLD (the way out the plan names).\n',
  );
}

const bold = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;

function banner(text: string): void {
  console.log(bold ? `\n\u001b[1m━━ ${text}\u001b[0m\n` : `\n━━ ${text}\n`);
}

async function main(): Promise<number> {
  const sandbox = await startSandbox();
  const root = await copyProject();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const emulator of sandbox.emulators) {
    const connection =
      emulator.provider === 'constantcontact' ? 'cc-partner' : `${emulator.provider}-sandbox`;
    env[baseUrlEnvName(connection)] = emulator.baseUrl;
    for (const slot of providers.get(emulator.provider)?.credentials ?? []) {
      env[slot.exampleEnv] = emulator.credentials[slot.name];
    }
  }
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env,
    cwd: root,
    isTTY: Boolean(process.stdout.isTTY),
    confirm: async () => false,
  };

  try {
    banner('1. plansync plan  (what would change?)');
    const first = await run(['plan'], io);
    console.log(`\n(exit code ${first}: 3 means the plan holds blocked changes, so apply would refuse it)`);

    banner(
      '2. fix `stark` in YAML, then plansync apply --replace pro-monthly --replace growth-monthly --replace pro/pro:month:usd --auto-approve  (the ways out the plan names)',
    );
    await keepStarkOnGold(root);
    const replace = [
      '--replace',
      'pro-monthly',
      '--replace',
      'growth-monthly',
      '--replace',
      'pro/pro:month:usd',
    ];
    const applied = await run(['apply', ...replace, '--auto-approve'], io);
    if (applied !== 0) return applied;

    banner('3. plansync plan --detailed-exitcode  (again: nothing left to do)');
    const again = await run(['plan', '--detailed-exitcode'], io);
    console.log(`\n(exit code ${again}: 0 means the live plans now match the YAML)`);
    if (again !== 0) return again;
  } finally {
    await sandbox.close();
    await rm(root, { recursive: true, force: true });
  }

  console.log(
    bold
      ? '\n\u001b[1mPart two: environments.\u001b[0m One catalog (examples/environments), two accounts per provider.'
      : '\nPart two: environments. One catalog (examples/environments), two accounts per provider.',
  );
  let step = 3;
  return environmentsDemo({
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    banner: (text) => banner(`${++step}. ${text}`),
    isTTY: Boolean(process.stdout.isTTY),
  });
}

process.exitCode = await main();
