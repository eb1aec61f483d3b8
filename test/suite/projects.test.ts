// Every test file runs in exactly one vitest project (test/projects.ts): a file in none would never
// run, not even in `npm test`; a file in two would run twice.

import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECTS, PROJECT_NAMES, TEST_FILE, projectsOf } from '../projects.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function testFiles(dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((path) => join(dir, path).split(sep).join('/'))
    .filter((path) => TEST_FILE.test(path) && !path.includes('/node_modules/'));
}

describe('vitest projects', () => {
  const files = [...testFiles('test'), ...testFiles('src')];

  it('put every test file in exactly one project', () => {
    const misplaced = files
      .map((file) => ({ file, projects: projectsOf(file) }))
      .filter(({ projects }) => projects.length !== 1);

    expect(misplaced, 'files in no project, or in more than one (see test/projects.ts)').toEqual([]);
  });

  it('name only folders that hold tests', () => {
    const empty = PROJECT_NAMES.flatMap((name) =>
      PROJECTS[name].folders
        .filter((folder) => !files.some((file) => file.startsWith(`${folder}/`)))
        .map((folder) => `${name}: ${folder}`),
    );

    expect(empty).toEqual([]);
  });

  it('send property tests to the reliability project wherever they live', () => {
    expect(projectsOf('test/config/yaml-events.property.test.ts')).toEqual(['reliability']);
    expect(projectsOf('test/core/money.test.ts')).toEqual(['unit']);
    expect(projectsOf('src/core/money.test.ts')).toEqual([]);
  });
});
