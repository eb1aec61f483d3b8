// The JSON rendering: the saved-plan document itself plus a summary, stable for tools to read.

import type { PlanDocument } from '../core/plan-file.js';
import { summarise } from './summary.js';

export function renderJson(document: PlanDocument): string {
  return `${JSON.stringify({ ...document, summary: summarise(document.plan) }, null, 2)}\n`;
}
