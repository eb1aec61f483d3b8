// src/sandbox/ stays a separate tree: emulators import the kit and Node only (types of the product at
// most), the kit imports neither an emulator nor the registry, no emulator imports another, and the
// product reaches the sandbox only from the sandbox command and the demo, through sandbox.ts or the
// registry. The emulators judge plansync's requests, so they must not share its code (see
// src/sandbox/registry.ts).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import of every source file, as paths relative to src/. */
function imports(): Import[] {
  const out: Import[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const statements =
      /(?:^|\n)\s*(?:import|export)(\s+type)?\b[^;]*?\sfrom\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g;
    for (const match of text.matchAll(statements)) {
      const specifier = (match[2] ?? match[3])!;
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      out.push({ from: relative(src, file), to: relative(src, target), typeOnly: match[1] !== undefined });
    }
  }
  return out;
}

const inSandbox = (path: string) => path.startsWith('sandbox/');
/** `kit`, a provider id, or a file at the top of src/sandbox/. */
const sandboxPart = (path: string) => path.split('/')[1] ?? '';

describe('sandbox dependency direction', () => {
  const all = imports();

  it('finds the imports it checks', () => {
    expect(all.filter((i) => inSandbox(i.from)).length).toBeGreaterThan(100);
  });

  it('emulator code imports nothing of the product but types', () => {
    const offending = all.filter((i) => inSandbox(i.from) && !inSandbox(i.to) && !i.typeOnly);

    expect(offending).toEqual([]);
  });

  it('the kit imports only itself, and an emulator only itself and the kit', () => {
    const offending = all.filter((i) => {
      if (!inSandbox(i.from) || !inSandbox(i.to)) return false;
      const from = sandboxPart(i.from);
      const to = sandboxPart(i.to);
      if (from.endsWith('.ts')) return false; // sandbox.ts and registry.ts sit on top
      return to !== from && to !== 'kit';
    });

    expect(offending).toEqual([]);
  });

  it('the product imports the sandbox only from the sandbox command and the demo, through its entry points', () => {
    const entries = ['sandbox/sandbox.ts', 'sandbox/registry.ts'];
    const offending = all.filter(
      (i) =>
        !inSandbox(i.from) &&
        inSandbox(i.to) &&
        !((i.from === 'cli/commands/sandbox.ts' || i.from.startsWith('demo/')) && entries.includes(i.to)),
    );

    expect(offending).toEqual([]);
  });
});
