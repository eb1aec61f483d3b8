// `plansync sandbox`: run the local provider emulators until interrupted, and say how to use them.

import { loadProject } from '../../config/load-project.js';
import type { ConnectionConfig } from '../../config/load-project.js';
import { baseUrlEnvName } from '../../engine/session.js';
import { startSandbox } from '../../sandbox/sandbox.js';
import { ExitCode } from '../../errors.js';
import { providers } from '../../providers/registry.js';
import type { CommandContext } from '../context.js';

export interface SandboxFlags {
  port?: number;
  latency?: number;
}

/**
 * The connections of the project in the current directory, by provider, so the printed variables
 * are the ones this project reads. Without a (valid) project: `<provider>-sandbox` and the
 * conventional variable names.
 */
async function projectConnections(context: CommandContext): Promise<Map<string, ConnectionConfig[]>> {
  const byProvider = new Map<string, ConnectionConfig[]>();
  try {
    const project = await loadProject(context.io.cwd, providers);
    for (const connection of project.connections) {
      byProvider.set(connection.provider, [...(byProvider.get(connection.provider) ?? []), connection]);
    }
  } catch {
    // No project here, or an invalid one: fall back to conventional names.
  }
  return byProvider;
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
  const connections = await projectConnections(context);
  const lines = ['plansync sandbox: local emulators on loopback (demo data, demo credentials).', ''];
  for (const emulator of sandbox.emulators) {
    const provider = providers.get(emulator.provider);
    lines.push(`${provider?.title ?? emulator.provider}: ${emulator.baseUrl}`);
    const declared = connections.get(emulator.provider) ?? [];
    const names = declared.length > 0 ? declared.map((c) => c.name) : [`${emulator.provider}-sandbox`];
    for (const name of names) lines.push(`  export ${baseUrlEnvName(name)}=${emulator.baseUrl}`);
    for (const slot of provider?.credentials ?? []) {
      const variable = declared[0]?.credentials[slot.name] ?? slot.exampleEnv;
      // Sandbox-only constants, documented in the README; not a secret of any real account.
      lines.push(`  export ${variable}=${emulator.credentials[slot.name] ?? ''}`);
    }
    lines.push('');
  }
  lines.push('Press Ctrl-C to stop.');
  context.io.stdout(`${lines.join('\n')}\n`);
  await until;
  await sandbox.close();
  return ExitCode.ok;
}
