// The hardening rules the GitHub Actions recipes must keep, checked on a workflow's text. Each rule
// returns findings as `rule: where: what`, so a test can assert zero findings on the recipes and
// exactly the expected rule on a planted unsafe workflow.
//
// - pinned: every `uses:` (step or reusable workflow) names a 40-character commit SHA; local `./`
//   actions and `docker://` images excepted.
// - persist-credentials: every actions/checkout step sets `persist-credentials: false`.
// - permissions: the workflow's top level grants nothing or read only, and every job says what it
//   needs.
// - untrusted-secrets: a job started by `pull_request` or `pull_request_target` that runs code from
//   the pull request's ref (npm, npx, node, yarn, pnpm, bun, or a script from the checkout) sees no
//   secret except GITHUB_TOKEN, unless it runs in an environment whose name ends in `-readonly`, the
//   recipes' convention for credentials that cannot write. On `pull_request` every checkout is the
//   branch's code; on `pull_request_target` a checkout is the branch's when its `ref` names
//   `github.event.pull_request.head.*`, `github.head_ref` or the merge ref, and its code runs when
//   it is checked out into the workspace root or a step runs in its `path`.
// - interpolation: no `${{ github.event.* }}` or `${{ github.head_ref }}` inside a `run:` script,
//   where its text would become shell code; pass it through `env:` instead.

import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
}
interface Job {
  uses?: string;
  permissions?: unknown;
  environment?: string | { name?: string };
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  secrets?: unknown;
  defaults?: { run?: { 'working-directory'?: string } };
  steps?: Step[];
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  env?: Record<string, unknown>;
  jobs?: Record<string, Job>;
}

export type Rule = 'pinned' | 'persist-credentials' | 'permissions' | 'untrusted-secrets' | 'interpolation';

const SHA_PIN = /@[0-9a-f]{40}$/;
const UNTRUSTED_REF = /github\.event\.pull_request\.head\.|github\.head_ref|refs\/pull\/.*\/merge/;
const RUNS_CODE = /(^|[\s;&|(`])(npm|npx|node|yarn|pnpm|bun|\.\/)/m;
const SECRET = /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g;
const EVENT_TEXT = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref\b)/;

/** The events that start a workflow, whatever form `on:` takes. */
function events(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on !== null && typeof on === 'object') return Object.keys(on);
  return [];
}

function environmentName(job: Job): string | undefined {
  return typeof job.environment === 'string' ? job.environment : job.environment?.name;
}

/** The names of the secrets a job can read, other than GITHUB_TOKEN. */
function secretsOf(job: Job): string[] {
  const text = JSON.stringify({ env: job.env, with: job.with, secrets: job.secrets, steps: job.steps });
  const names = new Set<string>();
  if (job.secrets === 'inherit') names.add('inherit');
  for (const match of text.matchAll(SECRET)) if (match[1] !== 'GITHUB_TOKEN') names.add(match[1]!);
  return [...names];
}

function isReadOnlyGrant(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (permissions === null || typeof permissions !== 'object') return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}

/** Whether a job runs code from the pull request's ref (see the head of this file). */
function runsUntrustedCode(job: Job, trigger: 'pull_request' | 'pull_request_target'): boolean {
  const steps = job.steps ?? [];
  const untrustedPaths: string[] = [];
  for (const step of steps) {
    if (!step.uses?.startsWith('actions/checkout@')) continue;
    const ref = String(step.with?.ref ?? '');
    if (trigger === 'pull_request' || UNTRUSTED_REF.test(ref)) {
      untrustedPaths.push(
        String(step.with?.path ?? '.')
          .replace(/^\.\/?/, '')
          .replace(/\/$/, ''),
      );
    }
  }
  if (untrustedPaths.length === 0) return false;
  const jobDir = job.defaults?.run?.['working-directory'] ?? '';
  return steps.some((step) => {
    if (step.run === undefined || !RUNS_CODE.test(step.run)) return false;
    const dir = String(step['working-directory'] ?? jobDir)
      .replace(/^\.\/?/, '')
      .replace(/\/$/, '');
    return untrustedPaths.some((path) => path === '' || path === dir || dir.startsWith(`${path}/`));
  });
}

/** Every finding on one workflow's text, as `rule: job/step: what`. */
export function hardeningFindings(text: string): { rule: Rule; message: string }[] {
  const wf = parse(text) as Workflow;
  const out: { rule: Rule; message: string }[] = [];
  const add = (rule: Rule, message: string) => out.push({ rule, message });
  const triggers = events(wf.on);

  if (wf.permissions === undefined)
    add('permissions', 'top level: no `permissions:` (GitHub then grants its default)');
  else if (!isReadOnlyGrant(wf.permissions)) {
    add(
      'permissions',
      `top level: grants ${JSON.stringify(wf.permissions)}; grant nothing or read only, per job`,
    );
  }

  for (const [id, job] of Object.entries(wf.jobs ?? {})) {
    if (job.permissions === undefined) add('permissions', `${id}: no \`permissions:\``);
    if (job.uses !== undefined && !job.uses.startsWith('./') && !SHA_PIN.test(job.uses)) {
      add('pinned', `${id}: ${job.uses} is not pinned by a 40-character commit SHA`);
    }
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `${id}/${step.name ?? step.uses ?? `step ${index + 1}`}`;
      if (step.uses !== undefined) {
        const local = step.uses.startsWith('./') || step.uses.startsWith('docker://');
        if (!local && !SHA_PIN.test(step.uses)) {
          add('pinned', `${where}: ${step.uses} is not pinned by a 40-character commit SHA`);
        }
        if (
          step.uses.startsWith('actions/checkout@') &&
          String(step.with?.['persist-credentials']) !== 'false'
        ) {
          add(
            'persist-credentials',
            `${where}: the checkout keeps the token in .git/config; set persist-credentials: false`,
          );
        }
      }
      if (step.run !== undefined && EVENT_TEXT.test(step.run)) {
        add(
          'interpolation',
          `${where}: event text is interpolated into the shell script; pass it through env:`,
        );
      }
    }
    for (const trigger of ['pull_request', 'pull_request_target'] as const) {
      if (!triggers.includes(trigger) || !runsUntrustedCode(job, trigger)) continue;
      const secrets = secretsOf(job);
      if (secrets.length > 0 && !environmentName(job)?.endsWith('-readonly')) {
        add(
          'untrusted-secrets',
          `${id}: runs code from the pull request's ref on ${trigger} with secrets ${secrets.join(', ')}`,
        );
      }
    }
  }
  return out;
}
