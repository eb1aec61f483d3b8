// Picks the renderer for --format. Renderers return strings; this module only chooses.

import type { PlanDocument } from '../core/plan-file.js';
import { renderHuman } from '../render/human.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { UserError } from '../errors.js';

export const FORMATS = ['human', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UserError(`--format ${value}: expected one of ${FORMATS.join(', ')}`);
}

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
