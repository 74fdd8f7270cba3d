/**
 * StarRocks' text form of temporal, decimal, JSON and nested values, from plain parts. The engine
 * turns DuckDB values into these parts once (days, microseconds, unscaled integers, nested items)
 * and calls these functions; they hold every StarRocks formatting rule in one place:
 * DATETIME without a fraction unless microseconds are non-zero, DECIMAL with exactly its scale,
 * JSON with `": "` and `", "` separators, ARRAY/MAP/STRUCT in StarRocks' compact form with
 * double-quoted strings and temporals, `null` for NULL elements, and JSON elements single-quoted.
 */
import { renderDouble, renderFloat } from './render.js';
import type { SqlType } from './sql-type.js';

const MICROS_PER_DAY = 86_400_000_000n;

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

/** Proleptic Gregorian civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
function civil(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** DATE: `YYYY-MM-DD` from days since the Unix epoch. */
export function renderDate(days: number): string {
  const { y, m, d } = civil(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Time of day `HH:MM:SS[.ffffff]` from microseconds since midnight. */
export function renderTime(micros: bigint): string {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  const secs = abs / 1_000_000n;
  const frac = abs % 1_000_000n;
  const text = `${pad(secs / 3600n, 2)}:${pad((secs / 60n) % 60n, 2)}:${pad(secs % 60n, 2)}`;
  return `${neg ? '-' : ''}${text}${frac === 0n ? '' : `.${pad(frac, 6)}`}`;
}

/** DATETIME: `YYYY-MM-DD HH:MM:SS`, plus `.ffffff` only when microseconds are non-zero. */
export function renderDatetime(micros: bigint): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  return `${renderDate(Number(days))} ${renderTime(rest)}`;
}

/** DECIMAL with exactly `scale` fraction digits from its unscaled integer value. */
export function renderDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  if (scale <= 0) return `${neg ? '-' : ''}${digits}`;
  const padded = digits.padStart(scale + 1, '0');
  const cut = padded.length - scale;
  return `${neg ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/**
 * JSON text as StarRocks prints it: `{"a": 1, "b": [1, 2]}`. Tokens are kept verbatim (numbers
 * keep their spelling); whitespace between tokens is normalised, and object members are listed
 * by key, as StarRocks' JSON (VelocyPack objects with a sorted index) prints them.
 */
export function renderJson(text: string): string {
  const cursor = { text, at: 0 };
  try {
    const out = jsonValue(cursor);
    skipSpace(cursor);
    if (cursor.at === text.length) return out;
  } catch {
    // Not well-formed JSON: fall back to spacing the tokens only.
  }
  return spaceJsonTokens(text);
}

interface JsonCursor {
  readonly text: string;
  at: number;
}

function skipSpace(c: JsonCursor): void {
  while (c.at < c.text.length && /\s/.test(c.text[c.at] as string)) c.at++;
}

function jsonString(c: JsonCursor): string {
  const start = c.at++;
  while (c.at < c.text.length) {
    const ch = c.text[c.at++];
    if (ch === '\\') c.at++;
    else if (ch === '"') return c.text.slice(start, c.at);
  }
  throw new Error('unterminated string');
}

function jsonValue(c: JsonCursor): string {
  skipSpace(c);
  const ch = c.text[c.at];
  if (ch === '"') return jsonString(c);
  if (ch === '[') {
    c.at++;
    const items: string[] = [];
    skipSpace(c);
    if (c.text[c.at] === ']') c.at++;
    else
      for (;;) {
        items.push(jsonValue(c));
        skipSpace(c);
        const sep = c.text[c.at++];
        if (sep === ']') break;
        if (sep !== ',') throw new Error('bad array');
      }
    return `[${items.join(', ')}]`;
  }
  if (ch === '{') {
    c.at++;
    const members: [string, string][] = [];
    skipSpace(c);
    if (c.text[c.at] === '}') c.at++;
    else
      for (;;) {
        skipSpace(c);
        if (c.text[c.at] !== '"') throw new Error('bad key');
        const key = jsonString(c);
        skipSpace(c);
        if (c.text[c.at++] !== ':') throw new Error('bad member');
        members.push([key, jsonValue(c)]);
        skipSpace(c);
        const sep = c.text[c.at++];
        if (sep === '}') break;
        if (sep !== ',') throw new Error('bad object');
      }
    members.sort((a, b) => compareKeys(a[0].slice(1, -1), b[0].slice(1, -1)));
    return `{${members.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  }
  const start = c.at;
  while (c.at < c.text.length && !/[\s,\]}:]/.test(c.text[c.at] as string)) c.at++;
  if (c.at === start) throw new Error('bad token');
  return c.text.slice(start, c.at);
}

/** Keys in byte order (VelocyPack compares key bytes, shorter prefix first). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function spaceJsonTokens(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === ':') out += ': ';
    else if (ch === ',') out += ', ';
    else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/**
 * A nested value as the engine hands it over: scalars in their Value text/number form (temporals
 * and decimals already rendered), lists, maps (ordered entries) and structs (ordered fields).
 */
export type NestedValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | { readonly list: readonly NestedValue[] }
  | { readonly map: readonly (readonly [NestedValue, NestedValue])[] }
  | { readonly struct: readonly (readonly [string, NestedValue])[] };

function quote(s: string, q: '"' | "'"): string {
  return `${q}${s.replace(/\\/g, '\\\\').replace(q === '"' ? /"/g : /'/g, `\\${q}`)}${q}`;
}

/** An element inside ARRAY/MAP/STRUCT text. */
function renderElement(v: NestedValue, t: SqlType): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return renderNested(v, t);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number')
    return t.kind === 'float' ? renderFloat(v) : t.kind === 'double' ? renderDouble(v) : String(v);
  switch (t.kind) {
    case 'json':
      return quote(renderJson(v), "'");
    case 'char':
    case 'varchar':
    case 'string':
    case 'date':
    case 'datetime':
    case 'time':
    case 'binary':
    case 'varbinary':
      return quote(v, '"');
    default:
      return v;
  }
}

/** ARRAY `[1,2]`, MAP `{1:"a"}`, STRUCT `{"a":1,"b":null}` as StarRocks prints them. */
export function renderNested(v: NestedValue, t: SqlType): string {
  if (v === null || typeof v !== 'object') return renderElement(v, t);
  if ('list' in v) {
    const el = t.kind === 'array' ? t.element : t;
    return `[${v.list.map((x) => renderElement(x, el)).join(',')}]`;
  }
  if ('map' in v) {
    const kt = t.kind === 'map' ? t.key : t;
    const vt = t.kind === 'map' ? t.value : t;
    return `{${v.map.map(([k, x]) => `${renderElement(k, kt)}:${renderElement(x, vt)}`).join(',')}}`;
  }
  const fields = t.kind === 'struct' ? t.fields : [];
  return `{${v.struct
    .map(([name, x], i) => `${quote(name, '"')}:${renderElement(x, fields[i]?.type ?? t)}`)
    .join(',')}}`;
}
