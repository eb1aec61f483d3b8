// The few error classes plansync raises on purpose. Each maps to an exit code in the CLI; anything
// else that escapes is a bug and is reported as one (still without leaking secrets).

export const ExitCode = {
  ok: 0,
  error: 1,
  changes: 2,
  blocked: 3,
  stale: 4,
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
  return `${where}:${path} ${issue.message}${hint}`;
}

/** Bad input from the user: configuration, plans, flags. Exit 1, printed without a stack. */
export class UserError extends Error {
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
}

/** A provider answered with something plansync cannot accept, or the call failed for good. */
export class ProviderError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.error;
  constructor(
    message: string,
    readonly details: {
      provider: string;
      operation?: string;
      status?: number;
      code?: string;
      retryable?: boolean;
    },
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** A saved plan no longer matches the live state; nothing was written. */
export class StalePlanError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.stale;
  constructor(
    message: string,
    readonly differences: string[],
  ) {
    super(message);
    this.name = 'StalePlanError';
  }
}

/** The plan holds blocked changes (or tripped a safety gate); nothing was written. */
export class BlockedPlanError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.blocked;
  constructor(message: string) {
    super(message);
    this.name = 'BlockedPlanError';
  }
}
