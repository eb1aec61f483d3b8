// Where things are in a YAML document, kept after the parser's own tree is dropped: each node's start
// offset, in mappings and sequences shaped like the document, so every path stays locatable for the
// whole run (plans and errors point at `file:line:column` long after loading). Built by one walk over
// the `yaml` package's Document, which also finds what the loader refuses (duplicate keys, numbers a
// float cannot hold exactly), or from js-yaml's events (yaml-events.ts).

import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { isExactNumberText, nonDecimalForm } from './decimal-text.js';
import type { DocPath, PathSegment } from './paths.js';

/**
 * - `key`: the key of the last segment (for "unknown key");
 * - `value`: its value (for "wrong value"); an empty value points at its key;
 * - `parent`: the mapping named by the path, shown at the key that owns it (for "missing key").
 */
export type LocateTarget = 'key' | 'value' | 'parent';

/**
 * A node's place: a scalar is its start offset, so the many scalars of a large file cost a number
 * each; `null` is a pair without a value node.
 */
export type Place = number | EmptyPlace | MapPlace | SeqPlace | AliasPlace | null;

/** `key:` with nothing after it: the parser's empty scalar. */
interface EmptyPlace {
  kind: 'empty';
  start: number;
}

export interface MapPlace {
  kind: 'map';
  start: number;
  /** Keys added so far; the arrays are allocated at the mapping's size, so none grows. */
  size: number;
  /** Each key's text; undefined for a key that is not a scalar (it cannot be looked up). */
  keys: (string | undefined)[];
  keyStarts: number[];
  values: Place[];
  /** Position of each key's first occurrence, for mappings too large to search along. */
  index?: Map<string, number>;
}

export interface SeqPlace {
  kind: 'seq';
  start: number;
  items: Place[];
}

interface AliasPlace {
  kind: 'alias';
  start: number;
  /** The anchored node the alias stands for, as the `yaml` package resolves it. */
  target: Place | undefined;
}

/** Up to this many keys a mapping is searched along; larger ones get an index. */
const SMALL_MAP = 8;

interface DuplicateKey {
  path: DocPath;
  key: string;
  start: number;
}

interface InexactNumber {
  path: DocPath;
  /** The number as written. */
  source: string;
  /**
   * - `radix`: written in hex or octal (`0x10`, `0o17`);
   * - `range`: decimal, but beyond what a number holds (`1e400`);
   * - `special`: `.inf`, `-.inf` or `.nan`;
   * - `inexact`: more digits than a float holds, so it would be rounded.
   */
  problem: 'radix' | 'range' | 'special' | 'inexact';
  /** The number's value, for `radix` (the decimal to write instead). */
  value: number;
  start: number;
}

interface UndefinedAlias {
  name: string;
  start: number;
}

export interface DocumentPlaces {
  /** The offset of `path`'s `target`, or undefined where nothing in the document stands for it. */
  offsetOf(path: DocPath, target: LocateTarget): number | undefined;
  /** Keys written twice in one mapping, each at its second (and later) appearance. */
  duplicates: DuplicateKey[];
  /** Numbers that are not finite or not exactly what was written: money is never rounded on the way in. */
  inexactNumbers: InexactNumber[];
  /** Offset of the first alias, where a refused alias expansion is reported. */
  firstAlias?: number;
  /** Aliases with no anchor of their name before them. */
  undefinedAliases: UndefinedAlias[];
}

/** A node met in the walk, with what is needed to link its place and name its path. */
interface Visit {
  node: unknown;
  /** The visit of the collection holding this node; undefined for the root. */
  parent: Visit | undefined;
  segment: PathSegment;
  /** The key node when `node` is a mapping value: its anchor counts before the value's. */
  key?: unknown;
  /** Where this node's place goes in its parent's place. */
  into: Place[] | undefined;
  slot: number;
}

function pathOf(visit: Visit): PathSegment[] {
  const path: PathSegment[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.segment);
  return path.reverse();
}

function startOf(node: unknown): number {
  return (node as YamlNode).range?.[0] ?? 0;
}

/**
 * Walk the document once, depth first in document order and without recursion (the loader refuses
 * deep documents, but aliases can still make long chains).
 */
export function documentPlaces(doc: Document.Parsed): DocumentPlaces {
  const duplicates: DuplicateKey[] = [];
  const inexactNumbers: InexactNumber[] = [];
  const undefinedAliases: UndefinedAlias[] = [];
  let firstAlias: number | undefined;
  // An alias stands for the last node anchored with its name before it, in document order, as in
  // `Alias.resolve`. Keys are visited before their values, so their anchors count too.
  const anchors = new Map<string, Place>();
  const root: Place[] = [null];
  const stack: Visit[] = [{ node: doc.contents, parent: undefined, segment: '', into: root, slot: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { node, key } = visit;
    if (isScalar(key) && key.anchor) anchors.set(key.anchor, startOf(key));
    let place: Place = null;
    if (isMap(node)) {
      const map = mapPlace(startOf(node), node.items.length);
      place = map;
      const children: Visit[] = [];
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '?';
        const keyStart = startOf(pair.key);
        if (isScalar(pair.key) && findKey(map, name) !== -1) {
          duplicates.push({ path: [...pathOf(visit), name], key: name, start: keyStart });
        }
        const slot = addKey(map, isScalar(pair.key) ? name : undefined, keyStart);
        children.push({
          node: pair.value,
          parent: visit,
          segment: name,
          key: pair.key,
          into: map.values,
          slot,
        });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Visit);
    } else if (isSeq(node)) {
      const seq: SeqPlace = { kind: 'seq', start: startOf(node), items: new Array<Place>(node.items.length) };
      place = seq;
      for (let i = node.items.length - 1; i >= 0; i--) {
        stack.push({ node: node.items[i], parent: visit, segment: i, into: seq.items, slot: i });
      }
    } else if (isAlias(node)) {
      firstAlias ??= startOf(node);
      const target = anchors.get(node.source);
      if (!anchors.has(node.source)) undefinedAliases.push({ name: node.source, start: startOf(node) });
      place = { kind: 'alias', start: startOf(node), target };
    } else if (isScalar(node)) {
      const start = startOf(node);
      const range = node.range;
      place = node.value === null && range && range[0] === range[1] ? { kind: 'empty', start } : start;
      if (typeof node.value === 'number') {
        const source = node.source ?? String(node.value);
        const problem = numberProblem(source, node.value);
        if (problem) inexactNumbers.push({ path: pathOf(visit), source, problem, value: node.value, start });
      }
    }
    const anchor = (node as YamlNode | null)?.anchor;
    if (anchor) anchors.set(anchor, place);
    if (visit.into) visit.into[visit.slot] = place;
  }
  return {
    offsetOf: placesLocator(root[0] ?? null),
    duplicates,
    inexactNumbers,
    undefinedAliases,
    ...(firstAlias !== undefined && { firstAlias }),
  };
}

/** Why a number as written is refused, or undefined when it is read exactly as written. */
function numberProblem(source: string, value: number): InexactNumber['problem'] | undefined {
  const form = nonDecimalForm(source);
  if (form === 'hexadecimal' || form === 'octal') return 'radix';
  if (!Number.isFinite(value)) return form === undefined ? 'range' : 'special';
  return isExactNumberText(source, value) ? undefined : 'inexact';
}

/**
 * A mapping's place with room for `pairs` keys. Arrays grown by push keep spare room (16 slots and
 * more), which for the many small mappings of a large file is most of their memory.
 */
export function mapPlace(start: number, pairs: number): MapPlace {
  return {
    kind: 'map',
    start,
    size: 0,
    keys: new Array<string | undefined>(pairs),
    keyStarts: new Array<number>(pairs),
    values: new Array<Place>(pairs),
  };
}

/**
 * Appends a key to a mapping's place, its value's place to be filled in at the returned position.
 * The first occurrence of a key is the one looked up.
 */
export function addKey(map: MapPlace, name: string | undefined, start: number): number {
  const slot = map.size++;
  map.keys[slot] = name;
  map.keyStarts[slot] = start;
  map.values[slot] = null;
  if (!map.index && map.size <= SMALL_MAP) return slot;
  if (!map.index) {
    const index = new Map<string, number>();
    for (let at = 0; at < map.size; at++) {
      const key = map.keys[at];
      if (key !== undefined && !index.has(key)) index.set(key, at);
    }
    map.index = index;
  } else if (name !== undefined && !map.index.has(name)) map.index.set(name, slot);
  return slot;
}

function findKey(map: MapPlace, name: string): number {
  if (map.index) return map.index.get(name) ?? -1;
  return map.keys.indexOf(name);
}

function isCollection(place: Place | undefined): place is MapPlace | SeqPlace {
  return typeof place === 'object' && place !== null && (place.kind === 'map' || place.kind === 'seq');
}

function placeStart(place: Place | undefined): number | undefined {
  if (place === undefined || place === null) return undefined;
  return typeof place === 'number' ? place : place.start;
}

/** The offset of a path's target in a document, or undefined where nothing stands for it. */
export function placesLocator(root: Place): DocumentPlaces['offsetOf'] {
  return (path, target) => offsetOf(root, path, target);
}

/**
 * Walk `path` through the places. Where the path stops early (a missing key), the deepest node
 * reached stands in, which is the parent mapping a "missing key" message should point at.
 */
function offsetOf(root: Place, path: DocPath, target: LocateTarget): number | undefined {
  let node: Place | undefined = root;
  // Offset of the key that owns `node` (undefined for the root and for sequence items).
  let owner: number | undefined;
  let complete = true;
  for (const segment of path) {
    const container: Place | undefined =
      typeof node === 'object' && node !== null && node.kind === 'alias' ? node.target : node;
    let next: Place | undefined;
    let key: number | undefined;
    if (typeof container === 'object' && container?.kind === 'map') {
      const at = findKey(container, String(segment));
      if (at !== -1) {
        key = container.keyStarts[at];
        next = container.values[at];
        if (next === null) {
          // A key with no value node: the key is all there is to point at.
          node = undefined;
          owner = key;
          break;
        }
      }
    } else if (typeof container === 'object' && container?.kind === 'seq' && typeof segment === 'number') {
      next = container.items[segment];
    }
    if (next === null || next === undefined) {
      complete = false;
      break;
    }
    node = next;
    owner = key;
  }
  // Collections and empty values read best at their key; so does anything when the path stopped early.
  const empty = typeof node === 'object' && node !== null && node.kind === 'empty';
  const atKey = !complete || target !== 'value' || empty || isCollection(node) || node === undefined;
  return (atKey ? owner : undefined) ?? placeStart(node) ?? owner;
}
