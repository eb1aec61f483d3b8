// Shared plumbing for commands: opening a session with the global options, and keeping every
// credential the project names out of the output.

import { openSession, type Session } from '../engine/session.js';
import type { CliIo, Redactor } from './io.js';

export interface GlobalOptions {
  dir?: string;
  project?: string;
}

export interface CommandContext {
  io: CliIo;
  redactor: Redactor;
  globals: GlobalOptions;
  /** Test hook: shorter retry backoff. */
  backoff?: { baseMs: number; maxMs: number };
}

export async function open(context: CommandContext, targets: string[] = []): Promise<Session> {
  const root = context.globals.dir ? resolvePath(context.io.cwd, context.globals.dir) : context.io.cwd;
  const session = await openSession({
    root,
    env: context.io.env,
    targets,
    ...(context.globals.project ? { projectFile: context.globals.project } : {}),
    ...(context.backoff ? { backoff: context.backoff } : {}),
  });
  for (const connection of session.project.connections) {
    context.redactor.add(Object.values(connection.credentials).map((name) => context.io.env[name]));
  }
  return session;
}

function resolvePath(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
}
