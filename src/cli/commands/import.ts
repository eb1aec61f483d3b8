// `plansync import`: write a connection's live plans into its plans file, pinned by id, so that the
// next `plan` shows no changes. Prints the YAML instead with --dry-run, or a JSON report with --json.
// In a project with environments it reads one environment's account: `--env NAME` is required.

import { importPlans, type ImportReport } from '../../engine/import.js';
import { ExitCode, UserError } from '../../errors.js';
import { environmentsFor, maskCredentials, sessionOptions, type CommandContext } from '../context.js';
import { planOutput } from '../io.js';
import { readReporters } from '../read-progress.js';

export interface ImportFlags {
  connection: string;
  file?: string;
  product: string[];
  account: string[];
  includeRetired: boolean;
  dryRun: boolean;
  json: boolean;
}

export async function importCommand(context: CommandContext, flags: ImportFlags): Promise<number> {
  const { io } = context;
  // It writes ids that belong to one account: exactly one environment, named, where there are any.
  const environments = await environmentsFor(context, { single: true });
  if (environments.length > 1) {
    const names = environments.map((environment) => environment?.name).join(', ');
    throw new UserError(
      `import reads one environment's account at a time, not ${names}: choose one with --env NAME, and run it again for the next`,
    );
  }
  const [environment] = environments;
  const report = await importPlans(sessionOptions(context), {
    connection: flags.connection,
    ...(environment !== undefined && { environment: environment.name }),
    ...(flags.file !== undefined ? { file: flags.file } : {}),
    only: { product: flags.product, account: flags.account },
    includeRetired: flags.includeRetired,
    dryRun: flags.dryRun,
    now: new Date(),
    onProject: (project) => maskCredentials(context, project),
    ...readReporters(io, context.clock),
  });

  // The imported plans are plan data, never masked: see src/cli/io.ts.
  const plans = planOutput(io);
  if (flags.json) {
    const { text, ...rest } = report;
    plans.stdout(
      `${JSON.stringify({ ...rest, dryRun: flags.dryRun, ...(flags.dryRun ? { yaml: text } : {}) }, null, 2)}\n`,
    );
    return ExitCode.ok;
  }
  if (flags.dryRun) {
    plans.stdout(report.text);
    io.stderr(`${summary(report, true)}\n`);
  } else {
    io.stdout(`${summary(report, false)}\n`);
    for (const plan of report.imported)
      io.stdout(`  + ${plan.key} (${plan.id}${plan.retired ? ', retired' : ''})\n`);
  }
  const out = flags.dryRun ? io.stderr : io.stdout;
  for (const left of report.left) out(`Not imported: ${left.id}: ${left.reason}\n`);
  if (report.changed && !flags.dryRun)
    out(`Check it with \`plansync plan\`: the imported plans should show no changes.\n`);
  return ExitCode.ok;
}

function summary(report: ImportReport, dryRun: boolean): string {
  const n = report.imported.length;
  const counts = `${report.alreadyDeclared} already declared, ${report.retiredSkipped} retired skipped`;
  const hint =
    report.retiredSkipped > 0 ? '\nRetired plans were skipped: --include-retired imports them too.' : '';
  const from = report.environment === undefined ? '' : ` from environment ${report.environment}`;
  if (n === 0)
    return `Nothing to import into ${report.file} from connection ${report.connection}${report.environment === undefined ? '' : ` in environment ${report.environment}`} (${counts}).${hint}`;
  const verb = dryRun ? 'Would import' : 'Imported';
  const plans = `${n} plan${n === 1 ? '' : 's'}${from}`;
  return `${verb} ${plans} into ${report.file} (${report.newFile ? 'new file; ' : ''}${counts}).${hint}`;
}
