// Reading the usual config document through js-yaml, which parses a 10,000-plan file several times
// faster than the `yaml` package (0.4 s against 3 s, mostly the garbage the package's syntax tree
// makes). js-yaml gives the data and a stream of events with source offsets; the offsets become the
// same places the `yaml` package path records (yaml-places.ts), so locations do not depend on which
// library read the file.
//
// Only documents both libraries read alike are taken: one document without directives, anchors,
// aliases, tags or block scalars, whose keys are text as written, and whose numbers are exact. For
// anything else, and for every document js-yaml refuses, this answers undefined and the `yaml` package
// reads the file and words its problems (yaml-source.ts). So js-yaml never reports a problem, and a
// document it takes is one the `yaml` package reads without an issue, to the same data and the same
// places: test/config/yaml-events.property.test.ts holds the two equal.

import {
  constructFromEvents,
  EVENT_ID,
  getScalarValue,
  parseEvents,
  SCALAR_STYLE,
  YAMLException,
} from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { parse } from 'yaml';
import { isDecimalNumberText, isExactNumberText } from './decimal-text.js';
import { MAX_ALIASES, MAX_ENTRIES, MAX_NESTING } from './yaml-nesting.js';
import type { LimitBreach } from './yaml-nesting.js';
import { addKey, mapPlace, placesLocator } from './yaml-places.js';
import type { DocumentPlaces, MapPlace, Place, SeqPlace } from './yaml-places.js';

export interface EventsRead {
  data: unknown;
  offsetOf: DocumentPlaces['offsetOf'];
}

/** A collection being read: its place, its data, and where the next value goes. */
type Frame =
  | { place: MapPlace; data: Record<string, unknown>; slot: number; key: string | undefined }
  | { place: SeqPlace; data: unknown[]; count: number };

/**
 * Characters the two libraries treat differently, or that the `yaml` package warns about: tabs, line
 * ends other than `\n`, other control characters, byte order marks, Unicode line separators.
 */
// eslint-disable-next-line no-control-regex
const UNSHARED_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/**
 * `---` or `...` indented at a line's start: js-yaml reads ` ---\na: 0` as a mapping, the `yaml`
 * package refuses it (found by the agreement property, test/config/yaml-events.property.test.ts).
 */
const INDENTED_MARKER = /^[ ]+(---|\.\.\.)(\s|$)/m;

/** The `yaml` package refuses an implicit key whose `:` is more than 1024 characters after its start. */
const LONGEST_LINE = 1000;

function hasLongLine(text: string): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    if (end - start > LONGEST_LINE) return true;
    start = end + 1;
  }
  return text.length - start > LONGEST_LINE;
}

/**
 * Text after a flow collection's closing bracket on its line, other than a comment: `- [x] y: z`.
 * js-yaml reads the rest as a key of the mapping around; the `yaml` package refuses the line (found
 * by the agreement property, test/config/yaml-events.property.test.ts). Checked only on lines where a
 * `[` or `{` starts a value; a bracket inside plain text (`name: Gold [beta] plan`) merely sends the
 * file to the slower reader.
 */
const AFTER_FLOW = /(?:^|[:-][ \t])[ \t]*[[{].*[\]}][ \t]*[^\s#,\]}]/m;

/** Thrown (and caught in readWithEvents) when the document is not one both libraries read alike. */
const DECLINE = Symbol('declined');

function decline(): never {
  throw DECLINE;
}

/** js-yaml's events of `text` and the first limit they go beyond, if any. */
export type EventsScan =
  { events: Event[]; breach?: undefined } | { events?: undefined; breach: LimitBreach };

/**
 * The events of `text` with the document limits checked on them (yaml-nesting.ts), or undefined when
 * js-yaml cannot read the text (the `yaml` package then reads it, and checks the limits itself).
 * js-yaml parses several times faster than the `yaml` package, so a document far beyond a limit is
 * refused in a fraction of a second.
 */
export function scanEvents(text: string): EventsScan | undefined {
  let events: Event[];
  try {
    // js-yaml counts depth its own way (a complex key deeper than a value, a mapping's first level
    // not at all): its limit, a little above ours, only stops a runaway; ours is counted below.
    events = parseEvents(text, { maxDepth: MAX_NESTING + 2 });
  } catch (error) {
    if (error instanceof YAMLException && /maxDepth/.test(error.reason) && error.mark) {
      return { breach: { limit: 'depth', offset: error.mark.position } };
    }
    return undefined;
  }
  const breach = eventsLimitBreach(events);
  return breach ? { breach } : { events };
}

interface Counted {
  map: boolean;
  /** Nodes met directly inside: keys and values alike in a mapping. */
  nodes: number;
}

/**
 * The first collection nested deeper than MAX_NESTING, entry beyond MAX_ENTRIES in a collection, or
 * alias beyond MAX_ALIASES.
 */
function eventsLimitBreach(events: readonly Event[]): LimitBreach | undefined {
  const stack: Counted[] = [];
  let aliases = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ map: false, nodes: 0 });
      continue;
    }
    const top = stack.at(-1);
    if (top) {
      top.nodes++;
      // The key of entry MAX_ENTRIES + 1, or item MAX_ENTRIES + 1.
      const beyond = top.map
        ? top.nodes === 2 * MAX_ENTRIES + 1
        : top.nodes === MAX_ENTRIES + 1 && stack.length > 1;
      if (beyond) return { limit: top.map ? 'keys' : 'items', offset: eventStart(event) };
    }
    if (event.type === EVENT_ID.ALIAS && ++aliases > MAX_ALIASES) {
      return { limit: 'aliases', offset: eventStart(event) };
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      // Collections around this one: as the `yaml` package's tree is measured (yaml-nesting.ts).
      if (stack.length - 1 >= MAX_NESTING) return { limit: 'depth', offset: event.start };
      stack.push({ map: event.type === EVENT_ID.MAPPING, nodes: 0 });
    }
  }
  return undefined;
}

/** Where a node's event starts in the text: its first character, or its anchor's for an alias. */
function eventStart(event: Event): number {
  switch (event.type) {
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    case EVENT_ID.SCALAR: {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      return Math.max(0, event.valueStart - (quoted ? 1 : 0));
    }
    default:
      return 0;
  }
}

/**
 * The data and places of `text`, or undefined when the `yaml` package should read it. `scanned`: the
 * text's events from scanEvents, when already parsed.
 */
export function readWithEvents(text: string, maxDepth: number, scanned?: Event[]): EventsRead | undefined {
  if (
    UNSHARED_CHARACTERS.test(text) ||
    hasLongLine(text) ||
    INDENTED_MARKER.test(text) ||
    AFTER_FLOW.test(text)
  ) {
    return undefined;
  }
  let events: Event[];
  let documents: unknown[];
  try {
    events = scanned ?? parseEvents(text, { maxDepth });
    // No aliases at all: the `yaml` package counts their expansions, js-yaml does not.
    documents = constructFromEvents(events, { source: text, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (documents.length !== 1) return undefined;
  try {
    const root = placesOf(events, text, documents[0]);
    return { data: documents[0], offsetOf: placesLocator(root) };
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/** Walk the events beside the data js-yaml built from them, recording where each node starts. */
function placesOf(events: readonly Event[], text: string, data: unknown): Place {
  const stack: Frame[] = [];
  const root: Place[] = [null];
  // Where the next node goes: its data, and the array and position of its place.
  let nodeData: unknown;
  let into: Place[] = root;
  let slot = 0;

  /** Sets nodeData, into and slot for the node that starts now, under the collection on top. */
  const enter = (top: Frame | undefined): void => {
    if (!top) {
      nodeData = data;
      into = root;
      slot = 0;
    } else if ('key' in top) {
      const key = top.key ?? decline();
      top.key = undefined;
      nodeData = top.data[key];
      into = top.place.values;
      slot = top.slot;
    } else {
      slot = top.count++;
      nodeData = top.data[slot];
      into = top.place.items;
    }
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (event.directives.length > 0) decline();
        break;
      case EVENT_ID.POP:
        stack.pop();
        break;
      case EVENT_ID.MAPPING: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) decline();
        enter(stack.at(-1));
        if (!isRecord(nodeData)) decline();
        const place = mapPlace(event.start, Object.keys(nodeData).length);
        into[slot] = place;
        stack.push({ place, data: nodeData, slot: -1, key: undefined });
        break;
      }
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) decline();
        enter(stack.at(-1));
        if (!Array.isArray(nodeData)) decline();
        const place: SeqPlace = { kind: 'seq', start: event.start, items: new Array<Place>(nodeData.length) };
        into[slot] = place;
        stack.push({ place, data: nodeData, count: 0 });
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) decline();
        const top = stack.at(-1);
        const inMap = top !== undefined && 'key' in top;
        if (inMap && top.key === undefined) {
          // A key: it must be in the data as written (js-yaml resolves `1.0:` to the key "1", the
          // `yaml` package keeps "1.0").
          if (event.valueStart === -1) decline();
          const name = getScalarValue(text, event);
          if (!Object.hasOwn(top.data, name)) decline();
          top.slot = addKey(top.place, name, scalarStart(text, event));
          top.key = name;
          break;
        }
        if (event.valueStart === -1) {
          // Nothing written: its key stands for it, so only a mapping value can be empty here.
          if (!inMap) decline();
          enter(top);
          into[slot] = { kind: 'empty', start: -1 };
          break;
        }
        // A value on a line below its key: where such a value ends, the two libraries differ.
        if (inMap && text.lastIndexOf('\n', event.valueStart) > (top.place.keyStarts[top.slot] ?? 0))
          decline();
        enter(top);
        const start = scalarStart(text, event);
        if (typeof nodeData === 'number') {
          const source = text.slice(event.valueStart, event.valueEnd);
          // Hex, octal, infinities and inexact numbers: the `yaml` package words the refusal.
          if (!isDecimalNumberText(source) || !isExactNumberText(source, nodeData)) decline();
        } else if (typeof nodeData === 'string' && event.style === SCALAR_STYLE.PLAIN) {
          if (NUMBER_LIKE.test(nodeData) && !isTextToYaml(nodeData)) decline();
        }
        into[slot] = start;
        break;
      }
      default:
        // Aliases (also refused by maxAliases above).
        decline();
    }
  }
  return root[0] ?? null;
}

/**
 * Where the `yaml` package starts a scalar: at its opening quote. Only scalars on one line are taken,
 * and double-quoted ones without escapes: the two libraries fold lines and check escapes
 * differently. Block scalars are left to the `yaml` package too.
 */
function scalarStart(text: string, event: ScalarEvent): number {
  const newline = text.indexOf('\n', event.valueStart);
  if (newline !== -1 && newline < event.valueEnd) decline();
  switch (event.style) {
    case SCALAR_STYLE.PLAIN:
      return event.valueStart;
    case SCALAR_STYLE.DOUBLE_QUOTED:
      if (text.slice(event.valueStart, event.valueEnd).includes('\\')) decline();
      return event.valueStart - 1;
    case SCALAR_STYLE.SINGLE_QUOTED:
      return event.valueStart - 1;
    default:
      return decline();
  }
}

/**
 * Plain text that starts like a number. js-yaml keeps `1e400` as text where the `yaml` package reads
 * Infinity, so for such text (account ids, dates...) the `yaml` package's own reading of the scalar
 * decides.
 */
const NUMBER_LIKE = /^[-+.0-9]/;

function isTextToYaml(plain: string): boolean {
  try {
    return typeof parse(plain, { logLevel: 'silent' }) === 'string';
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
