// The published JSON plan format (schemas/plan.v1.schema.json): saved plans are checked against it
// before use, and the test suite checks every plan it produces.

import { schemaValidator } from './schema-store.js';

export const PLAN_SCHEMA = 'plan.v1.schema.json';

/** Problems that make `data` not a version-1 plan, as `path: message` lines; empty when it is one. */
export function planSchemaProblems(data: unknown): string[] {
  const validate = schemaValidator(PLAN_SCHEMA);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'}: ${error.message ?? 'is invalid'}`,
  );
}
