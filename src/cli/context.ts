// Shared plumbing for commands: opening a session with the global options, and keeping every
// credential the project names, and every token a run obtains, out of the output.

import type { Project } from '../config/load-project.js';
import { environmentsToRun } from '../config/load-project.js';
import type { EnvironmentDecl } from '../config/environments.js';
import { providers } from '../providers/registry.js';
import { checkCredentials, resolveCredentials } from '../config/credentials.js';
import { credentialValues, declaredSecretIssues } from '../config/secret-values.js';
import { PLAN_KEY_ENV } from '../engine/saved-plan.js';
import { ConfigError, UserError } from '../errors.js';
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
  options: {
    credentials?: boolean;
    environment?: string | undefined;
    changedSince?: string | undefined;
    /** Narrowed to `targets` even when none (a saved `--changed-since` plan). */
    narrowed?: boolean;
  } = {},
): Promise<Session> {
  if (options.changedSince !== undefined && targets.length > 0) {
    throw new UserError(
      '--changed-since and --target both choose the plans: give one of them (see docs/changed-since.md)',
    );
  }
  const session = await openSession({
    ...sessionOptions(context),
    targets,
    ...(options.changedSince !== undefined && { changedSince: options.changedSince }),
    ...(options.narrowed === true && { narrowed: true }),
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
    warnCredentials(context, session);
  }
  return session;
}

/** A provider's word on credentials that open another environment than the connection's (never a value). */
function warnCredentials(context: CommandContext, session: Session): void {
  for (const { config, provider } of session.connections) {
    if (!provider.credentialWarnings) continue;
    // Every variable is set: checkCredentials has just said so.
    const values = resolveCredentials(config, provider, context.io.env);
    for (const warning of provider.credentialWarnings(values, config.environment)) {
      context.io.stderr(`Warning: connection ${config.name}: ${warning}.\n`);
    }
  }
}

/**
 * What `--changed-since` found, on stderr: which plans it plans, the connections planned in full and
 * why, and the plans removed from the YAML, which it neither reads nor retires.
 */
export function reportChanges(context: CommandContext, session: Session): void {
  const changes = session.changes;
  if (changes === undefined) return;
  const since = `${changes.ref} (${changes.commit})`;
  const say = (text: string) => context.io.stderr(`${text}\n`);
  for (const { connection, reason } of changes.fallbacks) {
    say(`Note: connection ${connection}: ${reason}, so all its plans are planned.`);
  }
  if (changes.removed.length > 0) {
    say(
      `Note: removed from YAML since ${since}: ${listed(changes.removed)}; not retired: pruning is off under --changed-since; run a full plan with prune to retire them.`,
    );
  }
  const count = changes.targets.length;
  say(
    count === 0
      ? `No plan changed since ${since}: nothing to plan, and nothing was read.`
      : `Planning ${count} plan${count === 1 ? '' : 's'} changed since ${since}: ${listed(changes.targets)}.`,
  );
}

/** How many keys a note lists before it says "and N more": a 10,000-plan change stays one line. */
const LISTED_KEYS = 10;

function listed(keys: readonly string[]): string {
  const shown = keys.slice(0, LISTED_KEYS).join(', ');
  return keys.length > LISTED_KEYS ? `${shown} and ${keys.length - LISTED_KEYS} more` : shown;
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
