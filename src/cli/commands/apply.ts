// `plansync apply [FILE]`: apply a saved plan after checking it is not stale, or plan, show,
// confirm and apply. Non-interactive runs need --auto-approve or a saved plan. The sequence is the
// engine's (runApply); this file turns flags into its options and its progress and result into text.

import { resolve } from 'node:path';
import type { PlanDocument } from '../../core/plan-file.js';
import type { Shard } from '../../core/shard.js';
import type { OperationResult } from '../../engine/apply.js';
import { runApply, type ApplyRunResult, type RunApplyHooks } from '../../engine/run-apply.js';
import { checkSignature, planKeyFrom, readSavedPlan } from '../../engine/saved-plan.js';
import { ExitCode, UserError } from '../../errors.js';
import { environmentsFor, open, reportChanges, sessionOptions, type CommandContext } from '../context.js';
import { planOutput, useColor } from '../io.js';
import { readReporters } from '../read-progress.js';
import { renderPlan } from '../render-plan.js';
import { VERSION } from '../version.js';

export interface ApplyFlags {
  autoApprove: boolean;
  target: string[];
  /** `--changed-since REF`: only the plans changed since that Git ref (docs/changed-since.md). */
  changedSince?: string;
  replace: string[];
  force: boolean;
  shard?: Shard;
  continueOnError: boolean;
  /** Pin the ids of created plans in the YAML that declares them. */
  writeIds: boolean;
  /** One JSON document on stdout; the human report goes to stderr. */
  json?: boolean;
}

export async function applyCommand(
  context: CommandContext,
  file: string | undefined,
  flags: ApplyFlags,
): Promise<number> {
  if (
    file &&
    (flags.target.length > 0 ||
      flags.changedSince !== undefined ||
      flags.replace.length > 0 ||
      flags.force ||
      flags.shard)
  ) {
    throw new UserError(
      '--target, --changed-since, --replace, --force and --shard shape a new plan; with a saved plan they must be given to `plansync plan` (the saved plan records them)',
    );
  }
  const { io } = context;
  const saved = file
    ? await readSavedPlan(resolve(io.cwd, file), file, sessionOptions(context).root)
    : undefined;
  if (saved && file) {
    // Who made the file, when a key says so; what it holds is checked against the YAML in runApply.
    const warning = checkSignature(saved, file, planKeyFrom(io.env));
    if (warning) io.stderr(`Warning: ${warning}\n`);
  }
  // A saved plan applies to the environment it was made for, and only there; otherwise `--env`
  // names the environments, predecessors first, each applied (and its rehearsal checked) in turn.
  const environments = saved
    ? [await savedPlanEnvironment(context, saved, file as string)]
    : (await environmentsFor(context, { single: true })).map((environment) => environment?.name);
  if (flags.json && environments.length > 1) {
    throw new UserError('--json reports one environment: add one --env NAME, once per environment');
  }
  let code: number = ExitCode.ok;
  for (const environment of environments) {
    code = await applyOne(context, saved, flags, environment);
    if (code !== ExitCode.ok) return code;
  }
  return code;
}

/**
 * The environment a saved plan was made for, which must be the one `--env` names when given, and
 * one the project declares; a plan made without environments fits only a project without them.
 */
async function savedPlanEnvironment(
  context: CommandContext,
  saved: PlanDocument,
  file: string,
): Promise<string | undefined> {
  const recorded = saved.plan.environment;
  const asked = context.globals.env ?? [];
  if (recorded !== undefined && asked.length > 0 && (asked.length > 1 || asked[0] !== recorded)) {
    throw new UserError(
      `${file} was planned for environment ${recorded}; it cannot be applied to ${asked.join(', ')}. Plan that environment instead: plansync plan --env ${asked[0]} --out FILE`,
    );
  }
  const declared = await environmentsFor(context, { single: false });
  const names = declared.flatMap((environment) => (environment ? [environment.name] : []));
  if (recorded === undefined && names.length > 0) {
    throw new UserError(
      `${file} was planned without an environment, but the project declares environments (${names.join(', ')}): plan again with --env NAME --out FILE`,
    );
  }
  if (recorded !== undefined && !names.includes(recorded)) {
    throw new UserError(
      names.length === 0
        ? `${file} was planned for environment ${recorded}, but the project declares no environments`
        : `${file} was planned for environment ${recorded}, which the project does not declare (${names.join(', ')})`,
    );
  }
  return recorded;
}

async function applyOne(
  context: CommandContext,
  saved: PlanDocument | undefined,
  flags: ApplyFlags,
  environment: string | undefined,
): Promise<number> {
  const { io } = context;
  // With --json, people read the report on stderr; stdout carries only the JSON document.
  const say = flags.json ? io.stderr : io.stdout;
  if (environment !== undefined) say(`Environment ${environment}:\n`);
  // A saved plan is made again with the targets it was made with; a `--changed-since` plan with
  // exactly the targets it recorded (none, when nothing had changed), without asking Git again.
  const session = await open(context, saved ? (saved.scope?.targets ?? []) : flags.target, {
    environment,
    ...(saved?.scope?.changedSince !== undefined && { narrowed: true }),
    ...(!saved && flags.changedSince !== undefined && { changedSince: flags.changedSince }),
  });
  if (!saved) reportChanges(context, session);
  let run: ApplyRunResult;
  try {
    run = await runApply(
      session,
      {
        ...(saved ? { saved } : {}),
        replaceKeys: flags.replace,
        force: flags.force,
        ...(flags.shard ? { shard: flags.shard } : {}),
        generator: `plansync ${VERSION}`,
        continueOnError: flags.continueOnError,
        writeIds: flags.writeIds,
        rehearsal: {
          openEnvironment: (name, targets) => open(context, targets, { environment: name }),
          hooks: readReporters(io, context.clock),
        },
      },
      progress(context, say, flags.json ? planOutput(io).stderr : planOutput(io).stdout, flags.autoApprove),
    );
  } catch (error) {
    // Stopped while reading or at the prompt: once writing, a stop is reported with the operations.
    if (context.stop?.stopping.aborted && error === context.stop.stopping.reason) {
      io.stderr('Apply stopped before its first write: nothing was written; the apply lock is released.\n');
    }
    throw error;
  } finally {
    await session.close();
  }
  if (run.refusal) throw run.refusal;

  const code = report(context, say, run);
  if (flags.json) {
    const json = { plan: run.document, results: run.results, summary: run.counts, pinned: run.pinned };
    planOutput(io).stdout(`${JSON.stringify(json, null, 2)}\n`);
  }
  return code;
}

/** What the terminal shows while the engine works: the plan, the question, each operation. */
function progress(
  context: CommandContext,
  say: (text: string) => void,
  /** Where the plan goes: the same stream as `say`, unmasked (plan data is never masked). */
  sayPlan: (text: string) => void,
  autoApprove: boolean,
): RunApplyHooks {
  const { io } = context;
  return {
    ...readReporters(io, context.clock),
    onPlan: (document) => sayPlan(renderPlan(document, 'human', useColor(io))),
    ...(autoApprove
      ? {}
      : {
          async approve() {
            if (!io.isTTY) {
              throw new UserError(
                'apply needs confirmation: rerun with --auto-approve, or apply a saved plan (plansync plan --out FILE)',
              );
            }
            return io.confirm('Apply these changes? Only "yes" is accepted: ');
          },
        }),
    onApplyStart() {
      say('\nApplying…\n');
      // Said when the stop comes, not when the operations in flight are done: the wait may be long.
      context.stop?.stopping.addEventListener(
        'abort',
        () =>
          io.stderr(
            `\nStopping (${stopMessage(context.stop?.stopping.reason)}): no new operation starts; waiting for those in flight. A second Ctrl-C abandons them.\n`,
          ),
        { once: true },
      );
    },
    onResult: (result) => say(formatResult(result)),
  };
}

/** What the terminal shows once the engine is done, and the exit code it means. */
function report(context: CommandContext, say: (text: string) => void, run: ApplyRunResult): number {
  switch (run.outcome) {
    case 'nothing-to-apply':
      say('Nothing to apply.\n');
      return ExitCode.ok;
    case 'cancelled':
      say('Apply cancelled; nothing was written.\n');
      return ExitCode.error;
    default:
      break;
  }
  const { done, failed, skipped } = run.counts;
  say(`\nApply: ${done} done, ${failed} failed, ${skipped} skipped.\n`);
  if (run.stoppedBy) {
    say(
      `Apply stopped (${run.stoppedBy.message}): no operation started after it, and each one's state is listed above (skipped: not started). The apply lock is released. Run plan/apply again to carry on: completed work is not repeated.\n`,
    );
  }
  for (const pin of run.pinned) {
    const was = pin.previous === undefined ? '' : ` (was ${pin.previous})`;
    say(`Pinned ${pin.field}: ${pin.id} on \`${pin.key}\`${slotOf(pin)} in ${pin.file}${was}.\n`);
  }
  for (const pin of run.unwritten) {
    const where = pin.environment === undefined ? '' : ` under \`environments.${pin.environment}\``;
    context.io.stderr(
      `Warning: could not pin ${pin.field} ${pin.id} for \`${pin.key}\`${slotOf(pin)} (${pin.reason}); add \`${pin.field}: ${pin.id}\`${where} to it by hand.\n`,
    );
  }
  if (run.stoppedBy) {
    context.io.stderr(`${run.stoppedBy.display()}\n`);
    return run.stoppedBy.exitCode;
  }
  if (run.outcome !== 'failed') return ExitCode.ok;
  say(
    'Some operations failed. Fix the cause and run plan/apply again: completed work is not repeated.\n' +
      (run.stopped
        ? 'Apply stopped at the first failure; --continue-on-error would have applied the independent changes.\n'
        : ''),
  );
  return ExitCode.error;
}

/** ` (environment sandbox)` where the id went into an environment's slot. */
function slotOf(pin: { environment?: string }): string {
  return pin.environment === undefined ? '' : ` (environment ${pin.environment})`;
}

function stopMessage(reason: unknown): string {
  return reason instanceof Error ? reason.message : 'stopped';
}

function formatResult(result: OperationResult): string {
  const head = `${result.status.padEnd(6)} ${result.connection}/${result.key} (${result.action})`;
  const steps = result.steps.map((step) => `\n         ${step}`).join('');
  const error = result.error ? `\n         error: ${result.error}` : '';
  const reason = result.reason ? `\n         ${result.reason}` : '';
  return `${head}${steps}${error}${reason}\n`;
}
