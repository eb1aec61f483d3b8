// `import { loadProject, plan, apply } from 'plansync'`: the library entry. The same engine the CLI
// runs (src/engine), opened and closed for the caller: nothing here prints, everything is returned.
// What this file exports is public API under semver (docs/package.md).

import { loadProject as loadProjectFrom, type Project } from './config/load-project.js';
import { runApply, type ApplyRunResult, type RunApplyHooks } from './engine/run-apply.js';
import { runPlan, type PlanRunResult, type ReadHooks } from './engine/run-plan.js';
import { openSession, type Session } from './engine/session.js';
import { providers } from './providers/registry.js';
import { VERSION } from './cli/version.js';

export type { Project, ConnectionConfig, PlansFile } from './config/load-project.js';
export type { PlanDocument } from './core/plan-file.js';
export type { PlanRunResult, ReadHooks } from './engine/run-plan.js';
export type { ApplyRunResult, RunApplyHooks } from './engine/run-apply.js';
export { ConfigError, PlansyncError, ExitCode } from './errors.js';

/** Where the project is and what it runs with. */
export interface ProjectOptions {
  /** The project directory (where `plansync.yaml` is). Default: the current directory. */
  root?: string;
  /** The project file, relative to `root` or absolute. Default: `plansync.yaml` (or `plansync.yml`). */
  projectFile?: string;
  /** Where credentials and base URL overrides are read from. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Only these plan keys (`key` or `connection/key`), as `--target`; pruning is then off. */
  targets?: string[];
  /**
   * Only the plans whose YAML changed since this Git ref, as `--changed-since REF`
   * (docs/changed-since.md); pruning is then off. Not together with `targets`.
   */
  changedSince?: string;
  /**
   * The environment to work on, as `--env NAME`: required where the project declares environments
   * (docs/environments.md), refused where it declares none.
   */
  environment?: string;
}

/** What shapes a plan, as the CLI flags of the same names. */
export interface PlanOptions extends ProjectOptions {
  /** Plan keys allowed to be replaced when a create-only field changes (`--replace`). */
  replaceKeys?: string[];
  /** Accept tripped safety gates (`--force`). */
  force?: boolean;
}

/** What shapes an apply, as the CLI flags of the same names. */
export interface ApplyOptions extends PlanOptions {
  /** After a failed operation, still apply the changes that do not depend on it (`--continue-on-error`). */
  continueOnError?: boolean;
  /** Pin the ids of created plans in the YAML that declares them (`--write-ids`). */
  writeIds?: boolean;
}

/**
 * Load and check a project: `plansync.yaml` and every plans file it names, as `plansync validate`
 * does. Nothing is sent to a provider.
 *
 * @throws ConfigError (a PlansyncError) carrying every issue found in every file.
 */
export async function loadProject(options: ProjectOptions = {}): Promise<Project> {
  return loadProjectFrom(options.root ?? process.cwd(), providers, {
    ...(options.projectFile ? { projectFile: options.projectFile } : {}),
    ...(options.environment !== undefined && { environment: options.environment }),
  });
}

/**
 * Read every connection's live plans and compute what `apply` would change, as `plansync plan`
 * does. Only reads are sent.
 *
 * @example
 * const { document, changes, blocked } = await plan({ root: 'billing' });
 * if (changes) console.log(document.plan);
 */
export async function plan(options: PlanOptions = {}, hooks: ReadHooks = {}): Promise<PlanRunResult> {
  const session = await open(options);
  try {
    return await runPlan(
      session,
      {
        ...(options.targets ? { targets: options.targets } : {}),
        ...(options.replaceKeys ? { replaceKeys: options.replaceKeys } : {}),
        ...(options.force ? { force: options.force } : {}),
        generator: `plansync ${VERSION}`,
      },
      hooks,
    );
  } finally {
    await session.close();
  }
}

/**
 * Plan, then apply the changes, as `plansync apply` does: under the project's apply lock, refusing a
 * blocked plan. Without `hooks.approve` the plan is applied unasked (as `--auto-approve`).
 *
 * @returns what happened (`outcome`) and each operation's result; failed operations are in the
 *   result, not thrown.
 */
export async function apply(options: ApplyOptions = {}, hooks: RunApplyHooks = {}): Promise<ApplyRunResult> {
  const session = await open(options);
  try {
    return await runApply(
      session,
      {
        ...(options.replaceKeys ? { replaceKeys: options.replaceKeys } : {}),
        ...(options.force ? { force: options.force } : {}),
        ...(options.continueOnError ? { continueOnError: options.continueOnError } : {}),
        ...(options.writeIds ? { writeIds: options.writeIds } : {}),
        generator: `plansync ${VERSION}`,
        // The rehearsal gate reads the environment this one follows, with the same options, for
        // the targets it names (never asking Git again).
        rehearsal: {
          openEnvironment: (environment, targets) =>
            open({ ...withoutChangedSince(options), environment, targets }),
        },
      },
      hooks,
    );
  } finally {
    await session.close();
  }
}

function withoutChangedSince(options: ProjectOptions): ProjectOptions {
  const { changedSince: _changedSince, ...rest } = options;
  return rest;
}

function open(options: ProjectOptions): Promise<Session> {
  return openSession({
    root: options.root ?? process.cwd(),
    env: options.env ?? process.env,
    ...(options.projectFile ? { projectFile: options.projectFile } : {}),
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.changedSince !== undefined && { changedSince: options.changedSince }),
    ...(options.environment !== undefined && { environment: options.environment }),
  });
}
