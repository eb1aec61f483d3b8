// `plansync import`: write a connection's live plans into its plans file, pinned by id, so that the
// next `plan` shows no changes. Prints the YAML instead with --dry-run, or a JSON report with --json.

import { importPlans, type ImportReport } from '../../engine/import.js';
import { ExitCode } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { describeExchange, secretsIn } from '../http-log.js';
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
  const { io, redactor } = context;
  const cwd = io.cwd.replace(/\/$/, '');
  const dir = context.globals.dir;
  const root = dir === undefined ? io.cwd : dir.startsWith('/') ? dir : `${cwd}/${dir}`;
  const verbose = context.globals.verbose === true;
  const report = await importPlans(
    {
      root,
      env: io.env,
      ...(context.globals.project ? { projectFile: context.globals.project } : {}),
      ...(context.backoff ? { backoff: context.backoff } : {}),
      ...(context.clock ? { clock: context.clock } : {}),
      onHttpExchange(exchange, connection) {
        redactor.add(secretsIn(exchange));
        if (verbose) for (const line of describeExchange(exchange, connection)) io.stderr(`${line}\n`);
      },
    },
    {
      connection: flags.connection,
      ...(flags.file !== undefined ? { file: flags.file } : {}),
      only: { product: flags.product, account: flags.account },
      includeRetired: flags.includeRetired,
      dryRun: flags.dryRun,
      now: new Date(),
      onProject(project) {
        for (const connection of project.connections)
          redactor.add(Object.values(connection.credentials).map((name) => io.env[name]));
      },
      ...readReporters(io),
    },
  );

  if (flags.json) {
    const { text, ...rest } = report;
    io.stdout(
      `${JSON.stringify({ ...rest, dryRun: flags.dryRun, ...(flags.dryRun ? { yaml: text } : {}) }, null, 2)}\n`,
    );
    return ExitCode.ok;
  }
  if (flags.dryRun) {
    io.stdout(report.text);
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
  if (n === 0)
    return `Nothing to import into ${report.file} from connection ${report.connection} (${counts}).${hint}`;
  const verb = dryRun ? 'Would import' : 'Imported';
  const plans = `${n} plan${n === 1 ? '' : 's'}`;
  return `${verb} ${plans} into ${report.file} (${report.newFile ? 'new file; ' : ''}${counts}).${hint}`;
}
