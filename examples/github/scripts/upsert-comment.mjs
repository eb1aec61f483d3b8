#!/usr/bin/env node
// Post a Markdown file as ONE comment on a pull request, and update that same comment on every later
// run instead of adding a new one. The comment is recognised by a hidden marker on its first line
// (default `<!-- plansync-plan -->`). Plain Node 20, no dependencies: it uses the global fetch.
//
//   node upsert-comment.mjs plan.md [--pr 42] [--marker '<!-- plansync-plan -->'] [--author 'github-actions[bot]']
//
// Environment:
//   GITHUB_TOKEN       token with `pull-requests: write` (or `issues: write`) on the repository; required
//   GITHUB_REPOSITORY  owner/name; required (set by GitHub Actions)
//   PR_NUMBER          the pull request's number, unless --pr is given
//   GITHUB_API_URL     API root (set by GitHub Actions; default https://api.github.com)
//   COMMENT_AUTHOR     only a comment by this login counts as ours, unless --author is given; default:
//                      any author (set it to `github-actions[bot]` in a workflow, so that a marker
//                      pasted into someone else's comment is not taken for the plan)
//   GITHUB_OUTPUT      where set (GitHub Actions), `comment-id` and `comment-url` are written to it
//
// It lists the pull request's comments page by page (following `Link: rel="next"`, only on the API's
// own origin, so the token is never sent elsewhere), updates the first comment whose body starts
// with the marker, or creates one. A body over GitHub's 65,536-character limit is cut at a line
// and ends with a note. On an API error it exits 1 with the method, path, status and GitHub's
// message; the token never appears in its output.

import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** GitHub refuses comment bodies longer than this. */
const GITHUB_COMMENT_LIMIT = 65_536;
const DEFAULT_MARKER = '<!-- plansync-plan -->';
const TRUNCATION_NOTE =
  '\n\n> ✂️ **Truncated** by upsert-comment.mjs to fit GitHub’s 65,536-character comment limit. The full plan is in the workflow run’s artifact.';
const REQUEST_TIMEOUT_MS = 30_000;
/** Pages read at most while looking for the comment: 100 comments each. */
const MAX_PAGES = 100;

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        pr: { type: 'string' },
        marker: { type: 'string' },
        author: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(`${error.message}\nusage: upsert-comment.mjs FILE [--pr N] [--marker TEXT] [--author LOGIN]`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(
      'usage: upsert-comment.mjs FILE [--pr N] [--marker TEXT] [--author LOGIN]\nSee the head of this file for the environment it reads.\n',
    );
    process.exit(0);
  }
  if (positionals.length !== 1) fail('expected exactly one argument: the Markdown file to post');
  const env = process.env;
  const token = env.GITHUB_TOKEN ?? '';
  if (token === '') fail('GITHUB_TOKEN is not set: the token that may comment on the pull request');
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    fail(`GITHUB_REPOSITORY must be owner/name, got ${JSON.stringify(repository)}`);
  }
  const pr = values.pr ?? env.PR_NUMBER ?? '';
  if (!/^[1-9]\d*$/.test(pr))
    fail(
      `the pull request number (--pr or PR_NUMBER) must be a positive whole number, got ${JSON.stringify(pr)}`,
    );
  const marker = values.marker ?? DEFAULT_MARKER;
  if (marker.trim() === '') fail('the marker must not be empty');
  let api;
  try {
    api = new URL((env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''));
  } catch {
    fail(`GITHUB_API_URL is not a URL: ${JSON.stringify(env.GITHUB_API_URL)}`);
  }
  const author = values.author ?? env.COMMENT_AUTHOR ?? '';
  return { file: positionals[0], token, repository, pr, marker, api, author };
}

/**
 * The comment's body: marker first, then the Markdown, cut at a line to fit GitHub's limit. Lengths
 * are counted in UTF-16 code units, which is never fewer than the characters GitHub counts.
 */
function commentBody(marker, markdown) {
  const whole = `${marker}\n${markdown.replace(/\s+$/, '')}\n`;
  if (whole.length <= GITHUB_COMMENT_LIMIT) return { body: whole, truncated: false };
  const room = GITHUB_COMMENT_LIMIT - TRUNCATION_NOTE.length - 1;
  let cut = whole.slice(0, room);
  const lastLine = cut.lastIndexOf('\n');
  if (lastLine > marker.length) cut = cut.slice(0, lastLine);
  // Never leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return { body: `${cut}${TRUNCATION_NOTE}\n`, truncated: true };
}

function nextLink(header) {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (match && /\brel="?next"?/.test(match[2])) return match[1];
  }
  return undefined;
}

function client({ api, token }) {
  const describe = (url) => `${url.pathname}${url.search}`;
  return async function request(method, target, body) {
    const url = target instanceof URL ? target : new URL(`${api.pathname.replace(/\/$/, '')}${target}`, api);
    // The token goes to the API's own origin only, whatever a Link header says.
    if (url.origin !== api.origin) {
      fail(`${method} ${url.origin}${describe(url)}: refused to follow a link off ${api.origin}`);
    }
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'plansync-upsert-comment',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error.cause?.code ?? error.cause?.message ?? error.name;
      fail(`${method} ${describe(url)}: no answer from ${api.origin} (${cause})`);
    }
    const text = await response.text();
    let data;
    try {
      data = text === '' ? undefined : JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      const said = typeof data?.message === 'string' ? data.message : text.slice(0, 200);
      const details = Array.isArray(data?.errors)
        ? data.errors.map((e) => (typeof e === 'string' ? e : (e.message ?? e.code))).filter(Boolean)
        : [];
      const hint =
        response.status === 401
          ? ' (the token is missing, wrong or expired)'
          : response.status === 403
            ? ' (the token lacks permission: the job needs `pull-requests: write`)'
            : response.status === 404
              ? ' (no such repository or pull request, or the token cannot see it)'
              : '';
      fail(
        `${method} ${describe(url)} failed: ${response.status} ${said}${details.length ? `: ${details.join('; ')}` : ''}${hint}`,
      );
    }
    return { data, link: response.headers.get('link') };
  };
}

async function findComment(request, { repository, pr, marker, author }) {
  let target = `/repos/${repository}/issues/${pr}/comments?per_page=100`;
  for (let page = 0; page < MAX_PAGES && target !== undefined; page += 1) {
    const { data, link } = await request('GET', page === 0 ? target : new URL(target));
    if (!Array.isArray(data)) fail(`GET ${target}: expected a list of comments`);
    const found = data.find(
      (comment) =>
        typeof comment?.body === 'string' &&
        comment.body.trimStart().startsWith(marker) &&
        (author === '' || comment.user?.login === author),
    );
    if (found) return found;
    target = nextLink(link);
  }
  return undefined;
}

async function main() {
  const settings = options();
  let markdown;
  try {
    markdown = readFileSync(settings.file, 'utf8');
  } catch (error) {
    fail(`cannot read ${settings.file}: ${error.code ?? error.message}`);
  }
  const { body, truncated } = commentBody(settings.marker, markdown);
  const request = client(settings);
  const existing = await findComment(request, settings);
  let comment;
  if (existing) {
    ({ data: comment } = await request(
      'PATCH',
      `/repos/${settings.repository}/issues/comments/${existing.id}`,
      {
        body,
      },
    ));
    process.stdout.write(`Updated comment ${comment?.html_url ?? existing.id} on #${settings.pr}.\n`);
  } else {
    ({ data: comment } = await request(
      'POST',
      `/repos/${settings.repository}/issues/${settings.pr}/comments`,
      {
        body,
      },
    ));
    process.stdout.write(`Created comment ${comment?.html_url ?? comment?.id} on #${settings.pr}.\n`);
  }
  if (truncated) {
    process.stdout.write(`The Markdown was cut to fit GitHub's ${GITHUB_COMMENT_LIMIT}-character limit.\n`);
  }
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(
      process.env.GITHUB_OUTPUT,
      `comment-id=${comment?.id ?? existing?.id}\ncomment-url=${comment?.html_url ?? ''}\n`,
    );
  }
}

main().catch((error) => {
  const token = process.env.GITHUB_TOKEN;
  let message = error instanceof Failure ? error.message : `unexpected error: ${error?.stack ?? error}`;
  if (token) message = message.split(token).join('***');
  process.stderr.write(`upsert-comment: ${message}\n`);
  process.exitCode = 1;
});
