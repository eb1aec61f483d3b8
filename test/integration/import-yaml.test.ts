// The text edit behind `plansync import` into an existing file: new plans go after the last plan
// (and the comments indented under it), in the file's own indentation, and nothing else moves.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendPlans, newPlansFile } from '../../src/engine/import-yaml.js';
import { slug } from '../../src/engine/import.js';
import { amountValue } from '../../src/providers/import-kit.js';

const silver = {
  key: 'silver',
  spec: {
    planId: 7,
    name: 'Silver',
    recurringChargeAmount: amountValue('9.9', 'USD'),
    cycles: [{ tenure_type: 'TRIAL', frequency: { interval_unit: 'MONTH', interval_count: 1 } }],
  },
  comments: { recurringChargeAmount: 'fixed at creation', cycles: 'fixed' },
  notes: ['billing_status: Open (read-only)'],
};

const SILVER_AT_2 = [
  '  silver:',
  '    planId: 7',
  '    name: Silver',
  '    recurringChargeAmount: 9.90 # fixed at creation',
  '    cycles: # fixed',
  '      - tenure_type: TRIAL',
  '        frequency: { interval_unit: MONTH, interval_count: 1 }',
  '    # billing_status: Open (read-only)',
].join('\n');

describe('appendPlans', () => {
  it('adds after the last plan and its indented comments, before the comments that follow plans', () => {
    const text = `# head\nconnection: bs\nplans:\n  # The plan\n  gold:   # odd spacing\n    name: "Gold" # c\n    # trailing in gold\n\n# end comment\n`;

    const out = appendPlans(text, [silver], 'Imported.');

    expect(out).toBe(
      `# head\nconnection: bs\nplans:\n  # The plan\n  gold:   # odd spacing\n    name: "Gold" # c\n    # trailing in gold\n  # Imported.\n${SILVER_AT_2}\n\n# end comment\n`,
    );
  });

  it('follows the file’s indentation', () => {
    const text = 'plans:\n    gold:\n        name: x\nconnection: bs\n';

    const out = appendPlans(text, [silver]);

    expect(out.startsWith('plans:\n    gold:\n        name: x\n    silver:\n        planId: 7\n')).toBe(true);
    expect(out.endsWith('connection: bs\n')).toBe(true);
    expect(parse(out)).toMatchObject({ plans: { gold: { name: 'x' }, silver: { planId: 7 } } });
  });

  it('fills an empty `plans: {}` or `plans:` in place', () => {
    expect(appendPlans('connection: bs\nplans: {}\n# end\n', [silver])).toBe(
      `connection: bs\nplans:\n${SILVER_AT_2}\n# end\n`,
    );
    expect(appendPlans('connection: bs\nplans:\n', [silver])).toBe(
      `connection: bs\nplans:\n${SILVER_AT_2}\n`,
    );
  });

  it('handles a file without a final newline', () => {
    const out = appendPlans('connection: bs\nplans:\n  gold:\n    name: x', [silver]);

    expect(out).toBe(`connection: bs\nplans:\n  gold:\n    name: x\n${SILVER_AT_2}\n`);
  });

  it('returns the text unchanged when there is nothing to add', () => {
    const text = 'connection: bs\nplans:\n  gold:   {name: x}\n';

    expect(appendPlans(text, [])).toBe(text);
  });
});

describe('newPlansFile', () => {
  it('writes the header, the connection and the plans', () => {
    expect(newPlansFile(['Written by `plansync import`.'], 'bs', [silver])).toBe(
      `# Written by \`plansync import\`.\n\nconnection: bs\nplans:\n${SILVER_AT_2}\n`,
    );
  });
});

describe('slug', () => {
  it.each([
    ['Pro Monthly (EU)', 'pro-monthly-eu'],
    ['Café Crème', 'cafe-creme'],
    ['--', ''],
    ['x'.repeat(80), 'x'.repeat(64)],
  ])('%s → %s', (name, key) => {
    expect(slug(name)).toBe(key);
  });
});
