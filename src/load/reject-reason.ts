/**
 * Why a row of a load was rejected, in StarRocks' words, and the record the error log shows
 * (ErrorURL lines are `Error: <reason>. Row: <record>`).
 */
import type { ColumnDescriptor } from '../catalog/index.js';
import type { Value } from '../types/index.js';
import { stringLimit, typeText } from './convert-sql.js';
import type { LoadOptions } from './options.js';
import type { SourceSlot } from './plan.js';

/** OlapTableSink's reason for a row outside every target partition. */
export const OUT_OF_RANGE = 'The row is out of partition ranges. Please add a new partition.';

/** `[1, 'a', 2024-01-01]`: the converted row as StarRocks' Chunk::debug_row prints it. */
function debugRow(values: readonly Value[], columns: readonly ColumnDescriptor[]): string {
  const items = values.map((v, i) => {
    const t = text(v);
    if (t === null) return 'NULL';
    const kind = columns[i]?.type.kind;
    return kind === 'varchar' || kind === 'char' || kind === 'string' ? `'${t}'` : t;
  });
  return `[${items.join(', ')}]`;
}

function text(v: Value | undefined): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

/** The error-log record and StarRocks' reason for one row of a plan's errorsSql. */
export function describeRejected(
  row: readonly Value[],
  columns: readonly ColumnDescriptor[],
  slots: readonly SourceSlot[],
  options: LoadOptions,
): { record: string; reason: string } {
  const n = columns.length;
  // Layout: f0..f{n-1}, ok, sel, sinkok, r0..r{k-1}, bad, v0..v{n-1}, partok
  const k = slots.length;
  const rawAt = n + 3;
  const raws = slots.map((_, i) => text(row[rawAt + i]));
  const record =
    options.format === 'json'
      ? JSON.stringify(Object.fromEntries(slots.map((s, i) => [s.name, raws[i]])))
      : raws.map((r) => r ?? '\\N').join(options.columnSeparator.toString('utf8'));
  if (row[n] !== true) {
    const bad = Number(row[rawAt + k] ?? 0);
    const slot = slots[bad];
    const value = raws[bad] ?? '';
    return {
      record,
      reason: `The field (name = ${slot?.name ?? '?'}, pos = ${bad}) is out of range. Type: ${slot ? typeText(slot.type) : '?'}, Value length: ${Buffer.byteLength(value)}, Value: ${value}`,
    };
  }
  for (let i = 0; i < n; i++) {
    const col = columns[i] as ColumnDescriptor;
    const v = text(row[rawAt + k + 1 + i]);
    const limit = stringLimit(col.type);
    if (options.strictMode && v !== null && limit !== null && Buffer.byteLength(v) > limit) {
      return {
        record,
        reason: `String '${v}' (length=${Buffer.byteLength(v)}) is too long. The max length of '${col.name}' is ${limit}`,
      };
    }
    if (!col.nullable && !col.autoIncrement && row[i] === null)
      return { record, reason: `NULL value in non-nullable column '${col.name}'` };
  }
  // OlapTableSink: the partition lookup comes after the column checks; StarRocks logs the
  // converted row (Chunk::debug_row) with this reason.
  if (row[rawAt + k + 1 + n] === false)
    return { record: debugRow(row.slice(0, n), columns), reason: OUT_OF_RANGE };
  return { record, reason: 'row rejected' };
}
