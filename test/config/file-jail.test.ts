// The project directory as a jail (src/config/safe-file.ts): what the loader refuses to read, and
// that it says so by name instead of skipping the file or echoing what it holds. FIFOs need a child
// process (mkfifo) and are covered in test/integration/file-jail.test.ts.

import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { excerpt, found, quote } from '../../src/config/describe-value.js';
import { loadProject } from '../../src/config/load-project.js';
import {
  assertWritable,
  projectJail,
  readFileSafely,
  writeFileSafely,
  writeRefusal,
} from '../../src/config/safe-file.js';
import { ConfigError, formatIssue } from '../../src/errors.js';
import {
  loadErrors,
  makeProject,
  PLANS_YAML,
  projectWithPlans,
  providers,
  removeProjects,
} from './helpers.js';

const SECRET = 'CI_DEPLOY_TOKEN=ghp_TESTSECRET';
const outsideDirs: string[] = [];

afterAll(async () => {
  await removeProjects();
  for (const dir of outsideDirs) await rm(dir, { recursive: true, force: true });
});

/** A directory outside every project, holding a "secret" file and a directory of plans. */
async function outside(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plansync-outside-'));
  outsideDirs.push(dir);
  await writeFile(path.join(dir, 'environ'), `${SECRET}\nHOME=/root\n`);
  await mkdir(path.join(dir, 'plans'));
  await writeFile(path.join(dir, 'plans', 'bluesnap.yaml'), PLANS_YAML);
  return dir;
}

const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('the loader reads only regular files inside the project', () => {
  it('refuses a plans file linking outside the project, by name, without echoing its content', async () => {
    const away = await outside();
    const root = await projectWithPlans(PLANS_YAML);
    await symlink(path.join(away, 'environ'), path.join(root, 'plans', 'leak.yaml'));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/leak.yaml: file is a symlink to a file outside the project (plansync reads only regular files inside the project directory; it did not read this one)',
    ]);
    expect(errors.join('\n')).not.toContain('ghp_');
  });

  it('refuses a plans directory that links outside the project', async () => {
    const away = await outside();
    const root = await makeProject({ 'plansync.yaml': 'version: 1\nplans: catalogue\nconnections: {}\n' });
    await symlink(path.join(away, 'plans'), path.join(root, 'catalogue'));

    const errors = await loadErrors(root);

    expect(errors).toContainEqual(
      expect.stringMatching(
        /^plansync\.yaml:2:8: plans: plans directory `catalogue` is a symlink to a directory outside the project/,
      ),
    );
    expect(errors.join('\n')).not.toContain('bluesnap.yaml');
  });

  it('refuses a directory inside the plans directory that links outside the project', async () => {
    const away = await outside();
    const root = await projectWithPlans(PLANS_YAML);
    await symlink(path.join(away, 'plans'), path.join(root, 'plans', 'more'));

    expect(await loadErrors(root)).toEqual([
      'plans/more: directory is a symlink to a directory outside the project (plansync reads only files inside the project directory; it did not look inside this one)',
    ]);
  });

  it('refuses dangling links and link loops instead of skipping them', async () => {
    const root = await projectWithPlans(PLANS_YAML);
    await symlink(path.join(root, 'plans', 'gone.yaml'), path.join(root, 'plans', 'dangling.yaml'));
    await symlink('loop-b.yaml', path.join(root, 'plans', 'loop-a.yaml'));
    await symlink('loop-a.yaml', path.join(root, 'plans', 'loop-b.yaml'));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      expect.stringMatching(/^plans\/dangling\.yaml: file is a dangling symlink \(/),
      expect.stringMatching(/^plans\/loop-a\.yaml: file is a symlink loop \(/),
      expect.stringMatching(/^plans\/loop-b\.yaml: file is a symlink loop \(/),
    ]);
  });

  it('accepts links that stay inside the project, files and directories alike', async () => {
    const root = await makeProject({
      'plansync.yaml':
        'version: 1\nplans: plans\nconnections:\n  bluesnap-sandbox:\n    provider: bluesnap\n    credentials: { username: U, password: P }\n',
      'shared/bluesnap.yaml': PLANS_YAML,
      'plans/README.md': 'not plans',
    });
    await symlink(path.join(root, 'shared'), path.join(root, 'plans', 'linked'));

    const project = await loadProject(root, providers);

    expect(project.plansFiles.map((file) => file.file)).toEqual(['plans/linked/bluesnap.yaml']);
  });

  it('loads a project reached through a link (its real path is the jail)', async () => {
    const real = await projectWithPlans(PLANS_YAML);
    const away = await outside();
    await symlink(real, path.join(away, 'checkout'));

    const project = await loadProject(path.join(away, 'checkout'), providers);

    expect(project.plansFiles.map((file) => file.file)).toEqual(['plans/bluesnap.yaml']);
  });

  it('follows a linked directory once, so a link cycle cannot loop the scan', async () => {
    const root = await projectWithPlans(PLANS_YAML);
    await symlink(path.join(root, 'plans'), path.join(root, 'plans', 'again'));

    const project = await loadProject(root, providers);

    expect(project.plansFiles.map((file) => file.file)).toEqual(['plans/bluesnap.yaml']);
  });

  it('refuses a project file that links to /dev/zero, without reading it', async () => {
    const root = await makeProject({});
    await symlink('/dev/zero', path.join(root, 'plansync.yaml'));
    const before = process.memoryUsage().rss;

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      expect.stringMatching(/^plansync\.yaml: file is a symlink to a character device outside the project/),
    ]);
    // Nothing near the 5 MiB limit was read, let alone gigabytes.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a project file named with --project that is a device, wherever it is', async () => {
    const root = await makeProject({});

    await expect(loadProject(root, providers, { projectFile: '/dev/zero' })).rejects.toThrow(
      /file is a character device, not a regular file/,
    );
  });

  it('reads a project file named with --project outside the project (the user chose it)', async () => {
    const away = await outside();
    await writeFile(
      path.join(away, 'project.yaml'),
      'version: 1\nconnections:\n  bluesnap-sandbox:\n    provider: bluesnap\n    credentials: { username: U, password: P }\n',
    );
    const root = await projectWithPlans(PLANS_YAML, { 'plansync.yaml': '' });

    const project = await loadProject(root, providers, { projectFile: path.join(away, 'project.yaml') });

    expect(project.plansFiles.map((file) => file.file)).toEqual(['plans/bluesnap.yaml']);
  });

  it.skipIf(runningAsRoot)('refuses an unreadable plans file by name', async () => {
    const root = await projectWithPlans(PLANS_YAML, { 'plans/locked.yaml': PLANS_YAML });
    await chmod(path.join(root, 'plans', 'locked.yaml'), 0o000);
    try {
      expect(await loadErrors(root)).toEqual([
        expect.stringMatching(/^plans\/locked\.yaml: file cannot be read \(EACCES: permission denied\)/),
      ]);
    } finally {
      await chmod(path.join(root, 'plans', 'locked.yaml'), 0o644);
    }
  });
});

describe('readFileSafely', () => {
  it('stops one byte past the limit, whatever the file says its size is', async () => {
    const root = await makeProject({ 'big.yaml': Buffer.alloc(64, 0x61) });
    const jail = await projectJail(root);

    expect(await readFileSafely(jail, path.join(root, 'big.yaml'), 16)).toEqual({
      kind: 'too-large',
      size: 64,
    });
    expect(await readFileSafely(jail, path.join(root, 'big.yaml'), 64)).toMatchObject({ kind: 'read' });
  });

  it('reads /proc files (size 0) only up to the limit when named explicitly', async () => {
    if (!(await readFile('/proc/self/status').catch(() => undefined))) return; // no procfs here
    const root = await makeProject({});
    const jail = await projectJail(root);

    const read = await readFileSafely(jail, '/proc/self/status', 8, { explicit: true });

    expect(read).toEqual({ kind: 'too-large' });
  });
});

describe('writes', () => {
  it('refuses to write through a link out of the project, and leaves the target alone', async () => {
    const away = await outside();
    const root = await makeProject({});
    await symlink(path.join(away, 'environ'), path.join(root, 'plan.json'));
    const jail = await projectJail(root);

    await expect(writeFileSafely(jail, path.join(root, 'plan.json'), 'plan.json', '{}')).rejects.toThrow(
      'plan.json is a symlink to a file outside the project; nothing was written',
    );
    expect(await readFile(path.join(away, 'environ'), 'utf8')).toContain(SECRET);
  });

  it('refuses a new file in a directory that links outside the project', async () => {
    const away = await outside();
    const root = await makeProject({});
    await symlink(away, path.join(root, '.plansync'));
    const jail = await projectJail(root);

    await expect(
      assertWritable(jail, path.join(root, '.plansync', 'apply.lock'), '.plansync/apply.lock'),
    ).rejects.toThrow(/is outside the project/);
  });

  it('accepts a new file in a directory still to be made inside the project', async () => {
    const root = await makeProject({});
    const jail = await projectJail(root);

    expect(await writeRefusal(jail, path.join(root, 'plans', 'new', 'x.yaml'))).toBeUndefined();
  });

  it('refuses a link even inside the project, and a directory, but takes an explicit path outside', async () => {
    const away = await outside();
    const root = await makeProject({ 'real.json': '{}' });
    await symlink(path.join(root, 'real.json'), path.join(root, 'link.json'));
    await mkdir(path.join(root, 'dir.json'));
    const jail = await projectJail(root);

    expect(await writeRefusal(jail, path.join(root, 'link.json'))).toMatch(/never through a link/);
    expect(await writeRefusal(jail, path.join(root, 'dir.json'))).toBe('is a directory, not a regular file');
    expect(await writeRefusal(jail, path.join(away, 'plan.json'), { explicit: true })).toBeUndefined();
    expect(await writeRefusal(jail, path.join(away, 'plan.json'))).toMatch(/outside the project/);
  });
});

describe('quoted values', () => {
  it('cap an excerpt and escape control characters', () => {
    const long = `${SECRET}${'x'.repeat(100)}`;

    expect(Array.from(excerpt(long))).toHaveLength(60);
    expect(excerpt(long).endsWith('…')).toBe(true);
    expect(quote('a\nb\u0007c\u202ed')).toBe('`a\\nb\\u0007c\\u202Ed`');
    expect(found('x'.repeat(5000)).length).toBeLessThan(80);
  });

  it('never put a whole scalar document in a message', async () => {
    const root = await projectWithPlans(`${SECRET}${'A'.repeat(200)}\n`);

    const error = await loadProject(root, providers).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).issues.map(formatIssue).join('\n');
    expect(text).toMatch(/got a string \(not shown/);
    expect(text).not.toContain('ghp_');
  });
});

describe('a project file that is one scalar', () => {
  it('is refused without echoing it', async () => {
    const root = await makeProject({ 'plansync.yaml': `${SECRET}\n` });

    const errors = await loadErrors(root);

    expect(errors.join('\n')).toMatch(/got a string \(not shown/);
    expect(errors.join('\n')).not.toContain('ghp_');
  });
});
