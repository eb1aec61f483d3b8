// The document limits (src/config/yaml-nesting.ts) and the text and number refusals, on input built to
// break them: each refused at the first thing beyond the limit, located, with words that say which
// limit. The inputs are those of issue 15: 200,000 alias references, a 200,000-key flow mapping,
// both under the 5 MiB file limit, which once overflowed the stack or took minutes.

import { LineCounter, Parser } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../src/config/read-config-file.js';
import { cstLimitBreach, MAX_ALIASES, MAX_ENTRIES, MAX_NESTING } from '../../src/config/yaml-nesting.js';
import { parseYamlText } from '../../src/config/yaml-source.js';
import { formatIssue } from '../../src/errors.js';

const HUGE = 200_000;

function only(text: string): string {
  expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
  const { source, issues } = parseYamlText('big.yaml', text);
  expect(source).toBeUndefined();
  expect(issues).toHaveLength(1);
  return formatIssue(issues[0] as (typeof issues)[number]);
}

/** 1-based column of the n-th (0-based) occurrence of `needle` on a one-line text. */
function columnOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  return at + 1;
}

describe('document limits, checked before any data is built', () => {
  it(`refuses ${HUGE.toLocaleString('en-US')} alias references at the first beyond ${MAX_ALIASES}`, () => {
    const text = `a: &a x\nb: [${Array.from({ length: HUGE }, () => '*a').join(', ')}]\n`;

    const message = only(text);

    const column = columnOf(text.split('\n')[1] as string, '*a', MAX_ALIASES);
    expect(message).toBe(
      `big.yaml:2:${column}: more than 100 alias references (\`*name\`) in one file; refusing to read it (write the values out instead of referring to them with \`*alias\`)`,
    );
  });

  it('counts alias references in block style too', () => {
    const text = `a: &a x\nb:\n${'  - *a\n'.repeat(HUGE)}`;

    expect(only(text)).toMatch(/^big\.yaml:103:5: more than 100 alias references/);
  });

  it(`refuses a ${HUGE.toLocaleString('en-US')}-key flow mapping at key ${(MAX_ENTRIES + 1).toLocaleString('en-US')}`, () => {
    const line = `plans: {${Array.from({ length: HUGE }, (_, i) => `k${i}: 1`).join(', ')}}`;

    const message = only(`connection: bs\n${line}\n`);

    expect(message).toBe(
      `big.yaml:2:${line.indexOf(`k${MAX_ENTRIES}:`) + 1}: more than 20,000 keys in one mapping; refusing to read the file (plansync reads at most 20,000 keys per mapping; see "Inputs plansync refuses" in docs/security.md)`,
    );
  });

  it('refuses a block mapping and a list with one entry too many, and reads one at the limit', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: 1\n`).join('');
    const items = (n: number) => `list:\n${'  - 1\n'.repeat(n)}`;

    expect(only(keys(MAX_ENTRIES + 1))).toMatch(/^big\.yaml:20001:1: more than 20,000 keys in one mapping/);
    expect(only(items(MAX_ENTRIES + 1))).toMatch(/^big\.yaml:20002:5: more than 20,000 items in one list/);
    expect(parseYamlText('ok.yaml', keys(MAX_ENTRIES)).issues).toEqual([]);
    expect(parseYamlText('ok.yaml', items(MAX_ENTRIES)).issues).toEqual([]);
  });

  it('refuses deep nesting, located at the first collection too deep', () => {
    const text = `x: ${'['.repeat(100_000)}\n`;

    const message = only(text);

    expect(message).toMatch(
      /^big\.yaml:1:\d+: the document is nested more than 256 levels deep; refusing to read it /,
    );
    // At a bracket just beyond the limit (js-yaml, which stops first, counts levels a little differently).
    const column = Number(/^big\.yaml:1:(\d+)/.exec(message)?.[1]);
    expect(column).toBeGreaterThanOrEqual(3 + MAX_NESTING);
    expect(column).toBeLessThanOrEqual(3 + MAX_NESTING + 3);
  });

  it('checks the same limits on the yaml syntax tree, for text js-yaml does not read', () => {
    const tokens = (text: string) => Array.from(new Parser(new LineCounter().addNewLine).parse(text));
    const aliases = `a: &a x\nb: [${'*a, '.repeat(MAX_ALIASES)}*a]\n`;
    const keys = `{${Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `k${i}: 1`).join(', ')}}\n`;
    const items = `[${'1, '.repeat(MAX_ENTRIES)}1]\n`;

    expect(cstLimitBreach(tokens(aliases))).toEqual({ limit: 'aliases', offset: aliases.lastIndexOf('*a') });
    expect(cstLimitBreach(tokens(keys))).toEqual({ limit: 'keys', offset: keys.indexOf(`k${MAX_ENTRIES}:`) });
    expect(cstLimitBreach(tokens(items))).toEqual({ limit: 'items', offset: items.length - 3 });
    expect(cstLimitBreach(tokens(`a: &a x\nb: [${'*a, '.repeat(MAX_ALIASES - 1)}*a]\n`))).toBeUndefined();
  });
});

describe('a file with very many problems', () => {
  it('lists the first 1,000 and says how many more there are (190,000 refused numbers once overflowed the stack)', () => {
    const text = `x:\n${'  - [0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xa]\n'.repeat(19_000)}`;

    const { issues } = parseYamlText('many.yaml', text);

    expect(issues).toHaveLength(1_001);
    expect(formatIssue(issues[0] as (typeof issues)[number])).toMatch(
      /^many\.yaml:2:6: x\[0\]\[0\]: `0x1` is a hexadecimal number/,
    );
    expect(formatIssue(issues[1_000] as (typeof issues)[number])).toBe(
      'many.yaml: 189,000 more problems in this file, not listed (plansync lists the first 1,000 of a file; fix those and run again)',
    );
  });
});

describe('aliases, numbers and versions say what is wrong', () => {
  it('names an alias that is not defined, at the alias', () => {
    const { issues } = parseYamlText('a.yaml', 'plans:\n  gold:\n    name: *foo\n');

    expect(issues.map(formatIssue)).toEqual([
      'a.yaml:3:11: alias `*foo` is not defined: no anchor `&foo` comes before it (mark the value it stands for with `&foo` above this line, or write the value out)',
    ]);
  });

  it('names an alias used before its anchor as not defined', () => {
    const { issues } = parseYamlText('a.yaml', 'a: *x\nb: &x 1\n');

    expect(issues.map((issue) => issue.message)).toEqual([
      'alias `*x` is not defined: no anchor `&x` comes before it',
    ]);
  });
});

describe('text that would display other than it reads', () => {
  const refused = (text: string) => parseYamlText('t.yaml', text).issues.map(formatIssue);

  it('refuses a right-to-left override in a name, showing it escaped', () => {
    expect(refused('plans:\n  gold:\n    name: "Gold \\u202Eylhtnom"\n')).toEqual([
      't.yaml:3:11: plans.gold.name: the text contains `\\u202E` (RIGHT-TO-LEFT OVERRIDE, an invisible bidirectional control); refusing it, since the text would display differently from what it holds (remove the character; retype the text if you cannot see it)',
    ]);
  });

  it('refuses the override written raw, in plain style (the fast reader takes such files)', () => {
    expect(refused('plans:\n  gold:\n    name: Gold \u202Eylhtnom\n')).toEqual([
      expect.stringMatching(/^t\.yaml:3:11: plans\.gold\.name: the text contains `\\u202E`/),
    ]);
  });

  it.each([
    ['NUL', '\\0', '\\u0000'],
    ['ESC', '\\e', '\\u001B'],
    ['a C1 control', '\\x85', '\\u0085'],
    ['an isolate', '\\u2066', '\\u2066'],
    ['a left-to-right mark', '\\u200E', '\\u200E'],
  ])('refuses %s in a name', (_, written, shown) => {
    expect(refused(`name: "a${written}b"\n`)).toEqual([
      expect.stringContaining(`name: the text contains \`${shown}\``),
    ]);
  });

  it('refuses such characters in keys', () => {
    expect(refused('plans:\n  "go\\u202Eld": {}\n')).toEqual([
      expect.stringMatching(/^t\.yaml:2:3: plans\["go\\u202Eld"\]: the key contains `\\u202E`/),
    ]);
  });

  it('allows line breaks and tabs in a description only', () => {
    expect(refused('description: "two\\nlines\\tand a tab"\n')).toEqual([]);
    expect(refused('description: |\n  two\n  lines\n')).toEqual([]);
    expect(refused('name: "two\\nlines"\n')).toEqual([
      expect.stringContaining(
        'name: the text contains `\\u000A` (a line break, whitespace); refusing it, since the text would display differently from what it holds; only a `description` may run over several lines',
      ),
    ]);
  });

  it('leaves ordinary non-ASCII text alone', () => {
    expect(refused('name: "Café — plan für Teams 🚀 العربية"\n')).toEqual([]);
  });
});
