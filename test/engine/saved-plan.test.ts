// Saved plans on disk: what `plan --out` writes, `apply FILE` and `show FILE` read back, and a file
// that cannot be read or written is the user's to fix (a UserError naming it), never a crash.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toPlanDocument } from '../../src/core/plan-file.js';
import { readSavedPlan, savePlan } from '../../src/engine/saved-plan.js';
import { UserError } from '../../src/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plansync-saved-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const document = toPlanDocument(
  { formatVersion: 1, connections: [] },
  { generator: 'plansync test', createdAt: '2025-01-01T00:00:00.000Z' },
);

describe('saved plans', () => {
  it('reads back the plan it saved', async () => {
    await savePlan(join(dir, 'plan.json'), 'plan.json', document);

    const read = await readSavedPlan(join(dir, 'plan.json'), 'plan.json');

    expect(read).toEqual(document);
  });

  it('refuses to save into a directory that does not exist, naming the file as given', async () => {
    const attempt = savePlan(join(dir, 'missing', 'plan.json'), 'missing/plan.json', document);

    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow('cannot write the plan to missing/plan.json: ENOENT');
  });

  it('refuses a plan file that does not exist', async () => {
    const attempt = readSavedPlan(join(dir, 'nope.json'), 'nope.json');

    await expect(attempt).rejects.toThrow('cannot read plan file nope.json: ENOENT');
  });

  it('refuses a file whose checksum does not match', async () => {
    await writeFile(join(dir, 'plan.json'), JSON.stringify({ ...document, checksum: 'sha256:00' }));

    const attempt = readSavedPlan(join(dir, 'plan.json'), 'plan.json');

    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow('plan.json: checksum mismatch');
  });
});
