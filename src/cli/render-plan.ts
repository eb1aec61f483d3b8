// Picks the renderer for --format. Renderers return strings; this module only chooses.

import type { PlanDocument } from '../core/plan-file.js';
import { renderHuman } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Format } from './formats.js';

export { type Format } from './formats.js';

export function renderPlan(
  document: PlanDocument,
  format: Format,
  color: boolean,
  /** The saved plan's path, which a truncated Markdown comment points to. */
  planFile?: string,
): string {
  switch (format) {
    case 'json':
      return renderJson(document);
    case 'markdown':
      return renderMarkdown(document.plan, planFile ? { planFile } : {});
    case 'human':
      return renderHuman(document.plan, { color });
  }
}
