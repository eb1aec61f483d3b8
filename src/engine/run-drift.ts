// `drift` as a sequence: plan with the safety gates off (drift reports, it never applies), then keep
// what differs field by field. The caller opens and closes the session and renders the report.

import { driftOf, hasDrift, type DriftReport } from '../core/drift.js';
import { makePlan } from './make-plan.js';
import type { ReadHooks } from './run-plan.js';
import type { Session } from './session.js';

export interface DriftRunResult {
  report: DriftReport;
  drifted: boolean;
}

export async function runDrift(session: Session, hooks: ReadHooks = {}): Promise<DriftRunResult> {
  const report = driftOf(await makePlan(session, { force: true, ...hooks }));
  return { report, drifted: hasDrift(report) };
}
