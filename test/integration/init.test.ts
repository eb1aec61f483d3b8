// `plansync init` in-process, in a temporary directory: the files it writes validate for every
// provider, a second run changes nothing, existing files are kept, the modeline points at a schema
// that exists; and `plan`/`drift` on a project that declares nothing say so and send no request.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../../src/providers/registry.js';
import { runCli } from '../support/run-cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'plansync-init-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], cwd = dir, extra: { isTTY?: boolean; confirm?: boolean } = {}) =>
  runCli(args, { env: {}, cwd, ...extra });

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out[path.relative(root, full)] = await readFile(full, 'utf8');
    }
  };
  await walk(root);
  return out;
}

describe('plansync init', () => {
  it('writes a project that validates, and a second run changes nothing', async () => {
    const first = await cli(['init', '--provider', 'paypal', '--connection', 'paypal-live']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote plansync.yaml');
    expect(first.stdout).toContain('wrote plans/paypal-live.yaml');
    expect(first.stdout).toContain('PAYPAL_CLIENT_ID');
    const project = await readFile(path.join(dir, 'plansync.yaml'), 'utf8');
    expect(project).toMatch(/^# yaml-language-server: \$schema=\S+project\.schema\.json\n/);
    expect(project).toContain('client_id: PAYPAL_CLIENT_ID');
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toContain('.plansync/\n');

    const valid = await cli(['validate']);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);

    const before = await snapshot(dir);
    const second = await cli(['init', '--provider', 'paypal', '--connection', 'paypal-live']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('kept plansync.yaml (exists)');
    expect(second.stdout).toContain('Nothing to do: every file init writes exists.');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('keeps an existing plansync.yaml and appends .plansync/ to an existing .gitignore once', async () => {
    await writeFile(path.join(dir, 'plansync.yaml'), '# mine\n');
    await writeFile(path.join(dir, '.gitignore'), 'node_modules/');
    const result = await cli(['init', '--provider', 'bluesnap']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kept plansync.yaml (exists)');
    expect(result.stdout).toContain('wrote plans/bluesnap.yaml');
    expect(await readFile(path.join(dir, 'plansync.yaml'), 'utf8')).toBe('# mine\n');
    await cli(['init', '--provider', 'bluesnap']);
    const ignore = await readFile(path.join(dir, '.gitignore'), 'utf8');
    expect(ignore.startsWith('node_modules/\n')).toBe(true);
    expect(ignore.match(/^\.plansync\/$/gm)).toHaveLength(1);
  });

  it('copies the example workflows with --github', async () => {
    const result = await cli(['init', '--provider', 'paypal', '--github']);
    expect(result.code).toBe(0);
    const examples = path.join(REPO, 'examples/github/workflows');
    const names = (await readdir(examples)).filter((name) => /\.ya?ml$/.test(name));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(await readFile(path.join(dir, '.github/workflows', name), 'utf8')).toBe(
        await readFile(path.join(examples, name), 'utf8'),
      );
    }
    // The PR workflow runs .github/scripts/upsert-comment.mjs: the scripts come along.
    expect(await readFile(path.join(dir, '.github/scripts/upsert-comment.mjs'), 'utf8')).toBe(
      await readFile(path.join(REPO, 'examples/github/scripts/upsert-comment.mjs'), 'utf8'),
    );
  });

  it('refuses an unknown provider with a suggestion, and a bad connection name', async () => {
    const typo = await cli(['init', '--provider', 'paypall']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('paypal');
    expect(typo.stderr).toMatch(/did you mean/i);
    const bad = await cli(['init', '--provider', 'paypal', '--connection', 'PayPal_Live']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('PayPal_Live');
    expect(await readdir(dir)).toEqual([]);
  });

  it('off a terminal without --provider, names --provider and the providers', async () => {
    const result = await cli(['init']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--provider');
    for (const id of providers.ids()) expect(result.stderr).toContain(id);
    expect(await readdir(dir)).toEqual([]);
  });

  it('on a terminal, asks provider by provider', async () => {
    const result = await cli(['init'], dir, { isTTY: true, confirm: true });
    expect(result.code).toBe(0);
    for (const id of providers.ids()) expect(existsSync(path.join(dir, 'plans', `${id}.yaml`))).toBe(true);
    // Every connection but J.P. Morgan MPS's, which waits for its base_url (see the test below).
    const valid = await cli(['validate']);
    expect(valid.stderr.match(/`base_url` is required/g)).toHaveLength(1);
  });

  it('never writes through a link: a linked plans file is kept, a linked .gitignore refused', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'plansync-outside-'));
    try {
      await writeFile(path.join(outside, 'target.yaml'), 'untouched\n');
      await mkdir(path.join(dir, 'plans'));
      await symlink(path.join(outside, 'target.yaml'), path.join(dir, 'plans/paypal.yaml'));
      const kept = await cli(['init', '--provider', 'paypal']);
      expect(kept.code).toBe(0);
      expect(kept.stdout).toMatch(/kept plans\/paypal\.yaml \(exists; it is a symlink/);
      expect(await readFile(path.join(outside, 'target.yaml'), 'utf8')).toBe('untouched\n');

      await rm(path.join(dir, '.gitignore'));
      await symlink(path.join(outside, 'target.yaml'), path.join(dir, '.gitignore'));
      const refused = await cli(['init', '--provider', 'paypal']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('.gitignore');
      expect(await readFile(path.join(outside, 'target.yaml'), 'utf8')).toBe('untouched\n');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('on a terminal, writes nothing when no provider is chosen', async () => {
    const result = await cli(['init'], dir, { isTTY: true, confirm: false });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no provider chosen');
    expect(await readdir(dir)).toEqual([]);
  });

  it.each(providers.ids())('writes a project for %s that validates', async (id) => {
    expect((await cli(['init', '--provider', id, '--connection', `${id}-main`])).code).toBe(0);
    const valid = await cli(['validate']);
    if (id === 'jpmmps') {
      // No published host: init leaves base_url for the user, and validate says so at the connection.
      expect(valid.code).toBe(1);
      expect(valid.stderr).toMatch(
        /plansync\.yaml:\d+:\d+: connections\.jpmmps-main: `base_url` is required/,
      );
      return;
    }
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
  });

  it('writes a modeline that points at an existing schema when run inside the repository', async () => {
    const inside = await mkdtemp(path.join(REPO, '.tmp-init-'));
    try {
      expect((await cli(['init', '--provider', 'paypal'], inside)).code).toBe(0);
      for (const [file, schema] of [
        ['plansync.yaml', 'project.schema.json'],
        ['plans/paypal.yaml', 'paypal.plans.schema.json'],
      ] as const) {
        const first = (await readFile(path.join(inside, file), 'utf8')).split('\n')[0] as string;
        const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
        expect(match, first).not.toBeNull();
        const target = path.resolve(path.dirname(path.join(inside, file)), match?.[1] as string);
        expect(target).toBe(path.join(REPO, 'schemas', schema));
        expect(existsSync(target)).toBe(true);
      }
    } finally {
      await rm(inside, { recursive: true, force: true });
    }
  });

  it('accepts and ignores a top-level $schema key in the project and plans files', async () => {
    await cli(['init', '--provider', 'paypal']);
    const add = async (file: string) => {
      const full = path.join(dir, file);
      await writeFile(full, `$schema: ./whatever.json\n${await readFile(full, 'utf8')}`);
    };
    await add('plansync.yaml');
    await add('plans/paypal.yaml');
    const valid = await cli(['validate']);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
  });
});

describe('plan on a project that declares nothing', () => {
  let server: Server;
  let requests: string[];
  let port: number;
  beforeEach(async () => {
    requests = [];
    server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function project(prune: boolean) {
    await mkdir(path.join(dir, 'plans'));
    await writeFile(
      path.join(dir, 'plansync.yaml'),
      `version: 1
connections:
  pp:
    provider: bluesnap
    base_url: http://127.0.0.1:${port}
    prune: ${prune}
    credentials: { username: PP_ID, password: PP_SECRET }
    limits: { retries: 0 }
`,
    );
    await writeFile(path.join(dir, 'plans/pp.yaml'), 'connection: pp\nplans: {}\n');
  }
  const env = { PP_ID: 'id', PP_SECRET: 'secret' };

  it('says so, names the next step, exits 0 and sends no request', async () => {
    await project(false);
    for (const command of ['plan', 'drift']) {
      const result = await runCli([command], { env, cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('No plans declared yet');
      expect(result.stdout).toContain('plansync import --connection pp');
      expect(result.stdout).toContain('plans/pp.yaml');
      expect(result.stdout).not.toContain('No changes');
    }
    expect(requests).toEqual([]);
  });

  // BlueSnap reads the whole account (PayPal reads only the products the YAML names).
  it('still reads when the connection prunes: live plans may need retiring', async () => {
    await project(true);
    const result = await runCli(['plan'], { env, cwd: dir });
    expect(result.stdout).not.toContain('No plans declared yet');
    expect(requests.length).toBeGreaterThan(0);
  });
});
