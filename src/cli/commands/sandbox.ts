// `plansync sandbox`: run the local provider emulators until interrupted, and say how to use them.
// In a project with environments, one set of emulators per environment (its own data and port), and
// the variables each environment reads: its base URL overrides and its credential variables.

import { environmentsToRun, loadProject } from '../../config/load-project.js';
import type { ConnectionConfig } from '../../config/load-project.js';
import { baseUrlEnvName } from '../../engine/session.js';
import { startSandbox } from '../../sandbox/sandbox.js';
import type { SandboxEmulator } from '../../sandbox/sandbox.js';
import { ExitCode } from '../../errors.js';
import { providers } from '../../providers/registry.js';
import { sessionOptions } from '../context.js';
import type { CommandContext } from '../context.js';

export interface SandboxFlags {
  port?: number;
  latency?: number;
}

type ByProvider = Map<string, ConnectionConfig[]>;

function byProvider(connections: readonly ConnectionConfig[]): ByProvider {
  const grouped: ByProvider = new Map();
  for (const connection of connections) {
    grouped.set(connection.provider, [...(grouped.get(connection.provider) ?? []), connection]);
  }
  return grouped;
}

/** Where the project is: the global `-C` and `--project`, as every other command reads them. */
function projectAt(context: CommandContext): { root: string; projectFile?: string } {
  const { root, projectFile } = sessionOptions(context);
  return { root, ...(projectFile !== undefined && { projectFile }) };
}

/**
 * The environments the project declares (those named with `--env`, if any), predecessors first;
 * empty for a project without environments, and where there is no (readable) project. An unknown
 * `--env` name is the user's mistake and is reported.
 */
async function projectEnvironments(context: CommandContext): Promise<string[]> {
  const asked = context.globals.env ?? [];
  const chosen = await environmentsToRun(projectAt(context).root, providers, {
    ...projectAt(context),
    asked,
  }).catch((error: unknown) => {
    if (asked.length > 0) throw error;
    return [undefined];
  });
  return chosen.flatMap((environment) => (environment ? [environment.name] : []));
}

/**
 * The connections of the project (as loaded for `environment`), by provider, so the printed
 * variables are the ones this project reads. Without a (valid) project: none, and the caller falls
 * back to `<provider>-sandbox` and the conventional variable names.
 */
async function projectConnections(
  context: CommandContext,
  environment?: string,
): Promise<ByProvider | undefined> {
  const { root, projectFile } = projectAt(context);
  try {
    const project = await loadProject(root, providers, {
      ...(projectFile !== undefined && { projectFile }),
      ...(environment !== undefined && { environment }),
    });
    return byProvider(project.connections);
  } catch {
    // No project here, or an invalid one: fall back to conventional names.
    return undefined;
  }
}

/** Today's listing, for a project without environments: one emulator per provider. */
function plainLines(emulators: readonly SandboxEmulator[], connections: ByProvider = new Map()): string[] {
  const lines: string[] = [];
  for (const emulator of emulators) {
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
  return lines;
}

/**
 * One environment's emulators: each connection's base URL override for this environment and every
 * credential variable this environment binds (each connection's own, as the environment may give
 * two connections of one provider different accounts; the emulator accepts the demo values for all).
 */
function environmentLines(
  environment: string,
  emulators: readonly SandboxEmulator[],
  connections: ByProvider | undefined,
): string[] {
  const lines = [`Environment ${environment}:`];
  if (connections === undefined) {
    // Without the project's bindings there are no variable names to print, only where to point them.
    lines.push(
      `  (the project does not load for ${environment}: \`plansync validate --env ${environment}\` says why)`,
    );
  }
  for (const emulator of emulators) {
    const provider = providers.get(emulator.provider);
    lines.push(`${provider?.title ?? emulator.provider}: ${emulator.baseUrl}`);
    const declared = connections?.get(emulator.provider) ?? [];
    if (connections !== undefined && declared.length === 0) {
      lines.push('  (no connection of this project uses it)');
    }
    for (const connection of declared) {
      lines.push(`  export ${baseUrlEnvName(connection.name, environment)}=${emulator.baseUrl}`);
    }
    const exported = new Set<string>();
    for (const connection of declared) {
      for (const slot of provider?.credentials ?? []) {
        const variable = connection.credentials[slot.name];
        if (variable === undefined || exported.has(variable)) continue;
        exported.add(variable);
        // Sandbox-only constants, documented in the README; not a secret of any real account.
        lines.push(`  export ${variable}=${emulator.credentials[slot.name] ?? ''}`);
      }
    }
    lines.push('');
  }
  return lines;
}

export async function sandboxCommand(
  context: CommandContext,
  flags: SandboxFlags,
  until: Promise<void>,
): Promise<number> {
  const environments = await projectEnvironments(context);
  const sandbox = await startSandbox({
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(flags.latency === undefined ? {} : { latencyMs: flags.latency }),
    ...(environments.length > 0 && { instances: environments }),
  });
  const lines = ['plansync sandbox: local emulators on loopback (demo data, demo credentials).', ''];
  if (environments.length === 0) {
    lines.push(...plainLines(sandbox.emulators, await projectConnections(context)));
  } else {
    for (const environment of environments) {
      const emulators = sandbox.emulators.filter((emulator) => emulator.instance === environment);
      lines.push(...environmentLines(environment, emulators, await projectConnections(context, environment)));
    }
  }
  lines.push('Press Ctrl-C to stop.');
  context.io.stdout(`${lines.join('\n')}\n`);
  await until;
  await sandbox.close();
  return ExitCode.ok;
}
