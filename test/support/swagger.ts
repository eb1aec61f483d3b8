// Checks logged HTTP exchanges against Constant Contact's Swagger 2.0 document (AppConnect V3): for the
// `/partner/...` operations, the query, the JSON request body (the `in: body` parameter's schema) and
// the response body for its status are validated with ajv. The document is read from `../shared/specs/`
// beside the clone, parsed once and cached (it is ~700 kB of YAML); where it is absent (a bare clone),
// `ccSpecAvailable()` is false and tests skip with CC_SPEC_MISSING_MESSAGE. The partner token endpoint
// is a Cognito endpoint outside the document, so it is reported as skipped.
// Swagger 2.0 schemas are close to JSON Schema draft 4; they are adapted per direction: a readOnly
// property must not appear in a request, `example` goes, refs point into one registered document.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

export const CC_SPEC_PATH = fileURLToPath(
  new URL('../../../shared/specs/constantcontact-v3-swagger.yml', import.meta.url),
);

export const CC_SPEC_MISSING_MESSAGE = `Constant Contact Swagger document not found at ${CC_SPEC_PATH}: spec validation skipped (CI has ../shared beside the clone; see shared/specs/README.md)`;

/**
 * Where the real API (and so the emulator) departs from the document, each with the evidence. Only
 * these exact properties are relaxed, and only in responses; everything else is validated as written.
 */
export const KNOWN_DEVIATIONS: Readonly<Record<string, { nullable: string; why: string }>> = {
  // The spec types billing_day_of_month as a plain integer (Swagger 2.0 has no `nullable`, and the
  // document uses no `x-nullable`), yet its own description and the API guide say "For trial accounts,
  // the value defaults to null", and the guide's GET example for a trial shows it. The API returns null.
  'PlanTiersObject.billing_day_of_month': {
    nullable: 'billing_day_of_month',
    why: 'null for TRIAL accounts per the property description and the partner guide',
  },
};

/** The parts of a request-log entry the validator reads (a kit RequestLogEntry fits). */
export interface CcExchange {
  method: string;
  path: string;
  query?: Record<string, string>;
  body: unknown;
  response: { status: number; body: unknown } | null;
}

export interface CcExchangeCheck {
  operationId?: string;
  /** Why nothing was validated, e.g. the token endpoint, which the document does not describe. */
  skipped?: string;
  violations: string[];
}

type Json = Record<string, unknown>;
type Direction = 'request' | 'response';

interface Operation {
  method: string;
  template: string;
  matcher: RegExp;
  literalSegments: number;
  spec: Json;
}

interface Loaded {
  basePath: string;
  operations: Operation[];
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}

let loaded: Loaded | undefined;

export function ccSpecAvailable(): boolean {
  return existsSync(CC_SPEC_PATH);
}

export function checkCcExchange(entry: CcExchange): CcExchangeCheck {
  const spec = load();
  if (!entry.path.startsWith(`${spec.basePath}/partner/`) && entry.path !== `${spec.basePath}/partner`) {
    return {
      skipped: `${entry.method} ${entry.path} is not a /partner operation of the spec`,
      violations: [],
    };
  }
  const path = entry.path.slice(spec.basePath.length);
  const method = entry.method.toLowerCase();
  const operation = spec.operations.find(
    (candidate) => candidate.method === method && candidate.matcher.test(path),
  );
  if (operation === undefined) {
    return { skipped: `${entry.method} ${entry.path} is not described by the spec`, violations: [] };
  }
  const operationId = String(operation.spec.operationId ?? `${method} ${operation.template}`);
  const parameters = (operation.spec.parameters as Json[] | undefined) ?? [];
  const violations = [
    ...queryViolations(spec, operation, parameters, entry.query ?? {}),
    ...bodyViolations(spec, operation, parameters, entry.body),
  ];
  if (entry.response !== null) violations.push(...responseViolations(spec, operation, entry.response));
  return { operationId, violations };
}

function load(): Loaded {
  if (loaded !== undefined) return loaded;
  if (!ccSpecAvailable()) throw new Error(CC_SPEC_MISSING_MESSAGE);
  const document = parse(readFileSync(CC_SPEC_PATH, 'utf8')) as Json;
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  formatsPlugin.default(ajv);
  // Swagger's numeric formats: int32/int64 must be whole numbers in range, float/double any number.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  const definitions = document.definitions as Json;
  for (const direction of ['request', 'response'] as const) {
    ajv.addSchema({ $id: documentId(direction), definitions: adaptDefinitions(definitions, direction) });
  }
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
    if (!template.startsWith('/partner')) continue;
    for (const [method, spec] of Object.entries(item)) {
      if (!isObject(spec) || !('responses' in spec)) continue;
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
      const literalSegments = template
        .split('/')
        .filter((part) => part !== '' && !part.startsWith('{')).length;
      operations.push({ method, template, matcher: new RegExp(`^${pattern}/?$`), literalSegments, spec });
    }
  }
  // A literal segment beats a parameter, should two templates ever match one path.
  operations.sort((a, b) => b.literalSegments - a.literalSegments);
  loaded = { basePath: String(document.basePath ?? '/v3'), operations, ajv, validators: new Map() };
  return loaded;
}

const documentId = (direction: Direction): string => `cc-swagger-${direction}`;

function adaptDefinitions(definitions: Json, direction: Direction): Json {
  const adapted = adapt(definitions, direction) as Json;
  if (direction !== 'response') return adapted;
  for (const [key, deviation] of Object.entries(KNOWN_DEVIATIONS)) {
    const definition = adapted[key.split('.')[0] ?? ''];
    const properties = isObject(definition) ? definition.properties : undefined;
    const property = isObject(properties) ? properties[deviation.nullable] : undefined;
    if (isObject(property) && typeof property.type === 'string') property.type = [property.type, 'null'];
  }
  return adapted;
}

/** A deep copy of a Swagger schema tree as JSON Schema for one direction. */
function adapt(node: unknown, direction: Direction): unknown {
  if (Array.isArray(node)) return node.map((item) => adapt(item, direction));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'description' || key.startsWith('x-')) continue;
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? `${documentId(direction)}${value}`
        : adapt(value, direction);
  }
  if (direction === 'request' && isObject(out.properties)) {
    const properties = { ...out.properties };
    for (const [name, schema] of Object.entries(properties)) {
      if (isObject(schema) && schema.readOnly === true)
        properties[name] = { not: {}, 'x-forbidden': 'readOnly' };
    }
    out.properties = properties;
  }
  return out;
}

function validator(spec: Loaded, direction: Direction, key: string, schema: unknown): ValidateFunction {
  const cacheKey = `${direction} ${key}`;
  let validate = spec.validators.get(cacheKey);
  if (validate === undefined) {
    validate = spec.ajv.compile(adapt(schema, direction) as Json);
    spec.validators.set(cacheKey, validate);
  }
  return validate;
}

function queryViolations(
  spec: Loaded,
  operation: Operation,
  parameters: Json[],
  query: Record<string, string>,
): string[] {
  const inQuery = parameters.filter((parameter) => parameter.in === 'query');
  const violations: string[] = [];
  for (const parameter of inQuery) {
    const name = String(parameter.name);
    const raw = query[name];
    if (raw === undefined) {
      if (parameter.required === true) violations.push(`query ${name}: required parameter is missing`);
      continue;
    }
    // Swagger puts the schema on the parameter itself; a numeric format on a string must be digits.
    const { type, format, enum: allowed } = parameter;
    if ((format === 'int32' || format === 'int64') && !/^-?\d+$/.test(raw)) {
      violations.push(`query ${name}: must be an integer`);
    }
    const value = type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    const validate = validator(spec, 'request', `${operation.template} query ${name}`, {
      type,
      enum: allowed,
    });
    if (!validate(value)) violations.push(...describe(`query ${name}`, validate.errors));
  }
  const known = new Set(inQuery.map((parameter) => String(parameter.name)));
  for (const name of Object.keys(query))
    if (!known.has(name)) violations.push(`query ${name}: not a parameter of this operation`);
  return violations;
}

function bodyViolations(spec: Loaded, operation: Operation, parameters: Json[], body: unknown): string[] {
  const parameter = parameters.find((candidate) => candidate.in === 'body');
  if (parameter === undefined) return body === undefined ? [] : ['request: this operation takes no body'];
  if (body === undefined) return parameter.required === true ? ['request: required body is missing'] : [];
  if (typeof body === 'string') return ['request: body is not JSON'];
  const validate = validator(
    spec,
    'request',
    `${operation.template} ${operation.method} body`,
    parameter.schema,
  );
  return validate(body) ? [] : describe('request', validate.errors);
}

function responseViolations(
  spec: Loaded,
  operation: Operation,
  response: { status: number; body: unknown },
): string[] {
  const responses = operation.spec.responses as Json;
  const documented = responses[String(response.status)] ?? responses.default;
  const label = `response ${response.status}`;
  if (!isObject(documented))
    return [`${label}: status not documented for ${String(operation.spec.operationId)}`];
  // Error statuses pin no schema in this document (reference §6), so only their presence is checked.
  if (documented.schema === undefined) return [];
  if (response.body === undefined) return [`${label}: body is missing`];
  if (typeof response.body === 'string') return [`${label}: body is not JSON`];
  const validate = validator(
    spec,
    'response',
    `${operation.template} ${operation.method} ${response.status}`,
    documented.schema,
  );
  return validate(response.body) ? [] : describe(label, validate.errors);
}

function describe(label: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const at = error.instancePath === '' ? (label.startsWith('query') ? '' : ' /') : ` ${error.instancePath}`;
    if (error.keyword === 'not') return `${label}${at}: readOnly member must not be sent`;
    const allowed =
      error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : '';
    return `${label}${at}: ${error.message ?? error.keyword}${allowed}`;
  });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
