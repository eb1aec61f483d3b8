// `npm start`: the whole plansync flow against the built-in sandbox, with no credentials needed.
// Starts the emulators, plans the example project (creates, updates, blocked create-only changes at
// BlueSnap and PayPal), takes the way out the plan offers for the blocked ones, applies, and plans
// again: no changes.

import { fileURLToPath } from 'node:url';
import { run } from '../cli/run.js';
import type { CliIo } from '../cli/io.js';
import { startSandbox } from '../emulators/sandbox.js';
import { baseUrlEnvName } from '../engine/session.js';
import { providers } from '../providers/registry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const bold = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;

function banner(text: string): void {
  console.log(bold ? `\n\u001b[1m━━ ${text}\u001b[0m\n` : `\n━━ ${text}\n`);
}

async function main(): Promise<number> {
  const sandbox = await startSandbox();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const emulator of sandbox.emulators) {
    env[baseUrlEnvName(`${emulator.provider}-sandbox`)] = emulator.baseUrl;
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
      '2. plansync apply --replace pro-monthly --replace growth-monthly --auto-approve  (take the way out for the blocked changes)',
    );
    const replace = ['--replace', 'pro-monthly', '--replace', 'growth-monthly'];
    const applied = await run(['apply', ...replace, '--auto-approve'], io);
    if (applied !== 0) return applied;

    banner('3. plansync plan --detailed-exitcode  (again: nothing left to do)');
    const again = await run(['plan', '--detailed-exitcode'], io);
    console.log(`\n(exit code ${again}: 0 means the live plans now match the YAML)`);
    return again;
  } finally {
    await sandbox.close();
  }
}

process.exitCode = await main();
