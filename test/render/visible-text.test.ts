// Live values are not checked like YAML: a provider may return a plan name holding a bidirectional
// override or a control character. Every renderer a reviewer reads writes such characters as escapes,
// so the name on screen and in the PR comment is the name that is there.

import { describe, expect, it } from 'vitest';
import { driftOf } from '../../src/core/drift.js';
import { plan } from '../../src/core/planner.js';
import type { Plan } from '../../src/core/model.js';
import { bluesnap } from '../../src/providers/bluesnap/index.js';
import { renderDrift } from '../../src/render/drift.js';
import { renderHuman } from '../../src/render/human.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { GOLD, desired, live } from '../support/fixtures.js';

// "Gold" followed by a right-to-left override: a terminal shows what follows reversed.
const SPOOFED = 'Gold \u202Eylhtnom\u202C';
const CONTROL = 'Silver\u0000\u001b[2J';
const BIDI_OR_CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function spoofedPlan(): Plan {
  const connection = plan({
    contract: bluesnap.contract,
    desired: [
      desired('gold', { ...GOLD, name: 'Gold monthly' }, { id: '100' }),
      desired('silver', { ...GOLD, name: 'Silver' }, { id: '101' }),
      desired('team', { ...GOLD, name: 'Team' }),
    ],
    live: [
      live('100', { ...GOLD, name: SPOOFED }),
      live('101', { ...GOLD, name: CONTROL }),
      live('102\u2067', { ...GOLD, name: 'Legacy' }),
    ],
    options: { connection: 'bluesnap-main', provider: 'bluesnap', prune: false, describe: bluesnap.describe },
  });
  return { formatVersion: 1, connections: [connection] };
}

describe('renderers escape control and bidirectional characters from live data', () => {
  it('human output (plain and coloured) shows \\u202E, not the character', () => {
    for (const color of [false, true]) {
      const out = renderHuman(spoofedPlan(), { color });
      // Colour codes are ESC sequences; everything else must be free of the characters.
      // eslint-disable-next-line no-control-regex
      const withoutColour = out.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutColour).not.toMatch(BIDI_OR_CONTROL);
      expect(withoutColour).toContain('\\u202E');
      expect(withoutColour).toContain('\\u0000');
      expect(withoutColour).toContain('\\u2067');
    }
  });

  it('the Markdown PR comment shows \\u202E, not the character', () => {
    const out = renderMarkdown(spoofedPlan());

    expect(out).not.toMatch(BIDI_OR_CONTROL);
    expect(out).toContain('\\u202E');
    expect(out).toMatch(/\\u001b/i);
  });

  it('the drift view escapes them too', () => {
    const out = renderDrift(driftOf(spoofedPlan()));

    expect(out).not.toMatch(BIDI_OR_CONTROL);
    expect(out).toContain('\\u202E');
    expect(out).toContain('\\u2067');
  });

  it('leaves ordinary text alone', () => {
    const out = renderHuman(spoofedPlan(), { color: false });

    expect(out).toContain('"Gold monthly"');
    expect(renderMarkdown(spoofedPlan())).toContain('Gold monthly');
  });
});
