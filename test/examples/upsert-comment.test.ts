// The GitHub recipe's comment script (examples/github/scripts/upsert-comment.mjs), run for real as a
// child process against a local fake of the GitHub API on loopback: one comment per pull request,
// updated in place on every later run, found across pages, cut to GitHub's limit, and errors that
// say what failed without the token.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT, FakeGitHub, GITHUB_COMMENT_LIMIT } from './fake-github.js';

const SCRIPT = fileURLToPath(new URL('../../examples/github/scripts/upsert-comment.mjs', import.meta.url));
const REPOSITORY = 'acme/billing-plans';
const TOKEN = 'ghs_fakeTokenForTheLocalFake0123456789';
const MARKER = '<!-- plansync-plan -->';
const PR = 7;

interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let github: FakeGitHub;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plansync-upsert-'));
});

afterEach(async () => {
  await github?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function startGitHub(options: Partial<ConstructorParameters<typeof FakeGitHub>[0]> = {}) {
  github = await new FakeGitHub({ repository: REPOSITORY, token: TOKEN, issues: [PR], ...options }).start();
  return github;
}

/** Run the script with only the environment given (plus PATH), as a workflow step would. */
async function runScript(markdown: string, env: Record<string, string> = {}, args: string[] = []) {
  const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.md`);
  await writeFile(file, markdown);
  const child = spawn(process.execPath, [SCRIPT, file, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_API_URL: github.url,
      PR_NUMBER: String(PR),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr } satisfies ScriptResult;
}

const requests = () => github.log.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('upsert-comment.mjs against a fake GitHub API', () => {
  it('creates one comment on the first run and updates that same comment on the second', async () => {
    await startGitHub();
    github.seed(PR, 'Looks good to me.', { login: 'reviewer', type: 'User' });

    const first = await runScript('### plansync plan\n\n**1 to create.**\n');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Created comment https:\/\/github\.com\/.+#issuecomment-\d+ on #7\.$/m);
    const created = github.commentsOn(PR).filter((c) => c.body.startsWith(MARKER));
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toBe(`${MARKER}\n### plansync plan\n\n**1 to create.**\n`);
    expect(created[0]!.user).toEqual(BOT);
    expect(requests()).toEqual([
      `GET /repos/${REPOSITORY}/issues/${PR}/comments 200`,
      `POST /repos/${REPOSITORY}/issues/${PR}/comments 201`,
    ]);

    github.log.length = 0;
    const second = await runScript('### plansync plan\n\n**1 to create, 1 to update.**\n');
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Updated comment');
    expect(requests()).toEqual([
      `GET /repos/${REPOSITORY}/issues/${PR}/comments 200`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${created[0]!.id} 200`,
    ]);
    const all = github.commentsOn(PR);
    expect(all).toHaveLength(2); // the reviewer's and ours
    const ours = all.filter((c) => c.body.includes(MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.id).toBe(created[0]!.id);
    expect(ours[0]!.body).toBe(`${MARKER}\n### plansync plan\n\n**1 to create, 1 to update.**\n`);
    // Every request carried the token, in the header only.
    for (const entry of github.log) expect(entry.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('follows Link rel="next" to find the comment on page 2', async () => {
    await startGitHub({ maxPerPage: 2 });
    github.seed(PR, 'first');
    github.seed(PR, 'second');
    const ours = github.seed(PR, `${MARKER}\nold plan`, BOT);
    github.seed(PR, 'fourth');
    github.seed(PR, 'fifth');

    const result = await runScript('new plan');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(github.log.map((r) => [r.method, r.path, r.query.page ?? '', r.status])).toEqual([
      ['GET', `/repos/${REPOSITORY}/issues/${PR}/comments`, '', 200],
      ['GET', `/repos/${REPOSITORY}/issues/${PR}/comments`, '2', 200],
      ['PATCH', `/repos/${REPOSITORY}/issues/comments/${ours.id}`, '', 200],
    ]);
    expect(github.commentsOn(PR)).toHaveLength(5);
    expect(github.commentsOn(PR).find((c) => c.id === ours.id)!.body).toBe(`${MARKER}\nnew plan\n`);
  });

  it('reads every page before creating, when no comment carries the marker', async () => {
    await startGitHub({ maxPerPage: 2 });
    for (let i = 0; i < 5; i += 1) github.seed(PR, `comment ${i} mentions plansync-plan but not the marker`);

    const result = await runScript('plan');
    expect(result.code).toBe(0);
    expect(github.log.map((r) => `${r.method} ${r.query.page ?? '1'}`)).toEqual([
      'GET 1',
      'GET 2',
      'GET 3',
      'POST 1',
    ]);
    expect(github.commentsOn(PR)).toHaveLength(6);
  });

  it('with COMMENT_AUTHOR, ignores a marker in someone else’s comment', async () => {
    await startGitHub();
    const pasted = github.seed(PR, `${MARKER}\nnot the bot's`, { login: 'mallory', type: 'User' });
    const ours = github.seed(PR, `${MARKER}\nold`, BOT);

    const result = await runScript('new', { COMMENT_AUTHOR: BOT.login });
    expect(result.code).toBe(0);
    expect(github.commentsOn(PR).find((c) => c.id === pasted.id)!.body).toBe(`${MARKER}\nnot the bot's`);
    expect(github.commentsOn(PR).find((c) => c.id === ours.id)!.body).toBe(`${MARKER}\nnew\n`);
  });

  it('cuts a body over 65,536 characters at a line and says so, so GitHub accepts it', async () => {
    await startGitHub();
    const line = `| plan | ${'x'.repeat(90)} |\n`;
    const markdown = line.repeat(Math.ceil(70_000 / line.length));

    const result = await runScript(markdown);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cut to fit');
    const [comment] = github.commentsOn(PR);
    expect(comment!.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(comment!.body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1_000);
    expect(comment!.body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(comment!.body).toMatch(/\|\n\n> ✂️ \*\*Truncated\*\* .+artifact\.\n$/);
  });

  it('ends non-zero on 401, naming what failed, without printing the token', async () => {
    await startGitHub();
    const wrong = 'ghs_wrongTokenThatMustNotBePrinted999';

    const result = await runScript('plan', { GITHUB_TOKEN: wrong });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `upsert-comment: GET /repos/${REPOSITORY}/issues/${PR}/comments?per_page=100 failed: 401 Bad credentials (the token is missing, wrong or expired)\n`,
    );
    expect(result.stdout + result.stderr).not.toContain(wrong);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(github.commentsOn(PR)).toHaveLength(0);
  });

  it('ends non-zero on 404 for a repository the token cannot see', async () => {
    await startGitHub();
    const result = await runScript('plan', { GITHUB_REPOSITORY: 'acme/other' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'GET /repos/acme/other/issues/7/comments?per_page=100 failed: 404 Not Found',
    );
    expect(result.stderr).toContain('no such repository or pull request');
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('refuses to follow a Link off the API origin, so the token is not sent elsewhere', async () => {
    const elsewhere = await new FakeGitHub({ repository: REPOSITORY, token: TOKEN, issues: [PR] }).start();
    try {
      await startGitHub({
        linkOverride: (page) =>
          page === 1
            ? `<${elsewhere.url}/repos/${REPOSITORY}/issues/${PR}/comments?page=2>; rel="next"`
            : undefined,
      });
      const result = await runScript('plan');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`refused to follow a link off ${github.url}`);
      expect(elsewhere.log).toEqual([]);
      expect(github.commentsOn(PR)).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('says which setting is missing before sending anything', async () => {
    await startGitHub();
    const noToken = await runScript('plan', { GITHUB_TOKEN: '' });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('GITHUB_TOKEN is not set');
    const noPr = await runScript('plan', { PR_NUMBER: '' });
    expect(noPr.code).toBe(1);
    expect(noPr.stderr).toContain('pull request number (--pr or PR_NUMBER)');
    const flagPr = await runScript('plan', { PR_NUMBER: '' }, ['--pr', String(PR)]);
    expect(flagPr.code).toBe(0);
    expect(github.log.filter((r) => r.method !== 'GET')).toHaveLength(1);
  });
});
