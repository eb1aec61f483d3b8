// `plansync sandbox`: run the local provider emulators until interrupted, and say how to use them.

import { baseUrlEnvName } from '../../engine/session.js';
import { startSandbox } from '../../emulators/sandbox.js';
import { ExitCode } from '../../errors.js';
import { providers } from '../../providers/registry.js';
import type { CommandContext } from '../context.js';

export interface SandboxFlags {
  port?: number;
  latency?: number;
  connection: string[];
}

export async function sandboxCommand(
  context: CommandContext,
  flags: SandboxFlags,
  until: Promise<void>,
): Promise<number> {
  const sandbox = await startSandbox({
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(flags.latency === undefined ? {} : { latencyMs: flags.latency }),
  });
  const lines = ['plansync sandbox: local emulators on loopback (demo data, demo credentials).', ''];
  for (const emulator of sandbox.emulators) {
    const provider = providers.get(emulator.provider);
    lines.push(`${provider?.title ?? emulator.provider}: ${emulator.baseUrl}`);
    const connection = flags.connection.find((name) => name.length > 0) ?? `${emulator.provider}-sandbox`;
    lines.push(`  export ${baseUrlEnvName(connection)}=${emulator.baseUrl}`);
    for (const slot of provider?.credentials ?? []) {
      // Sandbox-only constants, documented in the README; not a secret of any real account.
      lines.push(`  export ${slot.exampleEnv}=${emulator.credentials[slot.name] ?? ''}`);
    }
    lines.push('');
  }
  lines.push('Press Ctrl-C to stop.');
  context.io.stdout(`${lines.join('\n')}\n`);
  await until;
  await sandbox.close();
  return ExitCode.ok;
}
