// The saved plan: a versioned, secret-free JSON document with a checksum over its content, so that
// CI applies exactly what a reviewer approved, and notices if the file was edited or truncated.

import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import type { Plan } from './model.js';
import { canonicalJson } from './value.js';

const PLAN_FORMAT = 'plansync-plan';
const PLAN_FORMAT_VERSION = 1;

export interface PlanDocument {
  format: typeof PLAN_FORMAT;
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** plansync version that wrote the file. */
  generator: string;
  /** When the plan was made (ISO 8601); informational, not part of the checksum. */
  createdAt: string;
  /** `sha256:<hex>` of the canonical JSON of `plan`. */
  checksum: string;
  plan: Plan;
}

function checksumOf(plan: Plan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(plan)).digest('hex')}`;
}

export function toPlanDocument(plan: Plan, meta: { generator: string; createdAt: string }): PlanDocument {
  return {
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    generator: meta.generator,
    createdAt: meta.createdAt,
    checksum: checksumOf(plan),
    plan,
  };
}

export function serialisePlan(document: PlanDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Parse and verify a saved plan. `source` names the file in messages. */
export function parsePlanDocument(text: string, source: string): PlanDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source}: not a plansync plan file (invalid JSON: ${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== PLAN_FORMAT) {
    throw new UserError(`${source}: not a plansync plan file (missing "format": "${PLAN_FORMAT}")`);
  }
  const document = data as PlanDocument;
  if (document.formatVersion !== PLAN_FORMAT_VERSION) {
    throw new UserError(
      `${source}: plan format version ${String(document.formatVersion)} is not supported (this plansync reads version ${PLAN_FORMAT_VERSION}); make the plan again`,
    );
  }
  if (!document.plan || !Array.isArray(document.plan.connections)) {
    throw new UserError(`${source}: plan file has no "plan.connections"`);
  }
  if (checksumOf(document.plan) !== document.checksum) {
    throw new UserError(
      `${source}: checksum mismatch: the plan file was edited or damaged after it was made; make the plan again`,
    );
  }
  return document;
}

/** Short stable hash of a live object as read, for stale-plan detection. */
export function fingerprintOf(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw)).digest('hex').slice(0, 16);
}
