// The demo's environments act (`npm start`, part two), run as the demo runs it: every step must end
// with the exit code the promotion flow expects, and the output must show the refusal, the pinned
// sandbox id, and compare before and after promotion.

import { describe, expect, it } from 'vitest';
import { environmentsDemo } from '../../src/demo/environments.js';

describe('the environments demo', () => {
  it('refuses production first, rehearses in the sandbox, promotes, and compares clean', async () => {
    let stdout = '';
    let stderr = '';
    const banners: string[] = [];

    const code = await environmentsDemo({
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      banner: (text) => banners.push(text),
    });

    expect(code, stderr).toBe(0);
    expect(banners).toHaveLength(7);
    expect(stderr).toContain('Refusing to apply to production: it follows sandbox');
    expect(stdout).toContain('(exit code 3: refused');
    // The sandbox's id is pinned in its own slot of the example's plans file.
    expect(stdout).toMatch(
      /environments:\n\s+sandbox:\n\s+product_id: PROD-PLANSYNCDEMO00001[^\n]*\n\s+id: P-[A-Z0-9]+/,
    );
    expect(stdout).toContain('(exit code 2: the environments differ');
    expect(stdout).toContain('(exit code 0: no differences');
  });
});
