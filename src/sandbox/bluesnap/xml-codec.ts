// BlueSnap's XML encoding of the same resources (reference §2, §3, §5): root `<plan>`, `<plans>` or
// `<messages>` in the `http://ws.plimus.com` namespace, kebab-case elements, amounts with two decimals.
// Plan documents are flat (a root holding text-only children), so a small reader is enough; anything it
// cannot read is reported as malformed, which BlueSnap answers with VALIDATION_GENERAL_FAILURE.

import { parseDecimal } from './decimal.js';

const PLIMUS_NAMESPACE = 'http://ws.plimus.com';

/** Properties that are amounts: XML shows them with at least two decimals (`100.00`). */
const AMOUNT_PROPERTIES = new Set(['recurringChargeAmount', 'initialChargeAmount']);

export type FlatXml = { kind: 'ok'; root: string; fields: Record<string, string> } | { kind: 'invalid' };

const DECLARATION = /^\s*<\?xml[^>]*\?>/;
const COMMENTS = /<!--[\s\S]*?-->/g;
const ROOT = /^\s*<([A-Za-z][\w-]*)(?:\s[^>]*)?>([\s\S]*)<\/\1\s*>\s*$/;
const CHILD = /<([A-Za-z][\w-]*)\s*(?:\/>|>([^<]*)<\/\1\s*>)/y;

/** Reads `<root><child>text</child>…</root>` into camelCase properties with string values. */
export function parseFlatXml(text: string): FlatXml {
  const root = ROOT.exec(text.replace(DECLARATION, '').replace(COMMENTS, ''));
  const rootName = root?.[1];
  const inner = root?.[2];
  if (rootName === undefined || inner === undefined) return { kind: 'invalid' };

  const fields: Record<string, string> = {};
  let position = 0;
  for (;;) {
    position = skipWhitespace(inner, position);
    if (position >= inner.length) break;
    CHILD.lastIndex = position;
    const child = CHILD.exec(inner);
    const name = child?.[1];
    if (child === null || name === undefined) return { kind: 'invalid' };
    fields[kebabToCamel(name)] = decodeEntities(child[2] ?? '');
    position = CHILD.lastIndex;
  }
  return { kind: 'ok', root: rootName, fields };
}

/** Encodes a JSON response body (plan, plan list or error list) as BlueSnap's XML. */
export function encodeXml(body: unknown): string {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (isRecord(body) && Array.isArray(body.message)) {
    return `${declaration}${element('messages', body.message.map((item) => element('message', fields(item))).join(''), true)}`;
  }
  if (isRecord(body) && Array.isArray(body.plans)) {
    const { plans, ...paging } = body;
    const children = fields(paging) + plans.map((plan) => element('plan', fields(plan))).join('');
    return `${declaration}${element('plans', children, true)}`;
  }
  return `${declaration}${element('plan', fields(body), true)}`;
}

function element(name: string, content: string, root = false): string {
  return root ? `<${name} xmlns="${PLIMUS_NAMESPACE}">${content}</${name}>` : `<${name}>${content}</${name}>`;
}

function fields(value: unknown): string {
  if (!isRecord(value)) return '';
  return Object.entries(value)
    .filter(([, inner]) => inner !== undefined && inner !== null)
    .map(([key, inner]) => element(camelToKebab(key), escapeText(formatValue(key, inner))))
    .join('');
}

function formatValue(key: string, value: unknown): string {
  if (AMOUNT_PROPERTIES.has(key)) {
    const decimal = parseDecimal(value);
    if (decimal !== undefined) {
      const [whole, fraction = ''] = decimal.split('.');
      return `${whole}.${fraction.padEnd(2, '0')}`;
    }
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text.charAt(index))) index += 1;
  return index;
}

function kebabToCamel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function camelToKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (match, entity: string) => {
    if (!entity.startsWith('#')) return NAMED_ENTITIES[entity] ?? match;
    const codePoint = entity.startsWith('#x')
      ? Number.parseInt(entity.slice(2), 16)
      : Number(entity.slice(1));
    // An out-of-range reference is left as written rather than crashing the reader.
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
  });
}
