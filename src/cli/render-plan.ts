// Picks the renderer for --format. Renderers return strings; this module only chooses.

import type { PlanDocument } from '../core/plan-file.js';
import { renderHuman } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { MARKDOWN_BUDGET, renderMarkdown } from '../render/markdown.js';
import type { Format } from './formats.js';

export { type Format } from './formats.js';

export function renderPlan(
  document: PlanDocument,
  format: Format,
  color: boolean,
  /** The saved plan's path, which a truncated Markdown comment points to. */
  planFile?: string,
  /**
   * How many plans share one comment: in a project with environments, every environment's plan
   * goes into one pull-request comment, so each Markdown plan gets its share of the budget.
   */
  sharedBy = 1,
): string {
  switch (format) {
    case 'json':
      return renderJson(document);
    case 'markdown':
      return renderMarkdown(document.plan, {
        ...(planFile ? { planFile } : {}),
        ...(sharedBy > 1 && { budget: Math.floor(MARKDOWN_BUDGET / sharedBy) }),
      });
    case 'human':
      return renderHuman(document.plan, { color });
  }
}
