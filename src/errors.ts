// The few error classes plansync raises on purpose, all under PlansyncError, which carries the exit
// code and whether the message is for the user. The CLI reads those two fields and nothing else;
// anything that is not a PlansyncError is a bug and is reported as one (still without leaking secrets).

import { visibleText } from './core/visible-text.js';

export const ExitCode = {
  ok: 0,
  error: 1,
  changes: 2,
  blocked: 3,
  stale: 4,
  /** Stopped by SIGINT (Ctrl-C): 128 + 2, as shells report it. */
  interrupted: 130,
  /** Stopped by SIGTERM (`timeout`, a CI cancel): 128 + 15. */
  terminated: 143,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A position in a source file, 1-based like editors show it. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** One problem found in the user's input (YAML, project file, CLI flags). */
export interface ConfigIssue {
  location: SourceLocation;
  /** Path inside the document, e.g. `plans.gold.currency`. Empty for whole-file problems. */
  path: string;
  message: string;
  /** Extra help, e.g. "did you mean `currency`?" */
  hint?: string;
}

export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}

export function formatIssue(issue: ConfigIssue): string {
  const where = formatLocation(issue.location);
  const path = issue.path ? ` ${issue.path}:` : '';
  const hint = issue.hint ? ` (${issue.hint})` : '';
  // A key or value quoted in the message may hold a bidirectional override: shown escaped (`\u202E`).
  return visibleText(`${where}:${path} ${issue.message}${hint}`);
}

/**
 * Every error plansync raises on purpose. The CLI prints `display()` on stderr and exits with
 * `exitCode`; a stack is never shown for a message meant for the user.
 */
export abstract class PlansyncError extends Error {
  abstract readonly exitCode: ExitCodeValue;
  /** The message is for the user (their input, a provider's answer): printed alone, without a stack. */
  readonly forUser: boolean = true;

  /** What the CLI prints for this error, without the final newline. */
  display(): string {
    return `Error: ${this.message}`;
  }
}

/** Bad input from the user: configuration, plans, flags. Exit 1, printed without a stack. */
export class UserError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.error;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Invalid configuration or plans; carries every issue found, each with its location. */
export class ConfigError extends UserError {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }

  override display(): string {
    const n = this.issues.length;
    return `Error: invalid configuration (${n} problem${n === 1 ? '' : 's'}):\n${this.message}`;
  }
}

/** Where a provider fault happened. No credential, host or query value: only names and a path. */
export interface ProviderErrorDetails {
  provider: string;
  /** The connection (a key under `connections:`) whose request failed; absent outside a connection. */
  connection?: string;
  /** Method and path relative to the base URL, e.g. `GET /recurring/plans`; never a query string. */
  endpoint?: string;
  status?: number;
  code?: string;
  retryable?: boolean;
}

/**
 * A provider answered with something plansync cannot accept, or the call failed for good. The
 * message names the provider and endpoint; the connection, when known, is appended to it here so
 * every provider fault names it the same way.
 */
export class ProviderError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.error;
  constructor(
    message: string,
    readonly details: ProviderErrorDetails,
  ) {
    super(details.connection === undefined ? message : `${message} (connection ${details.connection})`);
    this.name = 'ProviderError';
  }
}

/** A saved plan no longer matches the live state; nothing was written. */
export class StalePlanError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.stale;
  constructor(
    message: string,
    readonly differences: string[],
  ) {
    super(message);
    this.name = 'StalePlanError';
  }

  override display(): string {
    return this.message;
  }
}

/** The plan holds blocked changes (or tripped a safety gate); nothing was written. */
export class BlockedPlanError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.blocked;
  constructor(message: string) {
    super(message);
    this.name = 'BlockedPlanError';
  }

  override display(): string {
    return this.message;
  }
}

/** The signals that stop a run. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * The run was stopped by SIGINT or SIGTERM: read-only commands stop at once; apply starts no new
 * operation and reports each one's state first. Exit 130 (SIGINT) or 143 (SIGTERM).
 */
export class InterruptedError extends PlansyncError {
  readonly exitCode: ExitCodeValue;
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
    this.exitCode = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated;
  }

  override display(): string {
    return `plansync: ${this.message}; stopped.`;
  }
}

/** The whole run's deadline (`--timeout`) passed: stopped as for a signal, exit 1. */
export class DeadlineError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.error;
  /** `timeout` is the option as given, e.g. `30m`. */
  constructor(readonly timeout: string) {
    super(`the run's deadline passed (--timeout ${timeout})`);
    this.name = 'DeadlineError';
  }

  override display(): string {
    return `Error: ${this.message}; stopped.`;
  }
}

/**
 * A broken invariant: a bug in plansync, never the user's input nor a provider's answer. Thrown where
 * code meets a state it rules out, and wrapped around anything else that escapes to the CLI.
 */
export class InternalError extends PlansyncError {
  readonly exitCode: ExitCodeValue = ExitCode.error;
  override readonly forUser: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }

  /** The error as it is, when plansync raised it on purpose; anything else is a bug. */
  static from(error: unknown): PlansyncError {
    if (error instanceof PlansyncError) return error;
    return new InternalError(error instanceof Error ? error.message : String(error), { cause: error });
  }

  override display(): string {
    return `plansync: internal error: ${this.message}\nThis is a bug in plansync; please report it with the command you ran.`;
  }
}

/**
 * A saved plan that cannot be trusted to be what was reviewed: its signature is missing or wrong, or
 * its changes are not what the YAML and the live state imply. Exit 4 like a stale plan; nothing was
 * written.
 */
export class UntrustedPlanError extends StalePlanError {
  constructor(message: string, differences: string[] = []) {
    super(message, differences);
    this.name = 'UntrustedPlanError';
  }

  override display(): string {
    return `Error: ${this.message}`;
  }
}
