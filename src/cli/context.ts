// Shared plumbing for commands: opening a session with the global options, and keeping every
// credential the project names, and every token a run obtains, out of the output.

import type { Project } from '../config/load-project.js';
import { environmentsToRun } from '../config/load-project.js';
import type { EnvironmentDecl } from '../config/environments.js';
import { providers } from '../providers/registry.js';
import { checkCredentials } from '../config/credentials.js';
import { credentialValues, declaredSecretIssues } from '../config/secret-values.js';
import { PLAN_KEY_ENV } from '../engine/saved-plan.js';
import { ConfigError } from '../errors.js';
import { openSession, type Session, type SessionOptions } from '../engine/session.js';
import type { RunStop } from '../engine/stop.js';
import type { Clock } from '../http/pacer.js';
import { describeExchange, secretsIn } from './http-log.js';
import type { CliIo, Redactor } from './io.js';

export interface GlobalOptions {
  dir?: string;
  /** False when `--no-color` is given. */
  color?: boolean;
  project?: string;
  /** Print every HTTP request and response (credentials masked) to stderr. */
  verbose?: boolean;
  /** The whole run's deadline (`--timeout`): in ms, and as given; 0 for none. */
  timeout?: { ms: number; text: string };
  /** `--env NAME` (repeatable; `all`): the project environments to run for. */
  env?: string[];
}

export interface CommandContext {
  io: CliIo;
  redactor: Redactor;
  globals: GlobalOptions;
  /** Test hook: shorter retry backoff. */
  backoff?: { baseMs: number; maxMs: number };
  /** Test hook: the clock pacing, retry waits and token expiry run on. */
  clock?: Clock;
  /** Signals and the run's deadline: what stops the run (see src/engine/stop.ts). */
  stop?: RunStop;
}

/** The session options the global flags give: project root and file, and the `--verbose` log. */
export function sessionOptions(context: CommandContext): SessionOptions {
  const root = context.globals.dir ? resolvePath(context.io.cwd, context.globals.dir) : context.io.cwd;
  const { io, redactor } = context;
  const verbose = context.globals.verbose === true;
  return {
    root,
    env: io.env,
    ...(context.globals.project ? { projectFile: context.globals.project } : {}),
    ...(context.backoff ? { backoff: context.backoff } : {}),
    ...(context.clock ? { clock: context.clock } : {}),
    ...(context.stop ? { stop: context.stop } : {}),
    onHttpExchange(exchange, connection) {
      // Learnt first: a token handed out in this response is masked in the very line that shows it.
      redactor.add(secretsIn(exchange));
      if (verbose) for (const line of describeExchange(exchange, connection)) io.stderr(`${line}\n`);
    },
  };
}

/**
 * Masks every credential the project names (and the plan-signing key) in text that does not come
 * from the plan, before any of them can reach the output; and refuses, located, plan data declared
 * with a credential's value in it, since plan data is never masked.
 */
export function maskCredentials(context: CommandContext, project: Project): void {
  for (const connection of project.connections) {
    context.redactor.add(Object.values(connection.credentials).map((name) => context.io.env[name]));
  }
  context.redactor.add([context.io.env[PLAN_KEY_ENV]]);
  const issues = declaredSecretIssues(project, credentialValues(project, context.io.env, [PLAN_KEY_ENV]));
  if (issues.length > 0) throw new ConfigError(issues);
}

/**
 * Opens the session. Unless `credentials: false` (validate, which reads nothing), every credential
 * variable of every connection the run will read is checked here, before any command prints a word
 * about reading: one message lists all that are missing.
 */
export async function open(
  context: CommandContext,
  targets: string[] = [],
  options: { credentials?: boolean; environment?: string | undefined } = {},
): Promise<Session> {
  const session = await openSession({
    ...sessionOptions(context),
    targets,
    ...(options.environment !== undefined && { environment: options.environment }),
  });
  maskCredentials(context, session.project);
  if (options.credentials !== false) {
    try {
      checkCredentials(session.connections, context.io.env);
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  return session;
}

/**
 * The environments this command runs for, predecessors first (`[undefined]` in a project without
 * environments): `--env` as given, else every one; with `single` (commands that write), naming none
 * is refused where the project declares environments.
 */
export async function environmentsFor(
  context: CommandContext,
  options: { single?: boolean } = {},
): Promise<(EnvironmentDecl | undefined)[]> {
  const { root, projectFile } = sessionOptions(context);
  return environmentsToRun(root, providers, {
    ...(projectFile !== undefined && { projectFile }),
    asked: context.globals.env ?? [],
    ...(options.single !== undefined && { single: options.single }),
  });
}

function resolvePath(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
}
