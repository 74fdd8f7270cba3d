/**
 * StarRocks' text form of JSON and of nested values (ARRAY, MAP, STRUCT) as they arrive from
 * DuckDB. StarRocks prints JSON with a space after `:` and `,` (`{"a": 1, "b": [1, 2]}`) and
 * nested values compactly: `[1,2]`, `["a","b"]`, `{1:"a"}`, `{"f1":1,"f2":"x"}`; NULL elements as
 * `null`, strings and temporals quoted, booleans as 1/0.
 */
import type { SqlType } from '../types/index.js';
import { formatDays, formatMicros, formatTime } from './temporal.js';
import { formatDecimal } from './numbers.js';

/**
 * Re-space compact JSON text the StarRocks way without parsing numbers (a parse/stringify round
 * trip would round integers above 2^53).
 */
export function formatJsonText(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === ':' || ch === ',') out += `${ch} `;
    else if (ch !== ' ' && ch !== '\n' && ch !== '\t' && ch !== '\r') out += ch;
  }
  return out;
}

/** Shape of the DuckDB values we read structurally (kept loose: the engine checks at runtime). */
interface ItemsValue {
  readonly items: readonly unknown[];
}
interface MapValue {
  readonly entries: readonly { readonly key: unknown; readonly value: unknown }[];
}
interface StructValue {
  readonly entries: Readonly<Record<string, unknown>>;
}

function hasItems(v: unknown): v is ItemsValue {
  return typeof v === 'object' && v !== null && Array.isArray((v as ItemsValue).items);
}
function hasMapEntries(v: unknown): v is MapValue {
  return typeof v === 'object' && v !== null && Array.isArray((v as MapValue).entries);
}
function hasStructEntries(v: unknown): v is StructValue {
  return typeof v === 'object' && v !== null && typeof (v as StructValue).entries === 'object';
}

/** Render a nested DuckDB value (LIST/ARRAY/MAP/STRUCT) as StarRocks prints it at top level. */
export function renderNested(value: unknown, type: SqlType): string {
  return renderElement(value, type, true);
}

function renderElement(value: unknown, type: SqlType, top: boolean): string {
  if (value === null || value === undefined) return 'null';
  switch (type.kind) {
    case 'array':
      if (!hasItems(value)) return scalarText(value);
      return `[${value.items.map((v) => renderElement(v, type.element, false)).join(',')}]`;
    case 'map':
      if (!hasMapEntries(value)) return scalarText(value);
      return `{${value.entries
        .map((e) => `${renderElement(e.key, type.key, false)}:${renderElement(e.value, type.value, false)}`)
        .join(',')}}`;
    case 'struct': {
      if (!hasStructEntries(value)) return scalarText(value);
      const entries = value.entries;
      return `{${type.fields
        .map((f) => `${JSON.stringify(f.name)}:${renderElement(entries[f.name] ?? null, f.type, false)}`)
        .join(',')}}`;
    }
    case 'json':
      return formatJsonText(String(value));
    case 'char':
    case 'varchar':
    case 'string':
    case 'date':
    case 'datetime':
    case 'time':
      return top ? scalarText(value, type) : JSON.stringify(scalarText(value, type));
    default:
      return scalarText(value, type);
  }
}

/** Text of a scalar DuckDB value inside a nested value. */
function scalarText(value: unknown, type?: SqlType): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint')
    return String(value);
  if (typeof value !== 'object' || value === null) return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.days === 'number') return formatDays(v.days);
  if (typeof v.micros === 'bigint') {
    return type?.kind === 'time' ? formatTime(v.micros) : formatMicros(v.micros);
  }
  if (typeof v.value === 'bigint' && typeof v.scale === 'number') {
    return formatDecimal(v.value, v.scale, type?.kind === 'decimal' ? type.scale : v.scale);
  }
  if (v.bytes instanceof Uint8Array) return Buffer.from(v.bytes).toString('latin1');
  return String(value);
}
