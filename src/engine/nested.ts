/**
 * DuckDB nested values (LIST/ARRAY/MAP/STRUCT) → the plain `NestedValue` parts that
 * `renderNested` in src/types turns into StarRocks text (all formatting rules live there).
 */
import { renderJson, renderNested, type NestedValue, type SqlType } from '../types/index.js';
import { formatDecimal } from './numbers.js';
import { formatDays, formatMicros, formatTime } from './temporal.js';

/** JSON text the StarRocks way (`{"a": 1, "b": [1, 2]}`). */
export function formatJsonText(text: string): string {
  return renderJson(text);
}

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

/** Render a nested DuckDB value as StarRocks prints it. */
export function renderNestedValue(value: unknown, type: SqlType): string {
  return renderNested(toNested(value, type), type);
}

function toNested(value: unknown, type: SqlType): NestedValue {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'array':
      return hasItems(value)
        ? { list: value.items.map((v) => toNested(v, type.element)) }
        : scalar(value, type);
    case 'map':
      return hasMapEntries(value)
        ? {
            map: value.entries.map(
              (e) => [toNested(e.key, type.key), toNested(e.value, type.value)] as const,
            ),
          }
        : scalar(value, type);
    case 'struct': {
      if (!hasStructEntries(value)) return scalar(value, type);
      const entries = value.entries;
      return { struct: type.fields.map((f) => [f.name, toNested(entries[f.name] ?? null, f.type)] as const) };
    }
    default:
      return scalar(value, type);
  }
}

/** A scalar element in its Value form (temporals and decimals as StarRocks text). */
function scalar(value: unknown, type: SqlType): NestedValue {
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const v = value as Record<string, unknown>;
  if (typeof v.days === 'number') return formatDays(v.days);
  if (typeof v.micros === 'bigint')
    return type.kind === 'time' ? formatTime(v.micros) : formatMicros(v.micros);
  if (typeof v.value === 'bigint' && typeof v.scale === 'number') {
    return formatDecimal(v.value, v.scale, type.kind === 'decimal' ? type.scale : v.scale);
  }
  if (v.bytes instanceof Uint8Array) return Buffer.from(v.bytes).toString('latin1');
  return String(value);
}
