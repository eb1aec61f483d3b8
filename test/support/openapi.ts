// Checks logged HTTP exchanges against PayPal's official OpenAPI 3.0.3 document (Subscriptions v1):
// the operation is found by method and path template, then the query, the JSON request body and the
// response body for its status (or `default`) are validated with ajv. The document is read from
// `../shared/specs/` beside the clone and never copied into the product; where it is absent (a bare
// clone), `specAvailable()` is false and the tests that need it skip with SPEC_MISSING_MESSAGE.
// OpenAPI 3.0 is not JSON Schema, so schemas are adapted per direction first: `nullable` becomes a
// null type, and a readOnly property must not appear in a request (a writeOnly one not in a response).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

export const PAYPAL_SPEC_PATH = fileURLToPath(
  new URL('../../../shared/specs/paypal-billing_subscriptions_v1.json', import.meta.url),
);

export const SPEC_MISSING_MESSAGE = `PayPal OpenAPI document not found at ${PAYPAL_SPEC_PATH}: spec validation skipped (CI has ../shared beside the clone; see shared/specs/README.md)`;

/** The parts of a request-log entry the validator reads (a kit RequestLogEntry fits). */
export interface Exchange {
  method: string;
  path: string;
  query?: Record<string, string>;
  body: unknown;
  response: { status: number; body: unknown } | null;
}

export interface ExchangeCheck {
  /** `plans.create` etc.; undefined when the spec has no such operation. */
  operationId?: string;
  /** Why nothing was validated, e.g. the token endpoint, which this document does not describe. */
  skipped?: string;
  violations: string[];
}

export function specAvailable(): boolean {
  return existsSync(PAYPAL_SPEC_PATH);
}

/** Every way the exchange departs from the spec; empty when it conforms (or the spec skips it). */
export function validateExchange(entry: Exchange): string[] {
  return checkExchange(entry).violations;
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
  document: Json;
  operations: Operation[];
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}

let loaded: Loaded | undefined;

export function checkExchange(entry: Exchange): ExchangeCheck {
  const spec = load();
  const method = entry.method.toLowerCase();
  const operation = spec.operations.find(
    (candidate) => candidate.method === method && candidate.matcher.test(entry.path),
  );
  if (operation === undefined) {
    return { skipped: `${entry.method} ${entry.path} is not described by the spec`, violations: [] };
  }
  const operationId = String(operation.spec.operationId ?? `${method} ${operation.template}`);
  const violations = [
    ...queryViolations(spec, operation, entry.query ?? {}),
    ...requestViolations(spec, operation, entry),
  ];
  if (entry.response !== null) violations.push(...responseViolations(spec, operation, entry.response));
  return { operationId, violations };
}

function load(): Loaded {
  if (loaded !== undefined) return loaded;
  if (!specAvailable()) throw new Error(SPEC_MISSING_MESSAGE);
  const document = JSON.parse(readFileSync(PAYPAL_SPEC_PATH, 'utf8')) as Json;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  formatsPlugin.default(ajv);
  for (const [name, check] of Object.entries(paypalFormats(document))) ajv.addFormat(name, check);
  for (const direction of ['request', 'response'] as const) {
    ajv.addSchema({ $id: documentId(direction), components: adapt(document.components, direction) });
  }
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, spec] of Object.entries(item)) {
      if (!isObject(spec) || !('responses' in spec)) continue;
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      const literalSegments = template
        .split('/')
        .filter((part) => part !== '' && !part.startsWith('{')).length;
      operations.push({ method, template, matcher: new RegExp(`^${pattern}/?$`), literalSegments, spec });
    }
  }
  // A literal segment beats a parameter, should two templates ever match one path.
  operations.sort((a, b) => b.literalSegments - a.literalSegments);
  loaded = { document, operations, ajv, validators: new Map() };
  return loaded;
}

/** Known PayPal formats get their meaning; any other custom format in the document is not checked. */
function paypalFormats(document: Json): Record<string, RegExp | true> {
  const known: Record<string, RegExp> = {
    ppaas_common_currency_code_v2: /^[A-Z]{3}$/,
    ppaas_common_percentage_v2: /^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$/,
    ppaas_common_country_code_v2: /^([A-Z]{2}|C2)$/,
    ppaas_date_time_v3: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
    ppaas_date_notime_v2: /^\d{4}-\d{2}-\d{2}$/,
  };
  const formats: Record<string, RegExp | true> = {};
  for (const match of JSON.stringify(document).matchAll(/"format":"([^"]+)"/g)) {
    const name = match[1] ?? '';
    if (!['uri', 'email', 'date-time', 'date'].includes(name)) formats[name] = known[name] ?? true;
  }
  return formats;
}

const documentId = (direction: Direction): string => `paypal-openapi-${direction}`;

/** A deep copy of an OpenAPI schema tree as JSON Schema for one direction. */
function adapt(node: unknown, direction: Direction): unknown {
  if (Array.isArray(node)) return node.map((item) => adapt(item, direction));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key === 'nullable') continue;
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? `${documentId(direction)}${value}`
        : adapt(value, direction);
  }
  const forbidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  if (isObject(out.properties)) {
    const properties = { ...out.properties };
    for (const [name, schema] of Object.entries(properties)) {
      // `x-forbidden` only labels the resulting error; `not: {}` is what rejects the member.
      if (isObject(schema) && schema[forbidden] === true)
        properties[name] = { not: {}, 'x-forbidden': forbidden };
    }
    out.properties = properties;
    if (Array.isArray(out.required))
      out.required = out.required.filter(
        (name) => !isObject(properties[name]) || !('x-forbidden' in properties[name]),
      );
  }
  if (node.nullable !== true) return out;
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  return typeof out.type === 'string'
    ? { ...out, type: [out.type, 'null'] }
    : { anyOf: [out, { type: 'null' }] };
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

function resolve(spec: Loaded, node: unknown): Json | undefined {
  if (!isObject(node)) return undefined;
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, part) => (isObject(at) ? at[part] : undefined), spec.document);
  return resolve(spec, target);
}

function jsonSchema(spec: Loaded, holder: unknown): unknown {
  const content = resolve(spec, holder)?.content;
  return isObject(content) && isObject(content['application/json'])
    ? content['application/json'].schema
    : undefined;
}

function queryViolations(spec: Loaded, operation: Operation, query: Record<string, string>): string[] {
  const parameters = ((operation.spec.parameters as unknown[] | undefined) ?? [])
    .map((parameter) => resolve(spec, parameter))
    .filter((parameter): parameter is Json => parameter?.in === 'query');
  const violations: string[] = [];
  for (const parameter of parameters) {
    const name = String(parameter.name);
    const raw = query[name];
    if (raw === undefined) {
      if (parameter.required === true) violations.push(`query ${name}: required parameter is missing`);
      continue;
    }
    const schema = resolve(spec, parameter.schema) ?? {};
    const value =
      schema.type === 'integer' && /^-?\d+$/.test(raw)
        ? Number(raw)
        : schema.type === 'boolean' && /^(true|false)$/.test(raw)
          ? raw === 'true'
          : raw;
    const validate = validator(spec, 'request', `${operation.template} query ${name}`, schema);
    if (!validate(value)) violations.push(...describe(`query ${name}`, validate.errors));
  }
  const known = new Set(parameters.map((parameter) => String(parameter.name)));
  for (const name of Object.keys(query))
    if (!known.has(name)) violations.push(`query ${name}: not a parameter of this operation`);
  return violations;
}

function requestViolations(spec: Loaded, operation: Operation, entry: Exchange): string[] {
  const requestBody = resolve(spec, operation.spec.requestBody);
  if (requestBody === undefined)
    return entry.body === undefined ? [] : ['request: this operation takes no body'];
  if (entry.body === undefined)
    return requestBody.required === true ? ['request: required body is missing'] : [];
  const schema = jsonSchema(spec, requestBody);
  if (schema === undefined) return [];
  if (typeof entry.body === 'string') return ['request: body is not JSON'];
  const validate = validator(spec, 'request', `${operation.template} ${operation.method} body`, schema);
  return validate(entry.body) ? [] : describe('request', validate.errors);
}

function responseViolations(
  spec: Loaded,
  operation: Operation,
  response: { status: number; body: unknown },
): string[] {
  const responses = operation.spec.responses as Json;
  const documented = resolve(spec, responses[String(response.status)] ?? responses.default);
  const label = `response ${response.status}`;
  if (documented === undefined) return [`${label}: status not documented for ${operation.spec.operationId}`];
  const schema = jsonSchema(spec, documented);
  if (schema === undefined)
    return response.body === undefined ? [] : [`${label}: the spec describes no body`];
  if (response.body === undefined) return [`${label}: body is missing`];
  if (typeof response.body === 'string') return [`${label}: body is not JSON`];
  const key = `${operation.template} ${operation.method} ${responses[String(response.status)] === undefined ? 'default' : response.status}`;
  const validate = validator(spec, 'response', key, schema);
  return validate(response.body) ? [] : describe(label, validate.errors);
}

/** One line per error; branches of a failed anyOf/oneOf are folded into that one error. */
function describe(label: string, errors: ErrorObject[] | null | undefined): string[] {
  const list = errors ?? [];
  const unions = list
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => `${error.schemaPath}/`);
  return list
    .filter((error) => !unions.some((union) => error.schemaPath.startsWith(union)))
    .map((error) => {
      // A query parameter is a scalar: its name is the whole location.
      const at =
        error.instancePath === '' ? (label.startsWith('query') ? '' : ' /') : ` ${error.instancePath}`;
      const forbidden = isObject(error.parentSchema) ? error.parentSchema['x-forbidden'] : undefined;
      if (error.keyword === 'not' && typeof forbidden === 'string')
        return `${label}${at}: ${forbidden} member must not be sent here`;
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
