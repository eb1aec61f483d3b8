// The published plan schema accepts what plansync writes and refuses what it would not.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planSchemaProblems } from '../../src/config/plan-schema.js';

// Loosely typed on purpose: the tests break the document in ways its type forbids.
type Doc = {
  [key: string]: unknown;
  plan: { connections: Array<{ items: Array<Record<string, unknown>> }> };
};

const golden = () => JSON.parse(readFileSync(new URL('../golden/plan.json', import.meta.url), 'utf8')) as Doc;

describe('plan.v1.schema.json', () => {
  it('accepts the golden plan, which holds every action kind', () => {
    expect(planSchemaProblems(golden())).toEqual([]);
  });

  it.each<[string, (d: Doc) => unknown, string]>([
    [
      'an unknown action',
      (d: Doc) => (d.plan.connections[0]!.items[0]!.action = 'delete'),
      '/plan/connections/0/items/0/action',
    ],
    ['a missing key', (d: Doc) => delete d.plan.connections[0]!.items[0]!.key, '/plan/connections/0/items/0'],
    ['an unknown top-level field', (d: Doc) => (d.extra = 1), '/'],
    ['a malformed checksum', (d: Doc) => (d.checksum = 'md5:abc'), '/checksum'],
    ['a future format version', (d: Doc) => (d.formatVersion = 2), '/formatVersion'],
    [
      'an unknown impact',
      (d: Doc) => (d.plan.connections[0]!.items[0]!.impact = 'mild'),
      '/plan/connections/0/items/0/impact',
    ],
  ])('refuses %s, naming where', (_label, mutate, where) => {
    const document = golden();
    mutate(document);

    const problems = planSchemaProblems(document);

    expect(
      problems.some((p) => p.startsWith(`${where}:`)),
      problems.join('\n'),
    ).toBe(true);
  });
});
