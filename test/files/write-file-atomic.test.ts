// writeFileAtomic in one process: concurrent writers to one path leave one whole version and no
// temporary file, and a write that fails leaves the old file and no temporary file either. The
// cross-process and SIGKILL cases are in test/reliability/write-file-atomic-crash.test.ts.

import fs from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/write-file-atomic.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plansync-atomic-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** A version larger than a pipe or page buffer, and recognisable whole. */
function version(n: number): string {
  return `version ${n}\n${String(n % 10).repeat(64 * 1024)}\nend of version ${n}\n`;
}

describe('writeFileAtomic', () => {
  it('refuses to write through a symbolic link, and leaves its target alone', async () => {
    const outside = join(dir, 'outside.txt');
    await writeFile(outside, "not plansync's");
    const path = join(dir, 'plan.json');
    await symlink(outside, path);

    await expect(writeFileAtomic(path, version(1))).rejects.toThrow(/plan\.json is a symbolic link/);

    expect(await readFile(outside, 'utf8')).toBe("not plansync's");
    expect((await readdir(dir)).sort()).toEqual(['outside.txt', 'plan.json']);
  });

  it('refuses a path that is a directory', async () => {
    const path = join(dir, 'plan.json');
    await mkdir(path);

    await expect(writeFileAtomic(path, version(1))).rejects.toThrow(/not a regular file/);
  });

  it('replaces the whole file', async () => {
    const path = join(dir, 'plan.json');
    await writeFile(path, version(0));

    await writeFileAtomic(path, version(1));

    expect(await readFile(path, 'utf8')).toBe(version(1));
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('leaves one whole version and no temporary file when many writers race on one path', async () => {
    const path = join(dir, 'plan.json');
    const versions = Array.from({ length: 12 }, (_, n) => version(n + 1));

    await Promise.all(versions.map((text) => writeFileAtomic(path, text)));

    expect(versions).toContain(await readFile(path, 'utf8'));
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('keeps the file’s permissions', async () => {
    const path = join(dir, 'plans.yaml');
    await writeFile(path, 'old\n', { mode: 0o640 });

    await writeFileAtomic(path, 'new\n');

    expect(fs.statSync(path).mode & 0o777).toBe(0o640);
  });

  it('leaves no temporary file when the rename fails', async () => {
    // A directory where the file should go: the temporary file is written, the rename over it fails.
    const path = join(dir, 'plan.json');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'x');

    await expect(writeFileAtomic(path, version(1))).rejects.toThrow();

    expect(await readdir(dir)).toEqual(['plan.json']);
    expect(await readdir(path)).toEqual(['inside']);
  });

  it('leaves the old content and no temporary file when flushing to disk fails', async () => {
    const path = join(dir, 'plan.json');
    await writeFile(path, version(0));
    vi.spyOn(fs, 'fsync').mockImplementation((_fd, callback) =>
      callback(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })),
    );

    await expect(writeFileAtomic(path, version(1))).rejects.toThrow('EIO');

    expect(await readFile(path, 'utf8')).toBe(version(0));
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('flushes the new content to disk before the rename makes it visible', async () => {
    const path = join(dir, 'plan.json');
    const order: string[] = [];
    const fsync = fs.fsync;
    const rename = fs.rename;
    vi.spyOn(fs, 'fsync').mockImplementation((fd, callback) => {
      order.push('fsync');
      fsync(fd, callback);
    });
    vi.spyOn(fs, 'rename').mockImplementation((from, to, callback) => {
      order.push('rename');
      rename(from, to, callback);
    });

    await writeFileAtomic(path, 'text\n');

    expect(order).toEqual(['fsync', 'rename']);
  });
});
