// `plansync apply [FILE]`: apply a saved plan after checking it is not stale, or plan, show,
// confirm and apply. Non-interactive runs need --auto-approve or a saved plan.

import { resolve } from 'node:path';
import type { PlanDocument } from '../../core/plan-file.js';
import { readSavedPlan } from '../../engine/saved-plan.js';
import { toPlanDocument } from '../../core/plan-file.js';
import {
  STOPPED_REASON,
  applyPlan,
  assertApplicable,
  hasChanges,
  type OperationResult,
} from '../../engine/apply.js';
import { makePlan } from '../../engine/make-plan.js';
import type { Shard } from '../../core/shard.js';
import { readReporters } from '../read-progress.js';
import { assertFresh } from '../../engine/stale.js';
import { writeCreatedIds, type PinnedId } from '../../engine/write-ids.js';
import { acquireApplyLock, type ApplyLock } from '../../engine/apply-lock.js';
import type { Session } from '../../engine/session.js';
import { ExitCode, UserError } from '../../errors.js';
import { open, type CommandContext } from '../context.js';
import { useColor } from '../io.js';
import { renderPlan } from '../render-plan.js';
import { VERSION } from '../version.js';

export interface ApplyFlags {
  autoApprove: boolean;
  target: string[];
  replace: string[];
  force: boolean;
  shard?: Shard;
  continueOnError: boolean;
  /** Pin the ids of created plans in the YAML that declares them. */
  writeIds: boolean;
  /** One JSON document on stdout; the human report goes to stderr. */
  json?: boolean;
}

interface Outcome {
  code: number;
  /** The plan applied (or found to need nothing), once there is one. */
  document?: PlanDocument;
  results: OperationResult[];
  pinned: PinnedId[];
}

export async function applyCommand(
  context: CommandContext,
  file: string | undefined,
  flags: ApplyFlags,
): Promise<number> {
  if (file && (flags.target.length > 0 || flags.replace.length > 0 || flags.force || flags.shard)) {
    throw new UserError(
      '--target, --replace, --force and --shard shape a new plan; with a saved plan they must be given to `plansync plan`',
    );
  }
  if (flags.json) {
    // People read the report on stderr; stdout carries only the JSON document.
    const human = { ...context, io: { ...context.io, stdout: context.io.stderr } };
    const outcome = await applyCommandHuman(human, file, flags);
    const count = (status: OperationResult['status']) =>
      outcome.results.filter((r) => r.status === status).length;
    const report = {
      ...(outcome.document ? { plan: outcome.document } : {}),
      results: outcome.results,
      summary: { done: count('done'), failed: count('failed'), skipped: count('skipped') },
      pinned: outcome.pinned,
    };
    context.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return outcome.code;
  }
  return (await applyCommandHuman(context, file, flags)).code;
}

async function applyCommandHuman(
  context: CommandContext,
  file: string | undefined,
  flags: ApplyFlags,
): Promise<Outcome> {
  const saved = file ? await readSavedPlan(resolve(context.io.cwd, file), file) : undefined;
  const session = await open(context, flags.target);
  // Held from the stale check to the last write: a second apply on this project stops before writing.
  let lock: ApplyLock | undefined;
  try {
    lock = await acquireApplyLock(session.project.root);
    if (saved) {
      assertApplicable(saved.plan);
      await assertFresh(session, saved.plan);
      return { ...(await execute(context, session, saved, flags)), document: saved };
    }

    const plan = await makePlan(session, {
      replaceKeys: flags.replace,
      force: flags.force,
      ...(flags.shard ? { shard: flags.shard } : {}),
      ...readReporters(context.io),
    });
    const document = toPlanDocument(plan, {
      generator: `plansync ${VERSION}`,
      createdAt: new Date().toISOString(),
    });
    const nothing = (code: number): Outcome => ({ code, document, results: [], pinned: [] });
    context.io.stdout(renderPlan(document, 'human', useColor(context.io)));
    assertApplicable(plan);
    if (!hasChanges(plan)) {
      context.io.stdout('Nothing to apply.\n');
      return nothing(ExitCode.ok);
    }
    if (!flags.autoApprove) {
      if (!context.io.isTTY) {
        throw new UserError(
          'apply needs confirmation: rerun with --auto-approve, or apply a saved plan (plansync plan --out FILE)',
        );
      }
      if (!(await context.io.confirm('Apply these changes? Only "yes" is accepted: '))) {
        context.io.stdout('Apply cancelled; nothing was written.\n');
        return nothing(ExitCode.error);
      }
    }
    return { ...(await execute(context, session, document, flags)), document };
  } finally {
    await lock?.release();
    await session.close();
  }
}

async function execute(
  context: CommandContext,
  session: Session,
  document: PlanDocument,
  flags: Pick<ApplyFlags, 'continueOnError' | 'writeIds'>,
): Promise<Outcome> {
  if (!hasChanges(document.plan)) {
    context.io.stdout('Nothing to apply.\n');
    return { code: ExitCode.ok, results: [], pinned: [] };
  }
  context.io.stdout('\nApplying…\n');
  const report = await applyPlan(session, document.plan, {
    onResult: (result) => context.io.stdout(formatResult(result)),
    continueOnError: flags.continueOnError,
  });
  const failed = report.results.filter((r) => r.status === 'failed').length;
  const done = report.results.filter((r) => r.status === 'done').length;
  const skipped = report.results.filter((r) => r.status === 'skipped').length;
  context.io.stdout(`\nApply: ${done} done, ${failed} failed, ${skipped} skipped.\n`);
  const pinned = flags.writeIds ? await pinCreatedIds(context, session, document, report.results) : [];
  const results = report.results;
  if (failed > 0) {
    const stopped = report.results.some((r) => r.reason === STOPPED_REASON);
    context.io.stdout(
      'Some operations failed. Fix the cause and run plan/apply again: completed work is not repeated.\n' +
        (stopped
          ? 'Apply stopped at the first failure; --continue-on-error would have applied the independent changes.\n'
          : ''),
    );
    return { code: ExitCode.error, results, pinned };
  }
  return { code: ExitCode.ok, results, pinned };
}

function formatResult(result: OperationResult): string {
  const head = `${result.status.padEnd(6)} ${result.connection}/${result.key} (${result.action})`;
  const steps = result.steps.map((step) => `\n         ${step}`).join('');
  const error = result.error ? `\n         error: ${result.error}` : '';
  const reason = result.reason ? `\n         ${result.reason}` : '';
  return `${head}${steps}${error}${reason}\n`;
}

/** Reports each id pinned in YAML, and each that could not be (those are printed to pin by hand). */
async function pinCreatedIds(
  context: CommandContext,
  session: Session,
  document: PlanDocument,
  results: OperationResult[],
): Promise<PinnedId[]> {
  const { pinned, unwritten } = await writeCreatedIds(session, document.plan, results);
  for (const pin of pinned) {
    const was = pin.previous === undefined ? '' : ` (was ${pin.previous})`;
    context.io.stdout(`Pinned ${pin.field}: ${pin.id} on \`${pin.key}\` in ${pin.file}${was}.\n`);
  }
  for (const pin of unwritten) {
    context.io.stderr(
      `Warning: could not pin ${pin.field} ${pin.id} for \`${pin.key}\` (${pin.reason}); add \`${pin.field}: ${pin.id}\` to it by hand.\n`,
    );
  }
  return pinned;
}
