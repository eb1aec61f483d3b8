import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/config/yaml-source.js';
import { formatIssue } from '../../src/errors.js';

describe('reading a document keeps its places, not the document', () => {
  it('finds a duplicate key in a mapping large enough to be indexed', () => {
    const keys = Array.from({ length: 20 }, (_, at) => `k${at}: ${at}`);
    const text = `plans:\n${[...keys, 'k3: again'].map((line) => `  ${line}`).join('\n')}\n`;

    const result = parseYamlText('d.yaml', text);

    expect(result.issues.map(formatIssue)).toEqual([
      'd.yaml:22:3: plans.k3: duplicate key `k3`: it already appears earlier in the same mapping',
    ]);
  });

  it('locates every key of a large mapping', () => {
    const text = Array.from({ length: 50 }, (_, at) => `k${at}: v${at}`).join('\n');

    const source = parseYamlText('l.yaml', text).source;

    expect(source?.locate(['k0'], 'key')).toEqual({ file: 'l.yaml', line: 1, column: 1 });
    expect(source?.locate(['k49'], 'value')).toEqual({ file: 'l.yaml', line: 50, column: 6 });
  });

  it('follows an alias to the node it stands for', () => {
    const text = 'base: &base\n  currency: USD\n  amount: 5\nplan: *base\n';

    const source = parseYamlText('a.yaml', text).source;

    expect(source?.data).toEqual({
      base: { currency: 'USD', amount: 5 },
      plan: { currency: 'USD', amount: 5 },
    });
    expect(source?.locate(['plan', 'amount'], 'value')).toEqual({ file: 'a.yaml', line: 3, column: 11 });
    expect(source?.locate(['plan'], 'value')).toEqual({ file: 'a.yaml', line: 4, column: 7 });
  });

  it('points a quoted value at its opening quote', () => {
    const source = parseYamlText('q.yaml', 'a:\n  b: "x y"\n').source;

    expect(source?.locate(['a', 'b'], 'value')).toEqual({ file: 'q.yaml', line: 2, column: 6 });
  });

  it('leaves the process environment as it was', () => {
    const env = process.env;

    parseYamlText('e.yaml', 'a: 1\n');

    expect(process.env).toBe(env);
  });
});

describe('nesting, measured on the syntax tree', () => {
  it('counts a complex key as deep as a value', () => {
    const text = `? ${'['.repeat(300)}1${']'.repeat(300)}\n: x\n`;

    const { issues } = parseYamlText('k.yaml', text);

    expect(issues.map((issue) => issue.message)).toEqual([
      'the document is nested more than 256 levels deep; refusing to read it',
    ]);
  });

  it('reads a document exactly at the limit', () => {
    const text = `${'- '.repeat(256)}1\n`;

    const { issues } = parseYamlText('n.yaml', text);

    expect(issues).toEqual([]);
  });
});
