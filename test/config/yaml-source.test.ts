import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../src/config/read-config-file.js';
import { parseYamlSource, parseYamlText } from '../../src/config/yaml-source.js';
import { formatIssue } from '../../src/errors.js';
import { loadErrors, loadIssues, PLANS_YAML, projectWithPlans, removeProjects } from './helpers.js';

afterAll(removeProjects);

describe('YAML problems found while loading', () => {
  it('locates a syntax error', async () => {
    const root = await projectWithPlans(PLANS_YAML.replace('name: Basic Monthly', 'name: Basic: Monthly'));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:5:11: YAML syntax error: Nested mappings are not allowed in compact mappings (a value containing ": " must be in quotes)',
    ]);
  });

  it('rejects a duplicate key at the second occurrence, with its path', async () => {
    const root = await projectWithPlans(`${PLANS_YAML}    currency: EUR\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:10:5: plans.basic-monthly.currency: duplicate key `currency`: it already appears earlier in the same mapping',
    ]);
  });

  it('refuses an alias bomb', async () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const root = await projectWithPlans(`${levels.join('\n')}\n`);

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe(
      'aliases expand too much (they would add more than 100 nodes); refusing to load the file',
    );
    expect(issue?.location).toEqual({ file: 'plans/bluesnap.yaml', line: 2, column: 8 });
  });

  it('locates the first byte that is not UTF-8', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('connection: bluesnap-sandbox\nplans:\n  caf'),
      Buffer.from([0xe9]),
      Buffer.from(': {}\n'),
    ]);
    const root = await projectWithPlans(latin1);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:3:6: file is not valid UTF-8: byte 0xE9 at offset 41 (save the file as UTF-8)',
    ]);
  });

  it('refuses a file over the size limit without parsing it', async () => {
    const root = await projectWithPlans(`${PLANS_YAML}# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml: file is too large (5.0 MiB); plansync reads config files up to 5.0 MiB (split the plans over several files, or check that this is the right file)',
    ]);
  });

  it('asks to quote a number a float would round', async () => {
    const root = await projectWithPlans(PLANS_YAML.replace('9.99', '12345678901234567.89'));

    const errors = await loadErrors(root);

    expect(errors).toEqual([
      'plans/bluesnap.yaml:6:28: plans.basic-monthly.recurringChargeAmount: this number has more digits than can be read exactly and would be rounded (write it in quotes, e.g. "12345678901234567.89", to keep it exact)',
    ]);
  });

  it('rejects more than one document in a file', async () => {
    const root = await projectWithPlans(`${PLANS_YAML}---\nconnection: other\n`);

    const [issue] = await loadIssues(root);

    expect(issue?.message).toBe('the file holds more than one YAML document (`---`); use one per file');
  });
});

describe('parseYamlText', () => {
  it('keeps decimal numbers that read exactly, whatever their notation', () => {
    const text = 'a: 19.90\nb: 1e3\nd: -0.5\ne: 9007199254740991\n';

    const result = parseYamlText('n.yaml', text);

    expect(result.issues).toEqual([]);
    expect(result.source?.data).toEqual({ a: 19.9, b: 1000, d: -0.5, e: 9007199254740991 });
  });

  it('refuses hex and octal numbers, naming the decimal to write', () => {
    const result = parseYamlText('n.yaml', 'a: 1\nb: 0x1F\nc: 0o17\n');

    expect(result.issues.map(formatIssue)).toEqual([
      'n.yaml:2:4: b: `0x1F` is a hexadecimal number; plansync reads numbers in decimal only (write it as a decimal: 31)',
      'n.yaml:3:4: c: `0o17` is an octal number; plansync reads numbers in decimal only (write it as a decimal: 15)',
    ]);
  });

  it('says a number beyond range is out of range, not that it is empty', () => {
    const result = parseYamlText('n.yaml', 'a: 1e400\nb: .nan\n');

    expect(result.issues.map(formatIssue)).toEqual([
      'n.yaml:1:4: a: `1e400` is out of range: too large to be a number (it would read as infinity)',
      'n.yaml:2:4: b: `.nan` is not a finite number',
    ]);
  });

  it('rejects an integer beyond 2^53', () => {
    const result = parseYamlText('n.yaml', 'planId: 9007199254740993\n');

    expect(result.issues.map(formatIssue)).toEqual([
      'n.yaml:1:9: planId: this number has more digits than can be read exactly and would be rounded (write it in quotes, e.g. "12345678901234567.89", to keep it exact)',
    ]);
  });

  it('rejects infinities', () => {
    const result = parseYamlText('n.yaml', 'amount: .inf\n');

    expect(result.issues.map(formatIssue)).toEqual(['n.yaml:1:9: amount: `.inf` is not a finite number']);
  });

  it('reports an unknown tag', () => {
    const result = parseYamlText('t.yaml', 'when: !date 2024-01-01\n');

    expect(result.issues[0]?.location).toEqual({ file: 't.yaml', line: 1, column: 7 });
  });

  it('reads keys as text, so a numeric plan key stays as written', () => {
    const result = parseYamlText('k.yaml', '1.0: a\n');

    expect(result.source?.data).toEqual({ '1.0': 'a' });
  });

  it('refuses a list used as a key', () => {
    const result = parseYamlText('k.yaml', '[a, b]: c\n');

    expect(result.issues.map((issue) => issue.message)).toEqual([
      'keys must be plain text, not lists or mappings',
    ]);
  });

  it('drops a byte order mark', () => {
    const result = parseYamlSource('b.yaml', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('a: 1\n')]));

    expect(result.source?.data).toEqual({ a: 1 });
  });
});

describe('nesting', () => {
  const flow = (depth: number) => `x: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  const blockMaps = (depth: number) =>
    Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n') + ' 1\n';
  const blockSeqs = (depth: number) => `${'- '.repeat(depth)}1\n`;

  it.each([
    ['flow', flow(1000)],
    ['block mappings', blockMaps(1000)],
    ['block sequences', blockSeqs(1000)],
    ['flow, deeper', flow(3000)],
  ])('refuses %s nested beyond the limit unread, one document after another', (_, text) => {
    // The yaml package overflows its stack near 785 levels, after which the next parse in the same
    // process could kill it (V8's "RegExpCompiler Allocation failed"): these run one after another.
    const { issues } = parseYamlText('deep.yaml', text);

    expect(issues.map(formatIssue)).toEqual([
      expect.stringMatching(
        /^deep\.yaml:\d+:\d+: the document is nested more than 256 levels deep; refusing to read it \(/,
      ),
    ]);
  });

  it('reads nesting under the limit, and brackets and quotes inside plain text do not count', () => {
    const plain = Array.from({ length: 400 }, (_, at) => `k${at}: it's [open { too - x`).join('\n');

    expect(parseYamlText('a.yaml', flow(200)).issues).toEqual([]);
    expect(parseYamlText('b.yaml', blockMaps(200)).issues).toEqual([]);
    expect(parseYamlText('c.yaml', plain).issues).toEqual([]);
  });
});

describe('locate', () => {
  const text = `connections:
  main:
    limits:
      concurrency: 40
    prune:
    tags: [a, b]
`;
  const source = parseYamlText('p.yaml', text).source;

  it('points a value error at the value', () => {
    const location = source?.locate(['connections', 'main', 'limits', 'concurrency'], 'value');

    expect(location).toEqual({ file: 'p.yaml', line: 4, column: 20 });
  });

  it('points an unknown key at the key', () => {
    const location = source?.locate(['connections', 'main', 'limits', 'concurrency'], 'key');

    expect(location).toEqual({ file: 'p.yaml', line: 4, column: 7 });
  });

  it('points a missing key at the mapping that should hold it', () => {
    const location = source?.locate(['connections', 'main', 'limits', 'retries'], 'value');

    expect(location).toEqual({ file: 'p.yaml', line: 3, column: 5 });
  });

  it('points an empty value at its key', () => {
    const location = source?.locate(['connections', 'main', 'prune'], 'value');

    expect(location).toEqual({ file: 'p.yaml', line: 5, column: 5 });
  });

  it('points into lists by index', () => {
    const location = source?.locate(['connections', 'main', 'tags', 1], 'value');

    expect(location).toEqual({ file: 'p.yaml', line: 6, column: 15 });
  });
});
