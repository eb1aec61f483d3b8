// The Markdown rendering, sized for a pull-request comment: a summary line, one table per connection
// with a row per field change, then what is blocked and why. Returns a string.

import type { ConnectionPlan, Plan, PlanItem } from '../core/model.js';
import { IMPACT_LABEL, isBlocked, summarise, summaryLine } from './summary.js';
import { formatChange } from './values.js';

/** GitHub refuses comments over 65,536 characters; stay well below. */
export const MARKDOWN_LIMIT = 60_000;

const ACTION: Record<PlanItem['action'], string> = {
  create: '➕ create',
  update: '✏️ update',
  replace: '♻️ replace',
  retire: '🗄️ retire',
  blocked: '⛔ blocked',
  'no-op': 'no change',
};

export function renderMarkdown(plan: Plan): string {
  const summary = summarise(plan);
  const out = ['### plansync plan', '', `**${summaryLine(summary)}**`, ''];
  if (isBlocked(plan))
    out.push(
      '> **Blocked:** some changes cannot be applied as written; see below. Apply will refuse this plan.',
      '',
    );
  for (const connection of plan.connections) out.push(...renderConnection(connection));
  const text = out.join('\n');
  if (text.length <= MARKDOWN_LIMIT) return `${text}\n`;
  const cut = text.lastIndexOf('\n', MARKDOWN_LIMIT - 200);
  return `${text.slice(0, cut)}\n\n_… truncated to fit a comment: run \`plansync show\` on the saved plan for the rest._\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderConnection(connection: ConnectionPlan): string[] {
  const shard = connection.shard ? `, shard ${connection.shard.index}/${connection.shard.count}` : '';
  const out = [`#### ${connection.connection} (${connection.provider})${shard}`, ''];
  const items = connection.items.filter((item) => item.action !== 'no-op');
  if (items.length === 0) out.push('No changes.', '');
  else {
    out.push('| action | plan | field | change | reaches |', '| --- | --- | --- | --- | --- |');
    for (const item of items) out.push(...rows(item));
    out.push('');
  }
  const blocked = items.filter((item) => item.action === 'blocked');
  for (const item of blocked) {
    for (const blocker of item.blockers)
      out.push(`- ⛔ \`${item.key}\`: ${blocker.reason}. **Way out:** ${blocker.wayOut}`);
  }
  for (const blocker of connection.blockers)
    out.push(`- ⛔ safety gate: ${blocker.reason}. **Way out:** ${blocker.wayOut}`);
  // Notes of unchanged plans too: drift the API cannot fix is exactly what a reviewer must see.
  const notes = connection.items.flatMap((item) => item.notes.map((note) => `- \`${item.key}\`: ${note}`));
  if (blocked.length > 0 || connection.blockers.length > 0 || notes.length > 0) {
    out.push(...notes, '');
  }
  if (connection.unmanaged.length > 0) {
    out.push(
      `${connection.unmanaged.length} live plan(s) not declared in YAML, left alone: ${connection.unmanaged.join(', ')}.`,
      '',
    );
  }
  return out;
}

function rows(item: PlanItem): string[] {
  const plan = `\`${item.key}\`${item.id ? ` (${item.id})` : ''}`;
  const action = ACTION[item.action];
  const out = item.changes.map(
    (change) =>
      `| ${action} | ${plan} | \`${change.path}\` | ${cell(formatChange(change, item.action === 'create'))} | ${IMPACT_LABEL[change.impact]} |`,
  );
  for (const id of item.retires) {
    if (item.action !== 'retire')
      out.push(`| ${action} | ${plan} | | retire plan ${id} | new subscribers only |`);
  }
  if (out.length === 0) {
    out.push(
      `| ${action} | ${plan} | | ${item.action === 'retire' ? 'retire (no new subscriptions)' : ''} | ${item.impact ? IMPACT_LABEL[item.impact] : ''} |`,
    );
  }
  return out;
}
