import { describe, expect, it } from 'vitest';
import { parseJson, parseTarget } from '../../../src/sandbox/kit/index.js';

describe('parseJson', () => {
  it('reports malformed JSON instead of throwing', () => {
    const result = parseJson('{"name": ');

    expect(result.kind).toBe('invalid');
  });

  it('treats a blank body as empty', () => {
    const result = parseJson('  \n');

    expect(result).toEqual({ kind: 'empty' });
  });
});

describe('parseTarget', () => {
  it('splits path and query', () => {
    const target = parseTarget('/plans?pagesize=5&after=10');

    expect(target).toEqual({
      path: '/plans',
      query: { pagesize: '5', after: '10' },
      search: 'pagesize=5&after=10',
    });
  });

  it('keeps every value of a repeated key in the raw search string', () => {
    const target = parseTarget('/v1/products?ids[]=a&ids[]=b');

    expect(target.search).toBe('ids[]=a&ids[]=b');
  });

  it('keeps a path that starts with two slashes as a path', () => {
    const target = parseTarget('//services/2/plans');

    expect(target.path).toBe('//services/2/plans');
  });
});
