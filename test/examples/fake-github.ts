// A local fake of the few GitHub REST endpoints the comment-upsert script calls, over real HTTP on
// loopback: list a pull request's issue comments (paginated, with `Link` headers as GitHub sends
// them), create one, update one. It checks the token like GitHub does (401 "Bad credentials"),
// answers 404 for a repository or issue it does not hold, and 422 for a body over 65,536 characters.
// Every request is logged, so tests assert exactly what the script sent.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GITHUB_COMMENT_LIMIT = 65_536;

export interface FakeUser {
  login: string;
  type: 'User' | 'Bot';
}

export const BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };

export interface FakeComment {
  id: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The `Authorization` header as sent, for tests that check the token went only here. */
  authorization: string | undefined;
  status: number;
}

export interface FakeGitHubOptions {
  /** owner/name of the one repository the fake holds. */
  repository: string;
  /** The token that authenticates; any other gets 401. */
  token: string;
  /** The user the token belongs to: who authors created comments. */
  user?: FakeUser;
  /** Largest page the fake serves, whatever `per_page` asks (GitHub's is 100). */
  maxPerPage?: number;
  /** Issue and pull-request numbers that exist. */
  issues?: number[];
  /** Override the `Link` header of comment lists (e.g. to point off-origin). */
  linkOverride?: (page: number) => string | undefined;
}

export class FakeGitHub {
  readonly log: LoggedRequest[] = [];
  private readonly comments = new Map<number, FakeComment[]>();
  private nextId = 1000;
  private server: Server | undefined;
  private readonly options: Required<Omit<FakeGitHubOptions, 'linkOverride'>> &
    Pick<FakeGitHubOptions, 'linkOverride'>;

  constructor(options: FakeGitHubOptions) {
    this.options = {
      user: BOT,
      maxPerPage: 100,
      issues: [1],
      ...options,
    };
    for (const issue of this.options.issues) this.comments.set(issue, []);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('fake GitHub is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.reply(request, response, 500, { message: String(error) });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** Put a comment on an issue directly (not logged), as if made before the test. */
  seed(issue: number, body: string, user: FakeUser = { login: 'octocat', type: 'User' }): FakeComment {
    const list = this.comments.get(issue);
    if (!list) throw new Error(`fake GitHub has no issue ${issue}`);
    const comment = this.make(issue, body, user);
    list.push(comment);
    return comment;
  }

  commentsOn(issue: number): FakeComment[] {
    return [...(this.comments.get(issue) ?? [])];
  }

  private make(issue: number, body: string, user: FakeUser): FakeComment {
    const id = this.nextId++;
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, id - 1000)).toISOString();
    return {
      id,
      body,
      user,
      created_at: now,
      updated_at: now,
      html_url: `https://github.com/${this.options.repository}/pull/${issue}#issuecomment-${id}`,
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const authorization = request.headers.authorization;
    const token = /^(?:Bearer|token) (.+)$/.exec(authorization ?? '')?.[1];
    if (token !== this.options.token) {
      this.reply(request, response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
      return;
    }
    const repoMatch = /^\/repos\/([^/]+\/[^/]+)(\/.*)$/.exec(url.pathname);
    if (!repoMatch || repoMatch[1] !== this.options.repository) {
      this.reply(request, response, 404, { message: 'Not Found' });
      return;
    }
    const rest = repoMatch[2]!;
    const list = /^\/issues\/(\d+)\/comments$/.exec(rest);
    const one = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (list && method === 'GET') return this.list(request, response, Number(list[1]), url);
    if (list && method === 'POST') return this.create(request, response, Number(list[1]));
    if (one && method === 'PATCH') return this.update(request, response, Number(one[1]));
    this.reply(request, response, 404, { message: 'Not Found' });
  }

  private list(request: IncomingMessage, response: ServerResponse, issue: number, url: URL): void {
    const comments = this.comments.get(issue);
    if (!comments) {
      this.reply(request, response, 404, { message: 'Not Found' });
      return;
    }
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30) || 30, this.options.maxPerPage);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const pages = Math.max(1, Math.ceil(comments.length / perPage));
    const linkTo = (n: number) => {
      const target = new URL(url.pathname, this.url);
      target.searchParams.set('per_page', String(perPage));
      target.searchParams.set('page', String(n));
      return target.toString();
    };
    const links: string[] = [];
    if (page < pages) links.push(`<${linkTo(page + 1)}>; rel="next"`, `<${linkTo(pages)}>; rel="last"`);
    if (page > 1) links.push(`<${linkTo(1)}>; rel="first"`, `<${linkTo(page - 1)}>; rel="prev"`);
    const link = this.options.linkOverride ? this.options.linkOverride(page) : links.join(', ');
    this.reply(
      request,
      response,
      200,
      comments.slice((page - 1) * perPage, page * perPage),
      link ? { link } : {},
    );
  }

  private async create(request: IncomingMessage, response: ServerResponse, issue: number): Promise<void> {
    const comments = this.comments.get(issue);
    if (!comments) {
      this.reply(request, response, 404, { message: 'Not Found' });
      return;
    }
    const body = await this.bodyOf(request, response);
    if (body === undefined) return;
    const comment = this.make(issue, body, this.options.user);
    comments.push(comment);
    this.reply(request, response, 201, comment);
  }

  private async update(request: IncomingMessage, response: ServerResponse, id: number): Promise<void> {
    const comment = [...this.comments.values()].flat().find((c) => c.id === id);
    if (!comment) {
      this.reply(request, response, 404, { message: 'Not Found' });
      return;
    }
    const body = await this.bodyOf(request, response);
    if (body === undefined) return;
    comment.body = body;
    comment.updated_at = new Date(Date.parse(comment.updated_at) + 1000).toISOString();
    this.reply(request, response, 200, comment);
  }

  /** The JSON `body` field, or undefined after answering 400/422 as GitHub would. */
  private async bodyOf(request: IncomingMessage, response: ServerResponse): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let data: unknown;
    try {
      data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      this.reply(request, response, 400, { message: 'Problems parsing JSON' });
      return undefined;
    }
    const body = (data as { body?: unknown }).body;
    if (typeof body !== 'string' || body === '') {
      this.reply(request, response, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
      });
      return undefined;
    }
    if ([...body].length > GITHUB_COMMENT_LIMIT) {
      this.reply(request, response, 422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${GITHUB_COMMENT_LIMIT} characters)`,
          },
        ],
      });
      return undefined;
    }
    return body;
  }

  private reply(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    this.log.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      status,
    });
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(payload));
  }
}
