// The saved plan: a versioned, secret-free JSON document with a checksum over its content, so that
// a file edited by mistake or truncated is noticed, and optionally an HMAC signature, so that a file
// not written by a run holding the key is refused. Neither makes a file what was reviewed: anyone
// can recompute the checksum. `apply FILE` therefore also makes the plan again and compares it
// (src/engine/reviewed-plan.ts).

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { UntrustedPlanError, UserError } from '../errors.js';
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
  /**
   * The flags that shaped the plan, when any did: `apply FILE` makes the plan again with the same
   * ones and refuses the file unless it holds exactly those changes. Absent: none (the whole project).
   */
  scope?: PlanScope;
  /**
   * `hmac-sha256:<hex>` over the canonical JSON of every other field, keyed with PLANSYNC_PLAN_KEY:
   * proves the file was written by a run that held the key. Absent when no key was set.
   */
  signature?: string;
  plan: Plan;
}

/** What `--target`, `--replace` and `--force` asked of a plan (`--shard` is in each connection). */
export interface PlanScope {
  targets?: string[];
  replace?: string[];
  force?: true;
  /**
   * `--changed-since REF`: the plan holds only the plans changed since that commit, which are
   * `targets` (none when nothing changed). `apply FILE` plans exactly those targets again, without
   * asking Git: the scope is what was reviewed.
   */
  changedSince?: { ref: string; commit: string };
}

/** The scope to record for these flags: undefined when none narrows or loosens the plan. */
export function scopeOf(flags: {
  targets?: string[];
  replace?: string[];
  force?: boolean;
  changedSince?: { ref: string; commit: string };
}): PlanScope | undefined {
  const scope: PlanScope = {
    ...(flags.targets && flags.targets.length > 0 ? { targets: [...flags.targets] } : {}),
    ...(flags.replace && flags.replace.length > 0 ? { replace: [...flags.replace] } : {}),
    ...(flags.force ? { force: true as const } : {}),
    ...(flags.changedSince ? { changedSince: { ...flags.changedSince } } : {}),
  };
  return Object.keys(scope).length > 0 ? scope : undefined;
}

function checksumOf(plan: Plan): string {
  return `sha256:${createHash('sha256').update(canonicalJson(plan)).digest('hex')}`;
}

export function toPlanDocument(
  plan: Plan,
  meta: { generator: string; createdAt: string; scope?: PlanScope },
): PlanDocument {
  return {
    format: PLAN_FORMAT,
    formatVersion: PLAN_FORMAT_VERSION,
    generator: meta.generator,
    createdAt: meta.createdAt,
    checksum: checksumOf(plan),
    ...(meta.scope ? { scope: meta.scope } : {}),
    plan,
  };
}

const SIGNATURE_SCHEME = 'hmac-sha256:';
/** Shorter keys are refused: a guessable key proves nothing. */
export const MIN_PLAN_KEY_LENGTH = 16;

function hmacOf(document: PlanDocument, key: string): Buffer {
  // Everything but the signature itself (and the `summary` that `--format json` adds).
  const {
    signature: _signature,
    summary: _summary,
    ...signed
  } = document as PlanDocument & {
    summary?: unknown;
  };
  return createHmac('sha256', key).update(canonicalJson(signed)).digest();
}

/** The document with its signature: an HMAC-SHA256 keyed with `key`. */
export function signPlanDocument(document: PlanDocument, key: string): PlanDocument {
  return { ...document, signature: `${SIGNATURE_SCHEME}${hmacOf(document, key).toString('hex')}` };
}

/**
 * Checks the document's signature against `key`. Refuses (exit 4) a document with no signature or
 * one that does not match: the key proves who made the plan, and without it anyone could have.
 * Messages name the variable the key came from, never the key.
 */
export function verifyPlanSignature(
  document: PlanDocument,
  key: string,
  source: string,
  keyName: string,
): void {
  const nothingWritten = 'nothing was written';
  if (document.signature === undefined) {
    throw new UntrustedPlanError(
      `${source}: signature missing: ${keyName} is set, so only a plan signed with it is applied (make the plan with ${keyName} set); ${nothingWritten}`,
    );
  }
  const hex = document.signature.startsWith(SIGNATURE_SCHEME)
    ? document.signature.slice(SIGNATURE_SCHEME.length)
    : '';
  const given = /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
  const expected = hmacOf(document, key);
  if (given === undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UntrustedPlanError(
      `${source}: signature mismatch: the plan was not signed with the key in ${keyName}, or was changed after it was signed; ${nothingWritten}`,
    );
  }
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
