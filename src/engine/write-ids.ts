// `apply --write-ids`: after an apply that created plans, pin each new id in the YAML that declares
// the plan, so the next run matches it by id rather than by name. Edits go through the `yaml`
// document API, so comments, ordering and quoting stay as the author wrote them; each file is
// written whole to a temporary file and renamed over the original.
//
// In a project with environments a live id belongs to one account, so it is pinned in the plan's
// `environments.<env>` slot, never on the plan itself: a top-level id would be read by every
// environment, and the other accounts have no plan with that id.

import { ENVIRONMENTS_KEY } from '../config/environments.js';
import { MAX_CONFIG_BYTES } from '../config/read-config-file.js';
import { FileRefused, projectJail, readFileSafely, writeFileSafely } from '../config/safe-file.js';
import { join } from 'node:path';
import { isMap, isPair, isScalar, parseDocument, Scalar, visit, type Document, type YAMLMap } from 'yaml';
import type { DocPath } from '../config/paths.js';
import type { Plan } from '../core/model.js';
import type { OperationResult } from './apply.js';
import type { Session } from './session.js';

export interface PinnedId {
  file: string;
  key: string;
  field: string;
  id: string;
  /** The id the YAML pinned before (a replacement's old plan), if any. */
  previous?: string;
  /** The project environment whose slot holds the id (`plans.<key>.environments.<env>.<field>`). */
  environment?: string;
  /** The mapping that holds the id when it is not `plans.<key>` (a price under its Stripe product). */
  at?: DocPath;
}

/** An id that could not be pinned, and why (the plan's key vanished from the file, say). */
export type UnwrittenId = PinnedId & { reason: string };

export interface WriteIdsReport {
  pinned: PinnedId[];
  /** Ids that could not be written; the CLI asks the user to pin them by hand. */
  unwritten: UnwrittenId[];
}

/** Pins every id a create or replacement made, grouped into one write per file. */
export async function writeCreatedIds(
  session: Session,
  plan: Plan,
  results: readonly OperationResult[],
): Promise<WriteIdsReport> {
  const report: WriteIdsReport = { pinned: [], unwritten: [] };
  const environment = session.project.environment?.name;
  const byFile = new Map<string, PinnedId[]>();
  const items = new Map(
    plan.connections.flatMap((c) => c.items.map((item) => [`${c.connection}\0${item.key}`, item] as const)),
  );
  // Where a plan's id goes when not on `plans.<key>`, looked up once per created id (10,000 creates
  // searching 10,000 plans each would be a hundred million comparisons).
  const pinAts = new Map(
    session.connections.flatMap((c) =>
      c.plansFile.plans.flatMap((source) =>
        source.pinAt === undefined ? [] : [[`${c.config.name}\0${source.key}`, source.pinAt] as const],
      ),
    ),
  );
  for (const result of results) {
    if (result.createdId === undefined) continue;
    const connection = session.connections.find((c) => c.config.name === result.connection);
    const item = items.get(`${result.connection}\0${result.key}`);
    if (!connection || !item?.location) continue;
    const pinAt = pinAts.get(`${result.connection}\0${result.key}`);
    // The provider named this object's id from the YAML itself: nothing to pin. A part of a split
    // entry (a Stripe price) lives inside its entry, which an environment's overlay replaces whole:
    // there it is matched by its natural key in each environment instead (docs/environments.md).
    if (pinAt === null || (pinAt !== undefined && environment !== undefined)) continue;
    const pin: PinnedId = {
      file: item.location.file,
      key: result.key,
      field: connection.provider.contract.identity.idField,
      id: result.createdId,
      ...(pinAt !== undefined && { at: pinAt }),
      ...(environment !== undefined && { environment }),
    };
    byFile.set(pin.file, [...(byFile.get(pin.file) ?? []), pin]);
  }

  // The plans files were read under the project's jail; they are read and written again under it.
  const jail = await projectJail(session.project.root);
  for (const [file, pins] of byFile) {
    const path = join(session.project.root, file);
    const read = await readFileSafely(jail, path, MAX_CONFIG_BYTES);
    if (read.kind !== 'read') {
      const why = read.kind === 'refused' ? read.reason : read.kind === 'missing' ? 'ENOENT' : 'too large';
      const reason = `cannot read ${file}: ${why}`;
      report.unwritten.push(...pins.map((pin) => ({ ...pin, reason })));
      continue;
    }
    const text = read.bytes.toString('utf8');
    const document = parseDocument(text, { keepSourceTokens: true });
    for (const pin of pins) {
      const node = document.getIn(pin.at ?? ['plans', pin.key], true);
      if (!isMap(node)) {
        const where = pin.at ? pin.at.join('.') : `plan \`${pin.key}\``;
        report.unwritten.push({ ...pin, reason: `${where} is no longer a mapping in ${file}` });
        continue;
      }
      const set =
        pin.environment === undefined
          ? { previous: setFirst(document, node, pin.field, yamlId(pin.id)) }
          : setInEnvironment(document, node, pin.environment, pin.field, yamlId(pin.id));
      if ('reason' in set) {
        report.unwritten.push({ ...pin, reason: set.reason });
        continue;
      }
      const { previous } = set;
      report.pinned.push({ ...pin, ...(previous !== undefined ? { previous } : {}) });
    }
    if (report.pinned.some((pin) => pin.file === file)) {
      keepKeyLineComments(document, text);
      try {
        const out = keepTrailingComment(document, text, document.toString({ lineWidth: 0 }));
        await writeFileSafely(jail, path, file, out);
      } catch (error) {
        const code = error instanceof FileRefused ? error.reason : (error as NodeJS.ErrnoException).code;
        if (code === undefined) throw error;
        // The plans were created all the same: say which ids to pin by hand rather than fail.
        const reason = `cannot write ${file}: ${code}`;
        const unwritten = report.pinned.filter((pin) => pin.file === file);
        report.pinned = report.pinned.filter((pin) => pin.file !== file);
        report.unwritten.push(...unwritten.map(({ previous: _previous, ...pin }) => ({ ...pin, reason })));
      }
    }
  }
  return report;
}

/** A digits-only id is written as a YAML integer (BlueSnap's planId), anything else as a string. */
function yamlId(id: string): string | number {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : id;
}

/** Sets `field` in a plan's mapping, as its first entry when new; returns the value it replaces. */
function setFirst(
  document: Document,
  map: YAMLMap,
  field: string,
  value: string | number,
): string | undefined {
  const existing = map.items.find((pair) => isScalar(pair.key) && pair.key.value === field);
  if (existing) {
    const before = isScalar(existing.value) ? String(existing.value.value) : undefined;
    if (isScalar(existing.value)) existing.value.value = value;
    else existing.value = new Scalar(value);
    return before;
  }
  map.items.unshift(document.createPair(field, value));
  return undefined;
}

/**
 * Sets `field` in the plan's `environments.<environment>` mapping, adding the mappings (at the end of
 * the plan, and of `environments`) where absent. Returns the id this environment saw before: its
 * slot's, else the plan's own.
 */
function setInEnvironment(
  document: Document,
  plan: YAMLMap,
  environment: string,
  field: string,
  value: string | number,
): { previous: string | undefined } | { reason: string } {
  const own = plan.items.find((pair) => isScalar(pair.key) && pair.key.value === field);
  const inherited = own && isScalar(own.value) ? String(own.value.value) : undefined;
  const environments = slot(document, plan, ENVIRONMENTS_KEY);
  if (environments === undefined) return { reason: `\`${ENVIRONMENTS_KEY}\` of this plan is not a mapping` };
  const slotMap = slot(document, environments, environment);
  if (slotMap === undefined) {
    return { reason: `\`${ENVIRONMENTS_KEY}.${environment}\` of this plan is not a mapping` };
  }
  const existing = slotMap.items.find((pair) => isScalar(pair.key) && pair.key.value === field);
  if (existing) {
    const before = isScalar(existing.value) ? String(existing.value.value) : undefined;
    if (isScalar(existing.value)) existing.value.value = value;
    else existing.value = new Scalar(value);
    return { previous: before ?? inherited };
  }
  slotMap.items.push(document.createPair(field, value));
  return { previous: inherited };
}

/** The mapping under `key` in `map`, added at its end when absent (or empty); undefined if it is something else. */
function slot(document: Document, map: YAMLMap, key: string): YAMLMap | undefined {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (pair === undefined) {
    const created = document.createNode({}) as YAMLMap;
    map.items.push(document.createPair(key, created));
    return created;
  }
  if (isMap(pair.value)) return pair.value;
  // `environments:` written with nothing after it: the new mapping takes the empty value's place.
  if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    const created = document.createNode({}) as YAMLMap;
    pair.value = created;
    return created;
  }
  return undefined;
}

/**
 * `silver: # new this quarter` parses as a comment before the block map below the key, which the
 * `yaml` package would print on a line of its own. Where the source had it on the key's line, give
 * it back to the key, so a pinned file differs from the author's only by the pins.
 */
function keepKeyLineComments(document: Document, text: string): void {
  visit(document, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value)) return;
      const comment = pair.value.commentBefore;
      const start = pair.key.range?.[0];
      if (comment === undefined || comment === null || comment.includes('\n') || start === undefined) return;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end === -1 ? undefined : end);
      if (!line.includes(`#${comment}`)) return;
      pair.key.comment = comment;
      pair.value.commentBefore = undefined;
    },
  });
}

/**
 * The `yaml` package prints a blank line before the comment closing a document; where the author's
 * file had none (a `# more plans below` right after the last plan), the pinned file has none either.
 */
function keepTrailingComment(document: Document, text: string, out: string): string {
  const comment = document.comment;
  if (!comment) return out;
  const block = `${comment
    .split('\n')
    .map((line) => `#${line}`)
    .join('\n')}\n`;
  const source = text.endsWith('\n') ? text : `${text}\n`;
  if (!out.endsWith(`\n\n${block}`) || !source.endsWith(`\n${block}`) || source.endsWith(`\n\n${block}`)) {
    return out;
  }
  return `${out.slice(0, out.length - block.length - 1)}${block}`;
}
