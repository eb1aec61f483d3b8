// The terminal rendering of a plan: a Terraform-like diff that a reviewer reads top to bottom.
// Returns a string; only the CLI prints. Colour only when asked (TTY and no NO_COLOR).

import { diffWords } from 'diff';
import { createColors } from 'picocolors';
import { formatLocation } from '../errors.js';
import type { ConnectionPlan, FieldChange, Plan, PlanItem } from '../core/model.js';
import { IMPACT_LABEL, summarise, summaryLine } from './summary.js';
import { visibleText } from '../core/visible-text.js';
import { formatChange, isLongText, visibleForReview } from './values.js';

export interface HumanOptions {
  color: boolean;
}

type Colors = ReturnType<typeof createColors>;

const SYMBOL: Record<PlanItem['action'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  retire: '-',
  blocked: '!',
  'no-op': '=',
};

export function renderHuman(given: Plan, options: HumanOptions): string {
  const plan = visibleForReview(given);
  const c = createColors(options.color);
  const out: string[] = [];
  const tag = plan.environment === undefined ? '' : ` · environment ${plan.environment}`;
  for (const connection of plan.connections) out.push(...renderConnection(connection, c, tag));
  const summary = summarise(plan);
  const changed = summary.create + summary.update + summary.replace + summary.retire;
  if (changed === 0 && summary.blocked === 0 && plan.connections.every((x) => x.blockers.length === 0)) {
    out.push(c.green('No changes. The live plans match the YAML.'));
  }
  out.push(
    c.bold(`Plan${plan.environment === undefined ? '' : ` (${plan.environment})`}: ${summaryLine(summary)}`),
  );
  return `${out.join('\n')}\n`;
}

function renderConnection(connection: ConnectionPlan, c: Colors, tag: string): string[] {
  const read = Object.keys(connection.fingerprints).length;
  const plans = `${read} live plan${read === 1 ? '' : 's'}`;
  const header = connection.shard
    ? `Connection ${connection.connection} (${connection.provider})${tag}, shard ${connection.shard.index}/${connection.shard.count}: ${plans} in this shard`
    : `Connection ${connection.connection} (${connection.provider})${tag}: ${plans} read`;
  const out = [c.bold(header), ''];
  for (const item of connection.items) {
    // An unchanged plan is shown only when it carries something to read: drift the API cannot fix,
    // or a pin to update.
    if (item.action === 'no-op' && item.notes.length === 0) continue;
    out.push(...renderItem(item, c), '');
  }
  if (connection.unmanaged.length > 0) {
    const n = connection.unmanaged.length;
    out.push(
      c.dim(
        `  ${n} live plan${n === 1 ? '' : 's'} not declared in YAML, left alone: ${connection.unmanaged.join(', ')}`,
      ),
      '',
    );
  }
  for (const blocker of connection.blockers) {
    out.push(c.red(`  ! safety gate: ${blocker.reason}`), `    way out: ${blocker.wayOut}`, '');
  }
  return out;
}

function colorFor(action: PlanItem['action'], c: Colors): (text: string) => string {
  switch (action) {
    case 'create':
      return c.green;
    case 'update':
      return c.yellow;
    case 'replace':
      return c.magenta;
    case 'retire':
    case 'blocked':
      return c.red;
    default:
      return (text) => text;
  }
}

function renderItem(item: PlanItem, c: Colors): string[] {
  const paint = colorFor(item.action, c);
  const target = item.id ? `  plan ${item.id}` : '';
  const impact = item.impact ? `  [${IMPACT_LABEL[item.impact]}]` : '';
  const where = item.location ? c.dim(`  (${formatLocation(item.location)})`) : '';
  const out = [
    `  ${paint(`${SYMBOL[item.action]} ${item.action === 'no-op' ? 'unchanged' : item.action} ${c.bold(item.key)}`)}${target}${impact}${where}`,
  ];

  const width = Math.max(0, ...item.changes.map((change) => change.path.length));
  for (const change of item.changes) out.push(...renderChange(change, item.action === 'create', width, c));
  for (const id of item.retires) {
    if (item.action !== 'retire') out.push(`      ${c.red('-')} retire plan ${id}`);
  }
  for (const blocker of item.blockers) {
    out.push(`      ${c.red('✗')} ${blocker.reason}`, `        way out: ${blocker.wayOut}`);
  }
  for (const note of item.notes) out.push(c.dim(`      · ${note}`));
  return out;
}

/** Name the dedicated request a change goes through (e.g. update-pricing-schemes). */
function viaLabel(change: FieldChange, c: Colors): string {
  return ['in-place', 'create', 'replace', 'blocked'].includes(change.via)
    ? ''
    : c.dim(`  via ${change.via}`);
}

function renderChange(change: FieldChange, create: boolean, width: number, c: Colors): string[] {
  const label = change.path.padEnd(width);
  const reach = create ? '' : c.dim(`  ${IMPACT_LABEL[change.impact]}`);
  if (!create && isLongText(change)) {
    const parts = diffWords(String(change.before), String(change.after)).map((part) => {
      const text = visibleText(part.value);
      if (part.added) return c.green(`{+${text}+}`);
      if (part.removed) return c.red(`[-${text}-]`);
      return text;
    });
    return [`      ${label}  ${parts.join('')}${reach}`];
  }
  return [`      ${label}  ${formatChange(change, create)}${reach}${viaLabel(change, c)}`];
}
