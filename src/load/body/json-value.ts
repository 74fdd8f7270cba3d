/**
 * A small JSON parser that keeps numbers as their source text (a BIGINT or DECIMAL must not pass
 * through a double), objects as Maps (no prototype keys), and a compact printer for JSON columns
 * and nested values. Also StarRocks JsonPath subsets used by `jsonpaths` and `json_root`:
 * `$`, `.key`, `['key']`/`["key"]`, `[n]`.
 */
import { LoadError } from '../errors.js';

export class JsonNumber {
  constructor(readonly text: string) {}
}

/** Objects from the exact parser are Maps; from JSON.parse (fast path) plain objects. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export type JsonValue =
  null | boolean | string | number | JsonNumber | JsonValue[] | Map<string, JsonValue> | JsonObject;

export function isJsonObject(v: JsonValue | undefined): v is Map<string, JsonValue> | JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

/** A member of an object (own keys only). */
export function member(o: Map<string, JsonValue> | JsonObject, key: string): JsonValue | undefined {
  if (o instanceof Map) return o.get(key);
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

export function members(o: Map<string, JsonValue> | JsonObject): Iterable<[string, JsonValue]> {
  return o instanceof Map ? o : Object.entries(o);
}

/** Digits runs this long may not survive a double: parse those documents exactly. */
/** A 16+ digit run: a number JSON.parse would round (the exact parser keeps its text). */
export const LONG_NUMBER = /\d{16}/;

/**
 * Parse one document: V8's JSON.parse when every number fits a double exactly (the common case,
 * several times faster), the exact parser otherwise.
 */
export function parseJsonFast(text: string): JsonValue {
  if (LONG_NUMBER.test(text)) return parseJson(text);
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return parseJson(text); // for its error message
  }
}

export class JsonSyntaxError extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Parse one JSON text (whitespace around it allowed). */
export function parseJson(text: string): JsonValue {
  const p = { s: text, i: 0 };
  const v = value(p, 0);
  skipWs(p);
  if (p.i !== text.length) throw new JsonSyntaxError(`unexpected '${text[p.i]}' at ${p.i}`);
  return v;
}

interface P {
  s: string;
  i: number;
}

function skipWs(p: P): void {
  while (p.i < p.s.length && WS.has(p.s.charCodeAt(p.i))) p.i++;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function value(p: P, depth: number): JsonValue {
  if (depth > 512) throw new JsonSyntaxError('nesting too deep');
  skipWs(p);
  const c = p.s[p.i];
  switch (c) {
    case '{':
      return object(p, depth);
    case '[':
      return array(p, depth);
    case '"':
      return str(p);
    case 't':
      return word(p, 'true', true);
    case 'f':
      return word(p, 'false', false);
    case 'n':
      return word(p, 'null', null);
    default: {
      NUMBER.lastIndex = p.i;
      const m = NUMBER.exec(p.s);
      if (m === null)
        throw new JsonSyntaxError(c === undefined ? 'unexpected end' : `unexpected '${c}' at ${p.i}`);
      p.i += m[0].length;
      return new JsonNumber(m[0]);
    }
  }
}

function word<T extends JsonValue>(p: P, w: string, v: T): T {
  if (!p.s.startsWith(w, p.i)) throw new JsonSyntaxError(`unexpected '${p.s[p.i]}' at ${p.i}`);
  p.i += w.length;
  return v;
}

function object(p: P, depth: number): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  p.i++;
  skipWs(p);
  if (p.s[p.i] === '}') {
    p.i++;
    return out;
  }
  for (;;) {
    skipWs(p);
    if (p.s[p.i] !== '"') throw new JsonSyntaxError(`expected a key at ${p.i}`);
    const k = str(p);
    skipWs(p);
    if (p.s[p.i] !== ':') throw new JsonSyntaxError(`expected ':' at ${p.i}`);
    p.i++;
    out.set(k, value(p, depth + 1));
    skipWs(p);
    const c = p.s[p.i++];
    if (c === '}') return out;
    if (c !== ',') throw new JsonSyntaxError(`expected ',' or '}' at ${p.i - 1}`);
  }
}

function array(p: P, depth: number): JsonValue[] {
  const out: JsonValue[] = [];
  p.i++;
  skipWs(p);
  if (p.s[p.i] === ']') {
    p.i++;
    return out;
  }
  for (;;) {
    out.push(value(p, depth + 1));
    skipWs(p);
    const c = p.s[p.i++];
    if (c === ']') return out;
    if (c !== ',') throw new JsonSyntaxError(`expected ',' or ']' at ${p.i - 1}`);
  }
}

// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const SIMPLE_STRING = /"([^"\\\u0000-\u001f]*)"/y;

function str(p: P): string {
  SIMPLE_STRING.lastIndex = p.i;
  const m = SIMPLE_STRING.exec(p.s);
  if (m !== null) {
    p.i += m[0].length;
    return m[1] as string;
  }
  // Escapes present: find the closing quote and let JSON.parse decode this string only.
  let j = p.i + 1;
  while (j < p.s.length) {
    const ch = p.s.charCodeAt(j);
    if (ch === 0x5c) j += 2;
    else if (ch === 0x22) break;
    else j++;
  }
  if (j >= p.s.length) throw new JsonSyntaxError('unterminated string');
  const raw = p.s.slice(p.i, j + 1);
  p.i = j + 1;
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw new JsonSyntaxError(`bad string at ${p.i}`);
  }
}

/** Compact JSON text; numbers exactly as they were written. */
export function printJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(printJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of members(v)) parts.push(`${JSON.stringify(k)}:${printJson(x)}`);
  return `{${parts.join(',')}}`;
}

/** A field's source text: strings as they are, numbers as written, nested values as JSON. */
export function fieldText(v: JsonValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof JsonNumber) return v.text;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return printJson(v);
}

export type PathStep = { readonly key: string } | { readonly index: number };

/** Parse `$.a.b`, `$['a']`, `$.a[0]`; throws LoadError on anything else. */
export function parseJsonPath(path: string): PathStep[] {
  const s = path.trim();
  if (!s.startsWith('$')) throw new LoadError(`Invalid json path: ${path}`);
  const steps: PathStep[] = [];
  let i = 1;
  while (i < s.length) {
    if (s[i] === '.') {
      const m = /^\.([^.[\]]+)/.exec(s.slice(i));
      if (m === null) throw new LoadError(`Invalid json path: ${path}`);
      steps.push({ key: m[1] as string });
      i += m[0].length;
    } else if (s[i] === '[') {
      const m = /^\[\s*(?:(\d+)|'([^']*)'|"([^"]*)")\s*\]/.exec(s.slice(i));
      if (m === null) throw new LoadError(`Invalid json path: ${path}`);
      steps.push(m[1] !== undefined ? { index: Number(m[1]) } : { key: (m[2] ?? m[3]) as string });
      i += m[0].length;
    } else {
      throw new LoadError(`Invalid json path: ${path}`);
    }
  }
  return steps;
}

/** Follow a path; undefined when any step is missing. */
export function walk(v: JsonValue | undefined, steps: readonly PathStep[]): JsonValue | undefined {
  let cur = v;
  for (const st of steps) {
    if (cur === undefined || cur === null) return undefined;
    if ('key' in st) cur = isJsonObject(cur) ? member(cur, st.key) : undefined;
    else cur = Array.isArray(cur) ? cur[st.index] : undefined;
  }
  return cur;
}
