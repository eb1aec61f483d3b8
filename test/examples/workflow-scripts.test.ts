// The GitHub Actions recipes' shell, run for real: each `run:` script of examples/github/workflows
// executed by bash as the runner would (`bash --noprofile --norc -eo pipefail`), against the local
// emulators, with `npx plansync` the real CLI in a child process and `gh` a fake that answers the
// few calls the apply workflow makes. It checks what actionlint and `bash -n` cannot: the plansync
// invocations the scripts build (per environment, and without environments) do what the recipe
// says, the saved plans and checksums line up between the pull request, its comment and the apply,
// and on merge production is refused until the sandbox holds the change.

import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/run.js';
import { cliCommand } from '../support/cli-command.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(ROOT, 'examples/github/workflows');
const HEAD = 'a'.repeat(40);

interface Step {
  name?: string;
  id?: string;
  run?: string;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

async function script(file: string, job: string, name: string): Promise<string> {
  const workflow = parse(await readFile(join(WORKFLOWS, file), 'utf8')) as Workflow;
  const step = workflow.jobs[job]?.steps.find((candidate) => candidate.name === name);
  if (step?.run === undefined) throw new Error(`${file}: no step "${name}" with a script in job ${job}`);
  return step.run;
}

interface StepResult {
  code: number;
  output: Record<string, string>;
  log: string;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A checkout of `project` in a fresh directory, with `npx` and `gh` on the PATH doing what they do in CI. */
async function workspace(project: string): Promise<{ dir: string; bin: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'plansync-ci-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  await cp(join(project, 'plansync.yaml'), join(dir, 'plansync.yaml'));
  await cp(join(project, 'plans'), join(dir, 'plans'), { recursive: true });
  const bin = join(dir, '.bin');
  await mkdir(bin);
  const node = [process.execPath, ...cliCommand().prefix].map((word) => `'${word}'`).join(' ');
  await writeFile(
    join(bin, 'npx'),
    `#!/bin/sh\n[ "$1" = plansync ] || { echo "unexpected: npx $*" >&2; exit 99; }\nshift\nexec ${node} "$@"\n`,
  );
  // The GitHub API as the apply workflow's `reviewed` job sees it: pull request #7 merged with head
  // HEAD; FAKE_RUN is the plan run (empty: none), FAKE_ARTIFACT its artifact's files, FAKE_COMMENTS
  // the bot's comments.
  await writeFile(
    join(bin, 'gh'),
    [
      '#!/bin/sh',
      'case "$1 $2" in',
      `  "api repos/$GH_REPO/commits/$GITHUB_SHA/pulls") echo "7 ${HEAD}" ;;`,
      '  "run list") echo "$FAKE_RUN" ;;',
      '  "run download") [ -n "$FAKE_ARTIFACT" ] && mkdir -p reviewed && cp "$FAKE_ARTIFACT"/* reviewed/ ;;',
      '  "api --paginate") cat "$FAKE_COMMENTS" ;;',
      '  *) echo "unexpected: gh $*" >&2; exit 99 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  await chmod(join(bin, 'npx'), 0o755);
  await chmod(join(bin, 'gh'), 0o755);
  return { dir, bin };
}

/**
 * Makes `dir` a Git repository whose one commit, the pull request's base, holds the project file but
 * no plans: every plan is then added since the base, so `--changed-since BASE` plans them all.
 */
function baseCommit(dir: string): Promise<string> {
  const git = (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
        { cwd: dir },
        (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
      ),
    );
  return git('init', '-q')
    .then(() => git('add', 'plansync.yaml'))
    .then(() => git('commit', '-qm', 'base'))
    .then(() => git('rev-parse', 'HEAD'));
}

/** Runs one step's script in `dir` as the runner does, and reads what it wrote to GITHUB_OUTPUT. */
function runStep(text: string, dir: string, bin: string, env: Record<string, string>): Promise<StepResult> {
  const output = join(dir, `.output-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve) => {
    // Async: the emulators answer from this very process.
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', text],
      {
        cwd: dir,
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          HOME: dir,
          GITHUB_OUTPUT: output,
          GITHUB_SHA: 'b'.repeat(40),
          GH_REPO: 'acme/billing',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        void readFile(output, 'utf8')
          .catch(() => '')
          .then((written) => {
            const pairs = written
              .split('\n')
              .filter((line) => line.includes('='))
              .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
            resolve({
              code: error ? Number(error.code ?? 1) : 0,
              output: Object.fromEntries(pairs),
              log: stdout + stderr,
            });
          });
      },
    );
  });
}

/** `plansync sandbox` in `dir`: its emulators, and the variables it says to export. */
async function sandbox(dir: string): Promise<Record<string, string>> {
  let stdout = '';
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  let printed!: () => void;
  const ready = new Promise<void>((resolve) => (printed = resolve));
  const running = run(
    ['sandbox'],
    {
      stdout: (text) => {
        stdout += text;
        if (stdout.includes('Press Ctrl-C')) printed();
      },
      stderr: () => {},
      env: {},
      cwd: dir,
      isTTY: false,
      confirm: async () => false,
    },
    { sandboxUntil: until },
  );
  await Promise.race([ready, running]);
  cleanup.push(async () => {
    stop();
    await running;
  });
  return Object.fromEntries([...stdout.matchAll(/^ {2}export (\w+)=(\S*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

const PLAIN_PROJECT = `version: 1
plans: plans
connections:
  bluesnap-sandbox:
    provider: bluesnap
    environment: sandbox
    credentials: { username: BLUESNAP_USERNAME, password: BLUESNAP_PASSWORD }
`;

const PLAIN_PLANS = `connection: bluesnap-sandbox
plans:
  ci-monthly:
    name: CI Monthly
    recurringChargeAmount: 12
    currency: USD
    chargeFrequency: MONTHLY
`;

const checksumOf = async (file: string) =>
  (JSON.parse(await readFile(file, 'utf8')) as { checksum: string }).checksum;

describe('the apply workflow routes a checksum given by hand to one environment', () => {
  const dispatch = async (environments: string, environment: string) => {
    const { dir, bin } = await workspace(join(ROOT, 'examples/environments'));
    return runStep(await script('plansync-apply.yml', 'reviewed', 'Find the reviewed plan'), dir, bin, {
      PLANSYNC_ENVIRONMENTS: environments,
      EVENT: 'workflow_dispatch',
      DISPATCH_CHECKSUM: `sha256:${'d'.repeat(64)}`,
      DISPATCH_ENVIRONMENT: environment,
    });
  };

  it.each([
    ['sandbox production', 'production', { 'production-run': 'true', 'production-env': 'production' }],
    ['sandbox production', 'sandbox', { 'production-run': 'false', 'sandbox-env': 'sandbox' }],
    ['production', 'production', { 'production-run': 'true', 'production-env': 'production' }],
    ['', '', { 'production-run': 'true', 'production-file': 'plan.json' }],
  ])('PLANSYNC_ENVIRONMENTS=%j, environment %j', async (environments, environment, expected) => {
    const result = await dispatch(environments, environment);
    expect(result.code, result.log).toBe(0);
    expect(result.output).toMatchObject({ mode: 'checksum', ...expected });
    // The job that does not apply gets no environment to apply.
    if (expected['production-run'] === 'true') expect(result.output['sandbox-env']).toBeUndefined();
  });

  it.each([
    ['sandbox production', 'staging'],
    ['sandbox production', ''],
    ['', 'production'],
    ['sandbox staging production', 'production'],
  ])('refuses PLANSYNC_ENVIRONMENTS=%j with environment %j', async (environments, environment) => {
    const result = await dispatch(environments, environment);
    expect(result.code).toBe(1);
    expect(result.log).toContain('::error::');
  });
});

describe("the apply job starts from the sandbox job's pinned-ids commit only if that is all it is", () => {
  const git = (dir: string, ...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args],
        { cwd: dir },
        (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
      ),
    );

  it.each([
    ['a plans file', 'plans/bluesnap.yaml', 0],
    ['the project file', 'plansync.yaml', 1],
    ['a file outside plans/', 'package.json', 1],
  ])('a pin commit that changes %s: exit %i', async (_what, changed, code) => {
    const { dir, bin } = await workspace(join(ROOT, 'examples/environments'));
    await git(dir, 'init', '-q');
    await git(dir, 'add', 'plansync.yaml', 'plans');
    await git(dir, 'commit', '-qm', 'merge');
    const merged = await git(dir, 'rev-parse', 'HEAD');
    await writeFile(join(dir, changed), '# pinned\n', { flag: 'a' });
    await git(dir, 'add', changed);
    await git(dir, 'commit', '-qm', 'pin');
    const guard = await script('plansync-apply.yml', 'apply', 'Check the commit to apply from');

    const result = await runStep(guard, dir, bin, { SHA: merged });
    expect(result.code, result.log).toBe(code);
    if (code === 1) expect(result.log).toContain(`it changes ${changed}`);
    // On the merge itself (the sandbox job, or no pins): nothing to check.
    await git(dir, 'checkout', '-q', merged);
    expect((await runStep(guard, dir, bin, { SHA: merged })).code).toBe(0);
  });
});

describe('the recipes run against the emulators', () => {
  it('with environments: one plan per environment on the pull request; on merge the sandbox, then production', async () => {
    const { dir, bin } = await workspace(join(ROOT, 'examples/environments'));
    const base = await baseCommit(dir);
    const env = { ...(await sandbox(dir)), PLANSYNC_ENVIRONMENTS: 'sandbox production' };
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['PLANSYNC_BASE_URL_PAYPAL_SANDBOX', 'PLANSYNC_BASE_URL_PAYPAL_PRODUCTION']),
    );

    // Pull request: plan each environment, sandbox first, the plans changed since the base.
    const plan = await runStep(await script('plansync-pr.yml', 'plan', 'Plan'), dir, bin, {
      ...env,
      BASE_SHA: base,
    });
    expect(plan.log).toContain(`changed since ${base}`);
    expect(plan.log).not.toContain('unexpected');
    expect(plan.output['exit-code']).toBe('0');
    const sandboxChecksum = await checksumOf(join(dir, 'plan-sandbox.json'));
    const productionChecksum = await checksumOf(join(dir, 'plan-production.json'));
    expect(plan.output.checksums).toBe(`sandbox=${sandboxChecksum} production=${productionChecksum}`);
    const markdown = await readFile(join(dir, 'plan.md'), 'utf8');
    expect(markdown.indexOf('· sandbox')).toBeGreaterThan(-1);
    expect(markdown.indexOf('· sandbox')).toBeLessThan(markdown.indexOf('· production'));

    // The comment records each environment's checksum for the apply's fallback.
    const comment = (await script('plansync-pr.yml', 'plan', 'Post or update the plan comment')).replace(
      'node .github/scripts/upsert-comment.mjs comment.md',
      'true',
    );
    const posted = await runStep(comment, dir, bin, {
      HEAD_SHA: HEAD,
      EXIT_CODE: '0',
      CHECKSUM: '',
      ENV_CHECKSUMS: plan.output.checksums!,
      RUN_URL: 'https://github.example/run/1',
    });
    expect(posted.code).toBe(0);
    const body = await readFile(join(dir, 'comment.md'), 'utf8');
    expect(body).toContain(`<!-- plansync-checksum ${HEAD} sandbox ${sandboxChecksum} -->`);
    expect(body).toContain(`<!-- plansync-checksum ${HEAD} production ${productionChecksum} -->`);

    // On merge, without the artifact: each environment's checksum is read back from the comment.
    const find = await script('plansync-apply.yml', 'reviewed', 'Find the reviewed plan');
    await writeFile(join(dir, 'comments.txt'), body);
    const fallback = await runStep(find, dir, bin, {
      ...env,
      EVENT: 'push',
      BEFORE: base,
      FAKE_RUN: '',
      FAKE_COMMENTS: join(dir, 'comments.txt'),
    });
    expect(fallback.log).not.toContain('unexpected');
    expect(fallback.output).toMatchObject({
      mode: 'checksum',
      since: base,
      'sandbox-env': 'sandbox',
      'sandbox-checksum': sandboxChecksum,
      'production-run': 'true',
      'production-env': 'production',
      'production-checksum': productionChecksum,
    });

    // With the artifact: each job applies its own file.
    await mkdir(join(dir, 'artifact'));
    for (const name of ['plan-sandbox.json', 'plan-production.json'])
      await cp(join(dir, name), join(dir, 'artifact', name));
    const found = await runStep(find, dir, bin, {
      ...env,
      EVENT: 'push',
      FAKE_RUN: '42',
      FAKE_ARTIFACT: join(dir, 'artifact'),
    });
    expect(found.output).toMatchObject({
      mode: 'file',
      run: '42',
      'sandbox-file': 'plan-sandbox.json',
      'production-file': 'plan-production.json',
    });

    const apply = await script('plansync-apply.yml', 'apply', 'Apply the reviewed plan');
    const show = await script('plansync-apply.yml', 'apply', 'Show the reviewed plan');
    const job = (which: 'sandbox' | 'production') => ({
      ...env,
      PLANSYNC_ENV: found.output[`${which}-env`]!,
      PLAN_FILE: found.output[`${which}-file`]!,
    });
    expect((await runStep(show, dir, bin, job('production'))).code).toBe(0);
    // Production first is refused: the sandbox does not hold the change yet (why `needs: sandbox`).
    const early = await runStep(apply, dir, bin, job('production'));
    expect(early.code).toBe(3);
    expect(early.log).toContain('sandbox does not hold');
    const rehearsed = await runStep(apply, dir, bin, job('sandbox'));
    expect(rehearsed.log).not.toContain('unexpected');
    expect(rehearsed.code).toBe(0);
    expect((await runStep(apply, dir, bin, job('production'))).code).toBe(0);

    // The checksum fallback's fresh plan is made for the job's environment, and records it, with
    // the pull request's scope: the plans changed since main's commit before the merge.
    const again = await runStep(await script('plansync-apply.yml', 'apply', 'Plan again on main'), dir, bin, {
      ...job('production'),
      SINCE: fallback.output.since!,
    });
    expect(again.code, again.log).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'fresh.json'), 'utf8'))).toMatchObject({
      plan: { environment: 'production' },
      scope: { changedSince: { ref: base } },
    });

    // Nightly: every environment matches Git now.
    const drift = await runStep(await script('plansync-drift.yml', 'drift', 'Plan'), dir, bin, env);
    expect(drift.output).toMatchObject({ 'exit-code': '0', checksums: '' });
  }, 180_000);

  it('without environments: one plan.json and one checksum; the fallback plans again without --env and applies', async () => {
    const { dir, bin } = await workspace(join(ROOT, 'examples/environments'));
    // A project without environments, the way every project was before them.
    await rm(join(dir, 'plans'), { recursive: true });
    await mkdir(join(dir, 'plans'));
    await writeFile(join(dir, 'plansync.yaml'), PLAIN_PROJECT);
    await writeFile(join(dir, 'plans', 'bluesnap.yaml'), PLAIN_PLANS);
    const base = await baseCommit(dir);
    const env = { ...(await sandbox(dir)), PLANSYNC_ENVIRONMENTS: '' };
    expect(Object.keys(env)).toContain('PLANSYNC_BASE_URL_BLUESNAP_SANDBOX');

    const plan = await runStep(await script('plansync-pr.yml', 'plan', 'Plan'), dir, bin, {
      ...env,
      BASE_SHA: base,
    });
    expect(plan.log).not.toContain('unexpected');
    const checksum = await checksumOf(join(dir, 'plan.json'));
    expect(plan.output).toEqual({ 'exit-code': '0', checksum });

    // The comment and its marker, without an environment word.
    const comment = (await script('plansync-pr.yml', 'plan', 'Post or update the plan comment')).replace(
      'node .github/scripts/upsert-comment.mjs comment.md',
      'true',
    );
    await runStep(comment, dir, bin, {
      HEAD_SHA: HEAD,
      EXIT_CODE: '0',
      CHECKSUM: checksum,
      ENV_CHECKSUMS: '',
      RUN_URL: 'https://github.example/run/1',
    });
    const body = await readFile(join(dir, 'comment.md'), 'utf8');
    expect(body).toContain(`<!-- plansync-checksum ${HEAD} ${checksum} -->`);
    await writeFile(join(dir, 'comments.txt'), body);
    const find = await script('plansync-apply.yml', 'reviewed', 'Find the reviewed plan');
    const fallback = await runStep(find, dir, bin, {
      ...env,
      EVENT: 'push',
      BEFORE: base,
      FAKE_RUN: '',
      FAKE_COMMENTS: join(dir, 'comments.txt'),
    });
    expect(fallback.output).toEqual({
      since: base,
      'sandbox-file': 'plan.json',
      'production-file': 'plan.json',
      'sandbox-env': '',
      'production-run': 'true',
      'production-env': '',
      head: HEAD,
      'production-checksum': checksum,
      mode: 'checksum',
    });

    // The job apply's fallback: plan again (no --env), compare, apply the fresh plan.
    // Planned with the same --changed-since base as the pull request, so the checksums match.
    const job = { ...env, PLANSYNC_ENV: '', CHECKSUM: checksum, SINCE: fallback.output.since! };
    for (const name of ['Plan again on main', 'Compare with the reviewed checksum', 'Apply the fresh plan']) {
      const step = await runStep(await script('plansync-apply.yml', 'apply', name), dir, bin, job);
      expect(step.log, name).not.toContain('unexpected');
      expect(step.code, `${name}: ${step.log}`).toBe(0);
    }
    const drift = await runStep(await script('plansync-drift.yml', 'drift', 'Plan'), dir, bin, env);
    expect(drift.output).toEqual({ 'exit-code': '0' });
  }, 180_000);
});
