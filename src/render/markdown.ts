// The Markdown rendering, for a pull-request comment. It leads with money: the summary line, what
// blocks the plan, every price as old → new with its percentage, then one line per change grouped by
// who it reaches (existing subscribers first), and the field-by-field tables folded in <details>.
// It never exceeds GitHub's comment limit: past a budget it stops at a whole entry and says what it
// left out and where the full plan is.

import type { ConnectionPlan, FieldChange, Plan, PlanItem } from '../core/model.js';
import { maxImpact, type Impact } from '../core/contract.js';
import { isMoney } from '../core/value.js';
import { IMPACT_LABEL, isBlocked, summarise, summaryLine } from './summary.js';
import { formatChange, formatValue, visibleForReview } from './values.js';

/** GitHub refuses comments over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** What the rendering may use, leaving room for a wrapper the CI script adds (a marker, a header). */
export const MARKDOWN_BUDGET = 60_000;

export interface MarkdownOptions {
  /** Where the full plan is, e.g. the saved plan file; named when the comment is truncated. */
  planFile?: string;
  /** Characters the output may take (default MARKDOWN_BUDGET). */
  budget?: number;
}

const ACTION: Record<PlanItem['action'], string> = {
  create: '➕ create',
  update: '✏️ update',
  replace: '♻️ replace',
  retire: '🗄️ retire',
  blocked: '⛔ blocked',
  'no-op': 'no change',
};

/** Who a change reaches, most serious first: the order of the grouped sections. */
const GROUPS: Array<{ impact: Impact; title: string }> = [
  { impact: 'existing-subscribers', title: 'Reaches existing subscribers' },
  { impact: 'irreversible', title: 'Irreversible' },
  { impact: 'new-subscribers', title: 'New subscribers only' },
  { impact: 'cosmetic', title: 'Cosmetic' },
];

/** A block of output: a heading, entries that may be cut between, and what closes it. */
interface Section {
  name: string;
  /** What one entry is, for the truncation notice (`prices`, `plans`); absent: say "part of". */
  unit?: string;
  head: string[];
  entries: string[];
  tail?: string[];
}

export function renderMarkdown(given: Plan, options: MarkdownOptions = {}): string {
  const plan = visibleForReview(given);
  const summary = summarise(plan);
  const sections: Section[] = [
    {
      name: 'summary',
      head: [`### plansync plan${environmentTag(plan)}`, '', `**${summaryLine(summary)}**`, ''],
      entries: [],
    },
    blockedSection(plan),
    pricesSection(plan),
    ...GROUPS.map(({ impact, title }) => groupSection(plan, impact, title)),
    detailsSection(plan),
  ].filter((section) => section.head.length > 0);
  return `${fit(sections, options)}\n`;
}

/**
 * ` · production` in every heading of a plan made for an environment, so a comment holding several
 * environments' plans never leaves a reader unsure which one a table is about.
 */
function environmentTag(plan: Plan): string {
  return plan.environment === undefined ? '' : ` · ${plan.environment}`;
}

const size = (lines: readonly string[]) => lines.reduce((sum, line) => sum + line.length + 1, 0);
/** Room kept for the truncation notice. */
const NOTICE_RESERVE = 800;

/**
 * Lays the sections out whole when they fit. Otherwise every section keeps its heading and gets a
 * fair share of the budget (what a small section does not use goes to the others), so a long price
 * table cannot crowd out the changes that reach existing subscribers. Cuts fall between entries.
 */
function fit(sections: Section[], options: MarkdownOptions): string {
  const budget = options.budget ?? MARKDOWN_BUDGET;
  const whole = sections.flatMap((s) => [...s.head, ...s.entries, ...(s.tail ?? [])]);
  if (size(whole) <= budget) return whole.join('\n').replace(/\n+$/, '');

  const want = sections.map((s) => size(s.entries));
  const cap = fairShares(
    want,
    budget - NOTICE_RESERVE - size(sections.flatMap((s) => [...s.head, ...(s.tail ?? [])])),
  );
  const out: string[] = [];
  const left: string[] = [];
  sections.forEach((section, index) => {
    out.push(...section.head);
    let used = 0;
    let shown = 0;
    for (const entry of section.entries) {
      if (used + entry.length + 1 > (cap[index] ?? 0)) break;
      out.push(entry);
      used += entry.length + 1;
      shown++;
    }
    out.push(...(section.tail ?? []));
    const omitted = section.entries.length - shown;
    if (omitted === 0) return;
    left.push(
      section.unit
        ? `${omitted.toLocaleString('en-US')} of ${section.entries.length.toLocaleString('en-US')} ${section.unit} under “${section.name}”`
        : `part of “${section.name}”`,
    );
  });
  const where = options.planFile
    ? `the saved plan \`${options.planFile}\` (\`plansync show ${options.planFile}\`)`
    : 'the JSON plan (`plansync plan --format json`, or save it with `--out` and run `plansync show`)';
  out.push(
    '',
    `> ✂️ **Truncated** to stay under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit. Left out: ${left.join('; ')}. The full plan is in ${where}.`,
  );
  return out.join('\n');
}

/** Splits `total` over wishes: equal shares, with what a small wish leaves over going to the rest. */
function fairShares(want: number[], total: number): number[] {
  const cap = want.map(() => 0);
  let free = Math.max(0, total);
  let open = want.flatMap((w, i) => (w > 0 ? [i] : []));
  while (open.length > 0 && free > 0) {
    const share = Math.floor(free / open.length);
    const small = open.filter((i) => (want[i] as number) - (cap[i] as number) <= share);
    if (small.length === 0) {
      for (const i of open) cap[i] = (cap[i] as number) + share;
      break;
    }
    for (const i of small) {
      free -= (want[i] as number) - (cap[i] as number);
      cap[i] = want[i] as number;
    }
    open = open.filter((i) => !small.includes(i));
  }
  return cap;
}

// ---------------------------------------------------------------------------------------------------

interface Located {
  connection: ConnectionPlan;
  item: PlanItem;
}

function changedItems(plan: Plan): Located[] {
  return plan.connections.flatMap((connection) =>
    connection.items.filter((item) => item.action !== 'no-op').map((item) => ({ connection, item })),
  );
}

const label = ({ connection, item }: Located) =>
  `\`${connection.connection}/${item.key}\`${item.id ? ` (plan ${item.id})` : ''}`;

function blockedSection(plan: Plan): Section {
  const entries: string[] = [];
  for (const connection of plan.connections) {
    for (const blocker of connection.blockers)
      entries.push(
        `> - \`${connection.connection}\` safety gate: ${blocker.reason}. **Way out:** ${blocker.wayOut}`,
      );
    for (const item of connection.items) {
      if (item.action !== 'blocked') continue;
      for (const blocker of item.blockers)
        entries.push(`> - ${label({ connection, item })}: ${blocker.reason}. **Way out:** ${blocker.wayOut}`);
    }
  }
  if (!isBlocked(plan)) return { name: 'blocked', head: [], entries: [] };
  return {
    name: 'Blocked',
    unit: 'reasons',
    head: ['> ⛔ **Blocked: apply will refuse this plan until these are resolved.**', '>'],
    entries,
    tail: [''],
  };
}

function isPrice(change: FieldChange): boolean {
  return (
    change.percent !== undefined ||
    change.currency !== undefined ||
    isMoney(change.before) ||
    isMoney(change.after)
  );
}

function pricesSection(plan: Plan): Section {
  const entries: string[] = [];
  for (const located of changedItems(plan)) {
    for (const change of located.item.changes.filter(isPrice)) {
      const old = change.before === undefined ? '—' : formatValue(change.before, change.currency);
      const now = change.after === undefined ? '—' : formatValue(change.after, change.currency);
      const percent =
        change.percent === undefined ? '' : `${change.percent > 0 ? '+' : ''}${change.percent}%`;
      entries.push(
        `| ${ACTION[located.item.action]} | ${label(located)} | \`${change.path}\` | ${cell(old)} | ${cell(now)} | ${percent} | ${IMPACT_LABEL[change.impact]} |`,
      );
    }
  }
  if (entries.length === 0) return { name: 'Prices', head: [], entries: [] };
  return {
    name: 'Prices',
    unit: 'prices',
    head: [
      `#### 💰 Prices (${entries.length})${environmentTag(plan)}`,
      '',
      '| action | plan | field | old | new | change | reaches |',
      '| --- | --- | --- | --- | --- | ---: | --- |',
    ],
    entries,
    tail: [''],
  };
}

function groupSection(plan: Plan, impact: Impact, title: string): Section {
  // Blocked items are listed with their reason above; they will not be applied.
  const items = changedItems(plan).filter(
    ({ item }) =>
      item.action !== 'blocked' &&
      (item.impact ?? maxImpact(item.changes.map((change) => change.impact)) ?? 'cosmetic') === impact,
  );
  if (items.length === 0) return { name: title, head: [], entries: [] };
  return {
    name: title,
    unit: 'plans',
    head: [`#### ${title} (${items.length})${environmentTag(plan)}`, ''],
    entries: items.map(itemLine),
    tail: [''],
  };
}

/** One line per item: what happens and the changes that matter, prices first. */
function itemLine(located: Located): string {
  const { item } = located;
  const head = `- ${ACTION[item.action]} ${label(located)}`;
  const changes = [...item.changes].sort((a, b) => Number(isPrice(b)) - Number(isPrice(a)));
  let what: string[];
  if (item.action === 'create') {
    what = ['new plan', ...changes.filter(isPrice).map((c) => `\`${c.path}\` ${formatChange(c, true)}`)];
  } else if (item.action === 'retire') {
    what = [
      item.impact === 'irreversible'
        ? 'deleted: cannot be undone'
        : 'no new subscriptions; existing ones keep billing',
    ];
  } else {
    what = changes.slice(0, 3).map((c) => `\`${c.path}\` ${shorten(formatChange(c))}`);
    if (changes.length > 3) what.push(`${changes.length - 3} more field(s)`);
  }
  for (const id of item.retires) if (item.action !== 'retire') what.push(`then retires plan ${id}`);
  return what.length > 0 ? `${head}: ${what.join('; ')}` : head;
}

function shorten(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function detailsSection(plan: Plan): Section {
  const entries: string[] = [];
  for (const connection of plan.connections) entries.push(...connectionDetails(connection, plan));
  if (entries.length === 0) return { name: 'Details', head: [], entries: [] };
  return {
    name: 'Details',
    head: ['<details><summary>Every field change, and notes for reviewers</summary>', ''],
    entries,
    tail: ['</details>'],
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function connectionDetails(connection: ConnectionPlan, plan: Plan): string[] {
  const shard = connection.shard ? `, shard ${connection.shard.index}/${connection.shard.count}` : '';
  const out = [`#### ${connection.connection} (${connection.provider})${shard}${environmentTag(plan)}`, ''];
  const items = connection.items.filter((item) => item.action !== 'no-op');
  if (items.length === 0) out.push('No changes.', '');
  else {
    out.push('| action | plan | field | change | reaches |', '| --- | --- | --- | --- | --- |');
    for (const item of items) out.push(...rows(item));
    out.push('');
  }
  // Notes of unchanged plans too: drift the API cannot fix is exactly what a reviewer must see.
  const notes = connection.items.flatMap((item) => item.notes.map((note) => `- \`${item.key}\`: ${note}`));
  if (notes.length > 0) out.push(...notes, '');
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
