// Reading a config file through js-yaml (src/config/yaml-events.ts) must never change what it means.
// Whenever js-yaml's reading is taken, the `yaml` package alone must read the same text without an
// issue, into the same data, and every path (present or not) must be located at the same line and
// column: error messages point there. When it is not taken, parseYamlText is the `yaml` package's
// reading by construction. The generated documents mix valid and invalid YAML freely; a last test
// makes sure js-yaml's reading is taken for the usual config style, or its speed is lost. The
// properties draw from the suite's seed (PLANSYNC_TEST_SEED, printed each run); the sample that
// measures how often js-yaml's reading is taken keeps a fixed seed, so its share stays comparable.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BENCH_PROVIDERS } from '../../bench/lib/providers.js';
import type { DocPath } from '../../src/config/paths.js';
import { readWithEvents } from '../../src/config/yaml-events.js';
import { MAX_NESTING, parseWithYaml, parseYamlText } from '../../src/config/yaml-source.js';
import type { LocateTarget } from '../../src/config/yaml-source.js';
import { formatIssue } from '../../src/errors.js';
import {
  constantcontactProjectYaml,
  jpmmpsProjectYaml,
  PAYPAL_PROJECT_YAML,
  PLANS_YAML,
  PROJECT_YAML,
} from './helpers.js';
import {
  applyEdits,
  documentArb,
  editArb,
  longKeyDocuments,
  nestedDocument,
  NESTING_SHAPES,
  renderDoc,
  yamlDocuments,
} from './support/yaml-docs.js';

const FILE = 'f.yaml';
const TARGETS: readonly LocateTarget[] = ['key', 'value', 'parent'];
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const MISSING = 'no-such-key';

/** Every key and index of the data, and the ways a path can miss (absent key, past a scalar, past the end). */
function probePaths(data: unknown): DocPath[] {
  const paths: DocPath[] = [[], [MISSING], [0]];
  const visit = (value: unknown, path: DocPath) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        paths.push([...path, index]);
        visit(item, [...path, index]);
      });
      paths.push([...path, value.length], [...path, -1], [...path, '0'], [...path, MISSING]);
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        paths.push([...path, key]);
        visit((value as Record<string, unknown>)[key], [...path, key]);
        if (/^(0|[1-9][0-9]*)$/.test(key)) paths.push([...path, Number(key)]);
      }
      paths.push([...path, MISSING], [...path, MISSING, 'deeper'], [...path, 0]);
    } else {
      paths.push([...path, 'x'], [...path, 0], [...path, 'x', 'y']);
    }
  };
  visit(data, []);
  return paths;
}

/** The text JSON-escaped, long runs of one character shortened to keep messages readable. */
function describeText(text: string): string {
  return JSON.stringify(text).replace(
    /(.)\1{15,}/gsu,
    (run: string, char: string) => `${char}{×${[...run].length}}`,
  );
}

/** Checks the contract on one text; returns whether js-yaml's reading was taken. */
function checkContract(text: string): boolean {
  if (readWithEvents(text, MAX_NESTING) === undefined) return false;
  const about = `YAML text ${describeText(text)}`;
  const taken = parseYamlText(FILE, text);
  const alone = parseWithYaml(FILE, text);

  expect(alone.issues.map(formatIssue), about).toEqual([]);
  expect(taken.issues, about).toEqual([]);
  // Strict: key order, prototypes and -0 reach the schema checks and the plan output.
  expect(isDeepStrictEqual(taken.source?.data, alone.source?.data), about).toBe(true);
  const mismatches: string[] = [];
  for (const path of probePaths(alone.source?.data)) {
    for (const target of TARGETS) {
      const got = taken.source?.locate(path, target);
      const want = alone.source?.locate(path, target);
      if (!isDeepStrictEqual(got, want)) {
        mismatches.push(
          `${JSON.stringify(path)} ${target}: ${got?.line}:${got?.column}, yaml ${want?.line}:${want?.column}`,
        );
      }
    }
  }
  expect(mismatches, about).toEqual([]);
  return true;
}

/** Every .yaml/.yml file under the repository root, outside dependencies, build output and Git. */
function repoYamlFiles(dir = REPO_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return ['node_modules', 'dist', '.git'].includes(entry.name)
        ? []
        : repoYamlFiles(join(dir, entry.name));
    }
    return /\.ya?ml$/.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

/** The generated bench project files: the large, regular documents js-yaml's reading exists for. */
const BENCH_FILES = Object.values(BENCH_PROVIDERS).flatMap((provider) => [
  { name: `bench ${provider.id} plans`, text: provider.plansYaml(50, new Set([1, 5])) },
  { name: `bench ${provider.id} project`, text: provider.projectYaml() },
]);

const FIXTURES = [
  { name: 'PLANS_YAML', text: PLANS_YAML },
  { name: 'PROJECT_YAML', text: PROJECT_YAML },
  { name: 'PAYPAL_PROJECT_YAML', text: PAYPAL_PROJECT_YAML },
  { name: 'constantcontactProjectYaml()', text: constantcontactProjectYaml() },
  { name: 'jpmmpsProjectYaml()', text: jpmmpsProjectYaml() },
];

/** Where the two libraries have been seen to differ, and forms config meets. */
const EDGE_CASES = [
  '',
  '---\n',
  'a: 1\n---\nb: 2\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1e400\n',
  'a: -.inf\nb: .nan\n',
  'a: 1e3\nb: +.5\nc: 0o17\nd: 0x1F\ne: 0x_1\nf: 2024-01-01\ng: 12:30\nh: -0\ni: 00\nj: 1.10\n',
  'a: True\nb: FALSE\nc: ~\nd: Null\ne: yes\nf: "1"\n',
  'TRUE: 1\n',
  '~: 1\n',
  '1.0: a\n1: b\n',
  '0x1: a\n',
  '__proto__: {a: 1}\n',
  '<<: {a: 1}\nb: 2\n',
  'a: 9007199254740993\n',
  'a: &x {k: 1}\nb: *x\n',
  'a: !!str 1\n',
  'a: |\n  text\n',
  'a: "x\\ty"\n',
  'a: "x\n  y"\n',
  "'k':  #\n\n  v:-.Inf\n?x :\n",
  'a:\n  - b\n  -\n',
  '- \n- a\n',
  'a:\n',
  'a: {b: 1, "c": [1, 2], d: {}}\n',
  'a:\tb\n',
  'a: b\r\nc: d\r\n',
  '\ufeffa: 1\n',
  // An indented document marker: js-yaml read a mapping, the yaml package refuses it (seed 3).
  ' ---\na: 0\n',
  // Text after a flow collection: js-yaml read `y` as a key, the yaml package refuses it (seed 11).
  'a:\n- [x] y:  z\n',
];

describe("js-yaml's reading agrees with the yaml package's", () => {
  it('on grammar-generated documents', () => {
    fc.assert(
      fc.property(yamlDocuments, (doc) => void checkContract(doc.text)),
      { numRuns: 1500 },
    );
  });

  it('on documents with one to three single-character edits', () => {
    const edited = fc
      .tuple(
        documentArb('clean').map((doc) => renderDoc(doc).text),
        fc.array(editArb, { minLength: 1, maxLength: 3 }),
      )
      .map(([text, edits]) => applyEdits(text, edits));
    fc.assert(
      fc.property(edited, (text) => void checkContract(text)),
      { numRuns: 2000 },
    );
  });

  it('on keys near the 1024-character limit YAML puts on implicit keys', () => {
    fc.assert(
      fc.property(longKeyDocuments, (text) => void checkContract(text)),
      { numRuns: 200 },
    );
  });

  it.each(NESTING_SHAPES)('on a %s nested 100 and 300 deep', (shape) => {
    checkContract(nestedDocument(shape, 100));
    expect(readWithEvents(nestedDocument(shape, 300), MAX_NESTING)).toBeUndefined();
  });

  it('on hand-picked edge cases', () => {
    for (const text of EDGE_CASES) checkContract(text);
  });

  it.each(repoYamlFiles().map((file) => relative(REPO_ROOT, file)))('on %s', (file) => {
    checkContract(readFileSync(join(REPO_ROOT, file), 'utf8'));
  });

  it.each([...BENCH_FILES, ...FIXTURES])('on $name, which it reads itself', ({ text }) => {
    expect(checkContract(text)).toBe(true);
  });
});

describe("js-yaml's reading covers the usual config style", () => {
  it('reads at least 60% of the generated documents in that style', () => {
    const docs = fc.sample(yamlDocuments, { seed: 20_261_207, numRuns: 1200 });
    const eligible = docs.filter((doc) => {
      const alone = parseWithYaml(FILE, doc.text);
      return doc.clean && alone.source !== undefined && alone.issues.length === 0;
    });
    const taken = eligible.filter((doc) => readWithEvents(doc.text, MAX_NESTING) !== undefined);

    expect(eligible.length).toBeGreaterThan(300);
    expect(taken.length / eligible.length).toBeGreaterThanOrEqual(0.6);
  });
});
