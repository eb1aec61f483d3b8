// The Markdown plan stays under GitHub's comment limit however large the plan, stops at whole
// entries, closes what it opened, and says what it left out and where the full plan is.

import { describe, expect, it } from 'vitest';
import { plan } from '../../src/core/planner.js';
import type { Plan } from '../../src/core/model.js';
import { bluesnap } from '../../src/providers/bluesnap/index.js';
import { renderPlan } from '../../src/cli/render-plan.js';
import { toPlanDocument } from '../../src/core/plan-file.js';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../src/render/markdown.js';
import { GOLD, desired, live } from '../support/fixtures.js';

/** `n` plans, each with a price-relevant update (grace period) and a new name: 2n field changes. */
function bigPlan(n: number): Plan {
  const connection = plan({
    contract: bluesnap.contract,
    desired: Array.from({ length: n }, (_, i) =>
      desired(
        `plan-${i}`,
        { ...GOLD, name: `Plan number ${i} renamed`, gracePeriodDays: 9 },
        { id: String(1000 + i) },
      ),
    ),
    live: Array.from({ length: n }, (_, i) =>
      live(String(1000 + i), { ...GOLD, name: `Plan number ${i}`, gracePeriodDays: 3 }),
    ),
    options: { connection: 'bs', provider: 'bluesnap', prune: false, describe: bluesnap.describe },
  });
  return { formatVersion: 1, connections: [connection] };
}

/** The 5,000-plan plan, computed once: the two tests below render it differently. */
let thousands: Plan | undefined;
const fiveThousand = (): Plan => (thousands ??= bigPlan(5000));

describe('markdown size budget', () => {
  it('renders 5,000 changed plans under 65,536 characters and names what it left out', () => {
    const text = renderMarkdown(fiveThousand(), { planFile: 'plan.json' });

    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(text).toContain(
      '**0 to create, 5000 to update, 0 to replace, 0 to retire; 0 unchanged, 0 unmanaged.**',
    );
    expect(text).toMatch(
      /> ✂️ \*\*Truncated\*\* to stay under GitHub's 65,536-character comment limit\. Left out: [\d,]+ of 5,000 plans under “Reaches existing subscribers”; part of “Details”\. The full plan is in the saved plan `plan\.json` \(`plansync show plan\.json`\)\.\n$/,
    );
    const listed = text.match(/^- ✏️ update `bs\/plan-\d+`/gm) ?? [];
    const omitted = Number(/Left out: ([\d,]+) of/.exec(text)?.[1]?.replace(/,/g, ''));
    expect(listed.length + omitted).toBe(5000);
    // Every section keeps its heading, and the details are closed.
    expect(text).toContain('#### Reaches existing subscribers (5000)');
    expect(text).toContain('</details>');
  });

  it("gives each environment its share, so one comment holds every environment's plan", () => {
    const perEnvironment = (environment: string) =>
      renderPlan(
        toPlanDocument({ ...fiveThousand(), environment }, { generator: 'test', createdAt: '' }),
        'markdown',
        false,
        `plan-${environment}.json`,
        2,
      );
    const comment = `${perEnvironment('sandbox')}\n---\n\n${perEnvironment('production')}`;

    expect(comment.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(comment).toContain('### plansync plan · production');
    expect(comment).toContain('#### Reaches existing subscribers (5000) · production');
  });

  it('points to the JSON plan when there is no saved plan file', () => {
    const text = renderMarkdown(fiveThousand());

    expect(text).toContain('The full plan is in the JSON plan (`plansync plan --format json`');
  });

  it('closes <details> when the cut falls inside it', () => {
    const small = bigPlan(40);
    const whole = renderMarkdown(small);
    const cut = renderMarkdown(small, { budget: whole.length - 200 });

    expect(whole).not.toContain('Truncated');
    expect(cut).toContain('<details>');
    expect(cut).toMatch(/<\/details>\n\n> ✂️ \*\*Truncated\*\*.*Left out: .*part of “Details”\./);
    expect(cut.length).toBeLessThanOrEqual(whole.length - 200);
  });

  it('renders a small plan whole, with no truncation notice', () => {
    const text = renderMarkdown(bigPlan(3));

    expect(text).not.toContain('Truncated');
    expect(text.match(/^- ✏️ update/gm)).toHaveLength(3);
    expect(text).toContain('</details>');
  });
});
