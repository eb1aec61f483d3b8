// The command line: parses arguments, runs a command, and turns every outcome into an exit code.
// Errors print what their class says (PlansyncError.display) and exit with their own code; anything
// else is reported as a bug, still without a stack.
// Each command's module is imported when it runs, so `--version` and `--help` load almost nothing.

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import {
  DeadlineError,
  ExitCode,
  InternalError,
  InterruptedError,
  PlansyncError,
  type StopSignal,
} from '../errors.js';
import { RunStopControl } from '../engine/stop.js';
import { systemClock } from '../http/pacer.js';
import type { ImportFlags } from './commands/import.js';
import type { CommandContext, GlobalOptions } from './context.js';
import type { Clock } from '../http/pacer.js';
import { maskedIo, Redactor, type CliIo } from './io.js';
import { FORMATS, parseFormat } from './formats.js';
import { VERSION } from './version.js';
import { parseShard, type Shard } from '../core/shard.js';

export interface RunOptions {
  /** Resolves when `sandbox` should stop. Default: when `signal` aborts. */
  sandboxUntil?: Promise<void>;
  /**
   * A first SIGINT or SIGTERM: aborted with the signal's name (`'SIGINT'`, `'SIGTERM'`) or an
   * InterruptedError. Read-only commands stop at once; apply starts no new operation, lets those in
   * flight finish, reports each one and releases its lock. The run exits 130 (SIGINT) or 143 (SIGTERM).
   */
  signal?: AbortSignal;
  /** A second signal: requests in flight, writes included, are abandoned too. */
  forceSignal?: AbortSignal;
  backoff?: { baseMs: number; maxMs: number };
  /** Test hook: the clock pacing, retry waits and token expiry run on. */
  clock?: Clock;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const shardArgument = (value: string): Shard => {
  const shard = parseShard(value);
  if (typeof shard === 'string') throw new InvalidArgumentError(shard);
  return shard;
};
const integer = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

/** The run's deadline when `--timeout` is not given: longer than the largest benchmarked apply. */
const DEFAULT_TIMEOUT = '60m';
const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--timeout`: `90s`, `30m`, `2h`, `500ms`, plain seconds (`90`); `0` or `none`: no deadline. */
const duration = (value: string): { ms: number; text: string } => {
  const text = value.trim();
  if (text === 'none') return { ms: 0, text };
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError('expected a duration such as 90s, 30m, 2h or 500ms, or 0 or none');
  }
  return { ms: Math.round(Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? 's'] as number)), text };
};

/** An abort reason as the error the run ends with: a signal's name becomes an InterruptedError. */
function stopReason(reason: unknown): PlansyncError {
  if (reason instanceof PlansyncError) return reason;
  return new InterruptedError(reason === 'SIGTERM' ? 'SIGTERM' : ('SIGINT' satisfies StopSignal));
}

function onAbort(signal: AbortSignal | undefined, listener: (reason: unknown) => void): void {
  if (signal === undefined) return;
  if (signal.aborted) listener(signal.reason);
  else signal.addEventListener('abort', () => listener(signal.reason), { once: true });
}

/** Rejects with the run's stop reason once `signal` aborts; never settles otherwise. */
function rejectWhenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => onAbort(signal, (reason) => reject(stopReason(reason))));
}

const EXIT_CODES_HELP = `
Exit codes:
    0  success; for plan: no changes (or changes without --detailed-exitcode)
    1  error (invalid input, provider error, failed operation, cancelled, --timeout passed)
    2  plan --detailed-exitcode: changes present; drift: something drifted; compare: the
       environments differ
    3  blocked: the plan holds changes the provider cannot make, a safety gate tripped, or
       the environment it follows does not hold the change yet (docs/environments.md)
    4  stale: a saved plan no longer matches the live state, is not what the YAML implies, or is
       not signed with PLANSYNC_PLAN_KEY when that is set; nothing was written
  130  interrupted by SIGINT (Ctrl-C); apply first reports each operation and releases its lock
  143  stopped by SIGTERM (timeout, a CI cancel); as for SIGINT`;

export async function run(argv: string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  const redactor = new Redactor();
  // Plan data bypasses the redactor (io.planData): masking never changes what a plan says.
  const safeIo: CliIo = maskedIo(io, redactor);
  let exitCode: number = ExitCode.ok;
  const program = new Command('plansync');
  // Signals reach the engine as two levels of stop (src/engine/stop.ts).
  const stop = new RunStopControl();
  onAbort(options.signal, (reason) => stop.stop(stopReason(reason)));
  onAbort(options.forceSignal, (reason) => stop.force(stopReason(reason)));
  let contextMade: CommandContext | undefined;
  /** The command's context; `deadline: false` for `sandbox`, which runs until stopped. */
  const context = (deadline = true): CommandContext => {
    if (contextMade) return contextMade;
    const globals = program.opts<GlobalOptions>();
    const timeout = deadline ? (globals.timeout ?? duration(DEFAULT_TIMEOUT)) : { ms: 0, text: '0' };
    const clock = options.clock ?? systemClock;
    // The deadline runs on the run's clock: an injected one in tests, where time moves in waits.
    const runClock =
      timeout.ms > 0
        ? stop.deadline(timeout.ms, clock, new DeadlineError(timeout.text), options.clock === undefined)
        : options.clock;
    contextMade = {
      io: globals.color === false ? { ...safeIo, noColor: true } : safeIo,
      redactor,
      globals,
      stop,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(runClock ? { clock: runClock } : {}),
    };
    return contextMade;
  };
  /**
   * A read-only command: it ends as soon as the run is stopped (a signal, the deadline), with the
   * stop's error, whatever it was waiting on; its requests are abandoned through the same stop.
   */
  const readOnly = (command: () => Promise<number>): Promise<number> => {
    context();
    return Promise.race([command(), rejectWhenAborted(stop.aborting)]);
  };

  program
    .description('Keep payment-provider billing plans equal to what YAML in Git declares.')
    .version(VERSION)
    .option('-C, --dir <path>', 'project directory (default: current directory)')
    .option('--project <file>', 'project file, relative to the project directory', 'plansync.yaml')
    .option(
      '--verbose',
      'print every HTTP request and response to stderr (credentials and tokens masked)',
      false,
    )
    .addOption(
      new Option(
        '--timeout <duration>',
        `deadline for the whole run, e.g. 90s, 30m, 2h (plain number: seconds; 0 or none: no deadline; default: ${DEFAULT_TIMEOUT}); when it passes, plansync stops as for a signal and exits 1`,
      ).argParser(duration),
    )
    .option(
      '--env <name>',
      'the project environment to work on (`environments:` in plansync.yaml); repeatable; `all` for every one. Read-only commands default to every environment; apply and import need one named',
      collect,
      [],
    )
    .option('--no-color', 'no colour in the output (also NO_COLOR=1; FORCE_COLOR=1 forces colour)')
    .exitOverride()
    .configureOutput({ writeOut: safeIo.stdout, writeErr: safeIo.stderr })
    .addHelpText('after', EXIT_CODES_HELP)
    // A usage error prints one line and where to look, not the whole help (see each command below).
    .showHelpAfterError('Run `plansync --help` for usage.');

  program
    .command('validate')
    .description('check the project file and plans files; sends no request')
    .option('--json', 'print the result, or every problem with its location, as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { validateCommand } = await import('./commands/validate.js');
      exitCode = await readOnly(() => validateCommand(context(), { json: flags.json === true }));
    });

  program
    .command('init')
    .description(
      'start a project here: plansync.yaml, a plans file per connection, .gitignore; keeps existing files',
    )
    .addOption(
      new Option('--provider <id>', 'a provider to connect; repeatable')
        .argParser(collect)
        .default([], 'ask on a terminal'),
    )
    .addOption(
      new Option('--connection <name>', 'the name of the connection of the --provider before it; repeatable')
        .argParser(collect)
        .default([], 'the provider id'),
    )
    .option('--github', 'also copy the example GitHub workflows into .github/workflows/')
    .addHelpText(
      'after',
      `
Without --provider, init asks on a terminal which providers to add; elsewhere --provider is required.

Exit codes:
    0  files written, or nothing to do (every file exists)
    1  error (unknown provider, bad connection name, no --provider off a terminal, a refused path)`,
    )
    .action(async (flags: { provider: string[]; connection: string[]; github?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      exitCode = await initCommand(context(), { ...flags, github: flags.github === true });
    });

  const planShaping = (command: Command) =>
    command
      .option('--target <key>', 'only this plan key (`key` or `connection/key`); repeatable', collect, [])
      .option(
        '--changed-since <ref>',
        'only the plans whose YAML changed since this Git ref (e.g. a pull request base); see docs/changed-since.md',
      )
      .option(
        '--replace <key>',
        'allow replacing this plan when a create-only field changes; repeatable',
        collect,
        [],
      )
      .option('--force', 'accept tripped safety gates', false)
      .option(
        '--shard <i/n>',
        'only the plans of shard i of n (a stable split by provider, connection and key); for parallel CI runners',
        shardArgument,
      );

  planShaping(program.command('plan'))
    .description('read live plans and show what apply would change')
    .option('--out <file>', 'save the plan (JSON, checksummed) for `plansync apply FILE`')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('human'))
    .option('--json', 'same as --format json')
    .option('--detailed-exitcode', 'exit 2 when there are changes', false)
    .action(
      async (flags: {
        out?: string;
        format: string;
        json?: boolean;
        detailedExitcode: boolean;
        target: string[];
        changedSince?: string;
        replace: string[];
        force: boolean;
        shard?: Shard;
      }) => {
        const { planCommand } = await import('./commands/plan.js');
        exitCode = await readOnly(() =>
          planCommand(context(), { ...flags, format: flags.json ? 'json' : parseFormat(flags.format) }),
        );
      },
    );

  planShaping(program.command('apply'))
    .argument('[file]', 'a plan saved by `plansync plan --out`; refused if the live state changed since')
    .description('apply a saved plan, or plan, confirm and apply')
    .option(
      '--auto-approve',
      'apply without asking (required when not on a terminal, unless FILE is given)',
      false,
    )
    .option('--write-ids', 'pin the ids of created plans in the YAML that declares them', false)
    .option(
      '--json',
      'print the plan and each operation as one JSON document on stdout (the human report goes to stderr)',
      false,
    )
    .option(
      '--continue-on-error',
      'after a failed operation, still apply the changes that do not depend on it (default: stop starting new ones)',
      false,
    )
    .action(
      async (
        file: string | undefined,
        flags: {
          autoApprove: boolean;
          target: string[];
          changedSince?: string;
          replace: string[];
          force: boolean;
          continueOnError: boolean;
          writeIds: boolean;
          json: boolean;
          shard?: Shard;
        },
      ) => {
        const { applyCommand } = await import('./commands/apply.js');
        exitCode = await applyCommand(context(), file, {
          ...flags,
          autoApprove: flags.autoApprove || file !== undefined,
        });
      },
    );

  program
    .command('drift')
    .description(
      'read live plans and report each field that differs from the YAML, and what apply can do about it (exit 2 on drift)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--json', 'same as --format json')
    .option(
      '--changed-since <ref>',
      'only the plans whose YAML changed since this Git ref; see docs/changed-since.md',
    )
    .action(async (flags: { format: 'human' | 'json'; json?: boolean; changedSince?: string }) => {
      const { driftCommand } = await import('./commands/drift.js');
      exitCode = await readOnly(() =>
        driftCommand(context(), {
          format: flags.json ? 'json' : flags.format,
          ...(flags.changedSince !== undefined && { changedSince: flags.changedSince }),
        }),
      );
    });

  program
    .command('compare')
    .argument('<a>', 'an environment (`environments:` in plansync.yaml), e.g. sandbox')
    .argument('<b>', 'another environment, e.g. production')
    .description(
      "read the declared plans' live objects in two environments and report what they differ in, beyond ids and environment-bound values (exit 2 when they differ)",
    )
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
Reports, per declared plan: live in one environment only, fields whose live values differ (ids,
server-managed fields and fields each plan's per-environment overlay sets are left out), and plans
rehearsed in A but not yet promoted to B (B has pending changes, A none). See docs/compare.md.
Exit 0 when the two environments hold the same declared plans, 2 when they differ, 1 on an error
(an unknown environment, a project without environments, A equal to B, a provider error).`,
    )
    .action(async (a: string, b: string, flags: { format: 'human' | 'json'; json?: boolean }) => {
      const { compareCommand } = await import('./commands/compare.js');
      exitCode = await readOnly(() =>
        compareCommand(context(), { a, b }, { format: flags.json ? 'json' : flags.format }),
      );
    });

  program
    .command('import')
    .description(
      "write a connection's live plans into its plans file, pinned by id (adds only what is missing)",
    )
    .requiredOption('--connection <name>', 'the connection to read (a key under `connections:`)')
    .option(
      '--file <path>',
      "plans file to write (default: the connection's plans file, else <plans dir>/<connection>.yaml)",
    )
    .addOption(
      new Option('--product <id>', 'PayPal: only plans of this product id; repeatable')
        .argParser(collect)
        .default([], 'every plan of the account'),
    )
    .addOption(
      new Option('--account <id>', 'Constant Contact: only this client account; repeatable')
        .argParser(collect)
        .default([], 'every listed account'),
    )
    .option('--include-retired', 'also import retired plans (INACTIVE, canceled accounts)')
    .option('--dry-run', 'print the YAML instead of writing the file')
    .option('--stdout', 'same as --dry-run')
    .option('--json', 'print a JSON report (with the YAML under `yaml` in a dry run)')
    .action(async (flags: Partial<ImportFlags> & { connection: string; stdout?: boolean }) => {
      const { importCommand } = await import('./commands/import.js');
      exitCode = await readOnly(() =>
        importCommand(context(), {
          connection: flags.connection,
          ...(flags.file !== undefined ? { file: flags.file } : {}),
          product: flags.product ?? [],
          account: flags.account ?? [],
          includeRetired: flags.includeRetired === true,
          dryRun: flags.dryRun === true || flags.stdout === true,
          json: flags.json === true,
        }),
      );
    });

  program
    .command('show')
    .argument('<file>', 'a plan saved by `plansync plan --out`')
    .description('render a saved plan (also a stale one); contacts no provider')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('human'))
    .option('--json', 'same as --format json')
    .action(async (file: string, flags: { format: string; json?: boolean }) => {
      const { showCommand } = await import('./commands/show.js');
      exitCode = await readOnly(() =>
        showCommand(context(), file, { format: flags.json ? 'json' : parseFormat(flags.format) }),
      );
    });

  program
    .command('sandbox')
    .description(
      'run the local provider emulators on loopback (one set per project environment, or per --env) and print their URLs and demo credentials',
    )
    .option('--port <port>', 'first port (default: a free one)', integer)
    .option('--latency <ms>', 'added latency per request', integer)
    .action(async (flags: { port?: number; latency?: number }) => {
      // The emulators load only for this command.
      const { sandboxCommand } = await import('./commands/sandbox.js');
      // Stopped by the first signal, which ends it normally (exit 0); `--timeout` does not apply.
      const until =
        options.sandboxUntil ?? new Promise<void>((resolve) => onAbort(options.signal, () => resolve()));
      exitCode = await sandboxCommand(context(false), flags, until);
    });

  // Every command, whoever registers it: a short usage hint after a usage error, and the exit codes
  // in its --help.
  for (const command of program.commands) {
    command
      .showHelpAfterError(`Run \`plansync ${command.name()} --help\` for usage.`)
      .addHelpText('after', EXIT_CODES_HELP);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, safeIo);
  } finally {
    stop.dispose();
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; commander already printed usage errors.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
  }
  // One mapping for every error: its own exit code and text. Anything plansync did not raise on
  // purpose becomes an InternalError, so "internal error" always means a bug.
  const known = InternalError.from(error);
  io.stderr(`${known.display()}\n`);
  if (!known.forUser && io.env.PLANSYNC_DEBUG) {
    const stack = (known.cause instanceof Error ? known.cause : known).stack;
    if (stack) io.stderr(`${stack}\n`);
  }
  return known.exitCode;
}
