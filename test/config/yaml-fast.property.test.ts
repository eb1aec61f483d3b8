// The fast YAML path (src/config/yaml-fast.ts) must never change what a config file means. Whenever
// it accepts a document, the full parser (the `yaml` package, with our checks) must read the same
// text without an issue, into the same data, and every path (present or not) must be located at the
// same line and column: error messages point there. When the fast path declines, parseYamlText must
// behave exactly as the full parser. The generated documents mix valid and invalid YAML freely: the
// contract only constrains what the fast path accepts. A last test makes sure it accepts enough of
// its own subset to be worth having.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BENCH_PROVIDERS } from '../../bench/lib/providers.js';
import type { DocPath } from '../../src/config/paths.js';
import { parseFastYaml } from '../../src/config/yaml-fast.js';
import { parseYamlText } from '../../src/config/yaml-source.js';
import type { LocateTarget } from '../../src/config/yaml-source.js';
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

// ---------------------------------------------------------------------------------------------------
// Strict data comparison: vitest's toEqual ignores key order, undefined-valued keys and prototypes,
// all of which reach the schema checks and the plan output; this also tells -0 from 0.

function describeValue(value: unknown): string {
  if (Object.is(value, -0)) return '-0 (number)';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return `${JSON.stringify(value)} (${typeof value})`;
}

/** The first way `actual` differs from `expected`, or undefined when they are the same data. */
function dataDifference(actual: unknown, expected: unknown, at = '$'): string | undefined {
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object') {
    return Object.is(actual, expected)
      ? undefined
      : `${at}: ${describeValue(actual)} instead of ${describeValue(expected)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) {
    return `${at}: ${describeValue(actual)} instead of ${describeValue(expected)}`;
  }
  // Plain objects and arrays only: no null prototype, no class instance, no Map.
  const proto = Array.isArray(expected) ? Array.prototype : Object.prototype;
  if (Object.getPrototypeOf(actual) !== proto || Object.getPrototypeOf(expected) !== proto) {
    return `${at}: prototype is not ${Array.isArray(expected) ? 'Array' : 'Object'}.prototype`;
  }
  if (Object.isExtensible(actual) !== Object.isExtensible(expected)) {
    return `${at}: extensible ${Object.isExtensible(actual)} instead of ${Object.isExtensible(expected)}`;
  }
  // Own keys in order, symbols and non-enumerable ones included (an array's `length` too).
  const actualKeys = Reflect.ownKeys(actual).map(String);
  const expectedKeys = Reflect.ownKeys(expected).map(String);
  if (JSON.stringify(actualKeys) !== JSON.stringify(expectedKeys)) {
    return `${at}: keys ${JSON.stringify(actualKeys)} instead of ${JSON.stringify(expectedKeys)}`;
  }
  for (const key of Reflect.ownKeys(expected)) {
    const got = Object.getOwnPropertyDescriptor(actual, key) as PropertyDescriptor;
    const want = Object.getOwnPropertyDescriptor(expected, key) as PropertyDescriptor;
    const where = `${at}[${JSON.stringify(String(key))}]`;
    if (!('value' in got) || got.enumerable !== want.enumerable || got.writable !== want.writable) {
      return `${where}: not a plain data property like the full parser's`;
    }
    const difference = dataDifference(got.value, want.value, where);
    if (difference) return difference;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Paths to locate: every key and index of the data, and the ways a path can miss that the loaders
// meet (a key that is not there, a path going on past a scalar, an index past the end...).

const MISSING = 'no-such-key';

function probePaths(data: unknown): DocPath[] {
  const paths: DocPath[] = [[], [MISSING], [0]];
  const visit = (value: unknown, path: DocPath) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        paths.push([...path, index]);
        visit(item, [...path, index]);
      });
      // Past the end, before the start, and a string segment where an index belongs.
      paths.push([...path, value.length], [...path, -1], [...path, '0'], [...path, MISSING]);
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        paths.push([...path, key]);
        visit((value as Record<string, unknown>)[key], [...path, key]);
        // A numeric segment on a mapping: `0` names the key "0" (locate stringifies segments).
        if (/^(0|[1-9][0-9]*)$/.test(key)) paths.push([...path, Number(key)]);
      }
      paths.push([...path, MISSING], [...path, MISSING, 'deeper'], [...path, 0]);
    } else {
      // A path that goes on past a scalar or an empty value.
      paths.push([...path, 'x'], [...path, 0], [...path, 'x', 'y']);
    }
  };
  visit(data, []);
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// The contract.

/** The text JSON-escaped, long runs of one character shortened (`a{×1024}`) to keep messages readable. */
function describeText(text: string): string {
  return JSON.stringify(text).replace(
    /(.)\1{15,}/gsu,
    (run: string, char: string) => `${char}{×${[...run].length}}`,
  );
}

/** Whether the full parser reads `text` without an issue. */
function fullReadsCleanly(text: string): boolean {
  const full = parseYamlText(FILE, text, { fast: false });
  return full.source !== undefined && full.issues.length === 0;
}

/**
 * Checks the contract on one text; returns whether the fast path accepted it. When it declines,
 * `compareDeclined` also checks that the default options give the full parser's answer: true by
 * construction, and a second full parse, so the property tests do it for a sample only.
 */
function checkContract(text: string, compareDeclined = true): boolean {
  const about = `YAML text ${describeText(text)}`;
  const fast = parseFastYaml(text);
  const full = parseYamlText(FILE, text, { fast: false });

  if (fast === undefined) {
    if (!compareDeclined) return false;
    const viaDefault = parseYamlText(FILE, text);
    expect(viaDefault.issues, about).toEqual(full.issues);
    expect(viaDefault.source === undefined, about).toBe(full.source === undefined);
    expect(dataDifference(viaDefault.source?.data, full.source?.data), about).toBeUndefined();
    return false;
  }

  // Accepted: the full parser must have nothing to say about the text...
  const viaDefault = parseYamlText(FILE, text);
  expect(full.issues, about).toEqual([]);
  expect(full.source, about).toBeDefined();
  const expected = full.source?.data;
  // ...and must read the same data, which parseYamlText then hands out.
  expect(dataDifference(fast.data, expected), about).toBeUndefined();
  expect(viaDefault.issues, about).toEqual([]);
  expect(dataDifference(viaDefault.source?.data, expected), about).toBeUndefined();

  // Every path, every target: the same place. Collected, so a failure shows all the differences.
  const mismatches: string[] = [];
  for (const path of probePaths(expected)) {
    for (const target of TARGETS) {
      const got = viaDefault.source?.locate(path, target);
      const want = full.source?.locate(path, target);
      if (got?.line !== want?.line || got?.column !== want?.column || got?.file !== want?.file) {
        mismatches.push(
          `${JSON.stringify(path)} ${target}: fast ${got?.line}:${got?.column}, full ${want?.line}:${want?.column}`,
        );
      }
    }
  }
  expect(mismatches, about).toEqual([]);
  return true;
}

/** For the property tests: compares the declined results of one document in ten. */
function sampledContract(): (text: string) => void {
  let runs = 0;
  return (text) => {
    checkContract(text, runs++ % 10 === 0);
  };
}

// ---------------------------------------------------------------------------------------------------
// Inputs beyond the generator.

/** Every .yaml/.yml file under the repository root, outside dependencies, build output and Git. */
function repoYamlFiles(dir = REPO_ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', '.git'].includes(entry.name))
        files.push(...repoYamlFiles(join(dir, entry.name)));
    } else if (/\.ya?ml$/.test(entry.name)) {
      files.push(join(dir, entry.name));
    }
  }
  return files.sort();
}

/** The generated bench project files: the large, regular documents the fast path exists for. */
const BENCH_FILES = Object.values(BENCH_PROVIDERS).flatMap((provider) => [
  { name: `bench ${provider.id} plans`, text: provider.plansYaml(50, new Set([1, 5])) },
  { name: `bench ${provider.id} project`, text: provider.projectYaml() },
]);

/** The config fixtures the other config tests load. */
const FIXTURES = [
  { name: 'PLANS_YAML', text: PLANS_YAML },
  { name: 'PROJECT_YAML', text: PROJECT_YAML },
  { name: 'PAYPAL_PROJECT_YAML', text: PAYPAL_PROJECT_YAML },
  { name: 'constantcontactProjectYaml()', text: constantcontactProjectYaml() },
  { name: 'jpmmpsProjectYaml()', text: jpmmpsProjectYaml() },
];

/** Small, realistic documents for the edit test to start from, besides the generated ones. */
const EDIT_BASES = [
  PLANS_YAML,
  PROJECT_YAML,
  constantcontactProjectYaml(),
  ...Object.values(BENCH_PROVIDERS).map((provider) => provider.plansYaml(2, new Set([1]))),
  ...Object.values(BENCH_PROVIDERS).map((provider) => provider.projectYaml()),
];

/** Edge cases by hand: empty documents, markers, roots that are not mappings, multi-line forms. */
const EDGE_CASES = [
  '',
  '\n',
  '---',
  '---\n',
  '--- \n',
  '...\n',
  '# only a comment\n',
  'a: 1',
  'a:',
  'a: 1\n...\n',
  'a: 1\n---\nb: 2\n',
  '- a',
  '[]',
  '{}\n',
  'plain',
  '"quoted"\n',
  ' a: 1\n b: 2\n',
  'a:\n  - 1\n  -\n',
  'a:\n- 1\n- 2\nb: 3\n',
  'a: [1, [2, {b: c}]]\n',
  'a: {b: [], c: {}}\n',
  'a: -0\nb: 0\nc: -0.0\n',
  'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n',
  '__proto__: 1\n',
  '"__proto__": {a: 1}\n',
  '0: a\n1: b\n',
  'b: 1\n2: x\n1: y\n',
  'a: "x"  # c\n',
  "a: 'x' y\n",
  'a: "x\n  y"\n',
  'a: b\n  c\n',
  'a: b\n c: d\n',
  'a:\n  b: 1\n c: 2\n',
  '- a: 1\n  b: 2\n- c: 3\n',
  '-   a: 1\n    b: 2\n',
  '- - a\n  - b\n',
  'a: 1\na: 2\n',
  "a: 1\n'a': 2\n",
  'a: {a: 1, a: 2}\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: |\n  text\n',
  'a:\tb\n',
  'a: b\r\nc: d\r\n',
  'a: 1 # c\n# end',
  'a: [1, 2,]\n',
  'a: [1, 2,,]\n',
  'a: {b: 1,}\n',
  'a: [b: 1]\n',
  'a: {b}\n',
  'a: {b: }\n',
  'a: [1, 2\n',
  'a: [1,\n  2]\n',
  'a : 1\n',
  'a:1\n',
  '? a\n: 1\n',
  '"a\\nb": 1\n',
  "'it''s': \"\\u00e9\\x41\\/\\e\\N\\ \"\n",
  '%YAML 1.2\n---\na: 1\n',
  '\ufeffa: 1\n',
];

// ---------------------------------------------------------------------------------------------------

describe('the fast YAML path agrees with the full parser', () => {
  it('on grammar-generated documents', () => {
    fc.assert(
      fc.property(
        yamlDocuments.map((doc) => doc.text),
        sampledContract(),
      ),
      { seed: 20_250_601, numRuns: 1200 },
    );
  });

  it('on documents with one to three single-character edits', () => {
    // Each edit is the kind of typo that turns a document the fast path reads into one it must
    // decline, or one the full parser reads differently: an indent, a quote, a colon, a tab.
    const base = fc.oneof(
      { weight: 4, arbitrary: documentArb('clean').map((doc) => renderDoc(doc).text) },
      { weight: 1, arbitrary: fc.constantFrom(...EDIT_BASES) },
    );
    const edited = fc
      .tuple(base, fc.array(editArb, { minLength: 1, maxLength: 3 }))
      .map(([text, edits]) => applyEdits(text, edits));
    fc.assert(fc.property(edited, sampledContract()), { seed: 20_250_602, numRuns: 2500 });
  });

  it('on keys near the 1024-character limit YAML puts on implicit keys', () => {
    // The full parser refuses a block mapping key whose `:` comes too far after its start; flow
    // mappings and values have no such limit. The generated documents never have keys this long.
    fc.assert(fc.property(longKeyDocuments, sampledContract()), { seed: 20_250_603, numRuns: 300 });
  });

  it.each(NESTING_SHAPES)('on a %s nested 100 deep', (shape) => {
    checkContract(nestedDocument(shape, 100));
  });

  it.each(NESTING_SHAPES)('by declining a %s nested deeper than the full parser reads', (shape) => {
    // The full parser runs out of stack near a depth of 1,000 (with Node's default stack) and reports
    // "the document is nested too deeply to read", so the fast path must decline such documents, and
    // must not run out of stack itself. The full parser is not called here: a second stack overflow
    // inside it in the same process can abort Node (a fatal out-of-memory in V8's RegExp compiler).
    // Block nesting grows as the square of the depth: 3,000 deep is 4.5 MB, near the 5 MB limit on
    // config files.
    const depths = shape.startsWith('block') ? [2_000, 3_000] : [2_000, 20_000];
    const answers = depths.map((depth) => {
      try {
        return { depth, answer: parseFastYaml(nestedDocument(shape, depth)) ? 'accepted' : 'declined' };
      } catch (error) {
        return { depth, answer: `threw ${String(error)}` };
      }
    });
    expect(answers).toEqual(depths.map((depth) => ({ depth, answer: 'declined' })));
  });

  it('on hand-picked edge cases', () => {
    for (const text of EDGE_CASES) checkContract(text);
  });

  const files = repoYamlFiles();
  it('finds the YAML files of the repository', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files.map((file) => relative(REPO_ROOT, file)))('on %s', (file) => {
    checkContract(readFileSync(join(REPO_ROOT, file), 'utf8'));
  });

  it.each(BENCH_FILES)('on $name, which it reads itself', ({ text }) => {
    // The bench inventories are what the fast path is for: declining them would cost the speed-up.
    expect(checkContract(text)).toBe(true);
  });

  it.each(FIXTURES)('on the test fixture $name', ({ name, text }) => {
    const accepted = checkContract(text);
    if (name === 'PLANS_YAML') expect(accepted).toBe(true);
  });
});

describe('the fast YAML path covers its subset', () => {
  it('reads at least 60% of the generated documents that stay inside it', () => {
    // Documents drawn from the fast path's subset (no anchors, tags, block scalars, hex or inexact
    // numbers, `__proto__`...) that the full parser reads without an issue. A fast path that declines
    // most of them is correct but useless; 60% leaves room for a conservative implementation.
    const docs = fc.sample(yamlDocuments, { seed: 20_250_601, numRuns: 1200 });
    const eligible = docs.filter((doc) => doc.clean && fullReadsCleanly(doc.text));
    const declined = eligible.filter((doc) => parseFastYaml(doc.text) === undefined);
    expect(eligible.length).toBeGreaterThan(300);
    const accepted = 1 - declined.length / eligible.length;
    const examples = declined
      .slice(0, 5)
      .map((doc) => JSON.stringify(doc.text))
      .join('\n');
    expect(
      accepted,
      `accepted ${eligible.length - declined.length} of ${eligible.length}; declined for example:\n${examples}`,
    ).toBeGreaterThanOrEqual(0.6);
  });
});
