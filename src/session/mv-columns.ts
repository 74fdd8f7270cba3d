/**
 * The columns of an asynchronous MV's storage, as StarRocks lays them out
 * (MaterializedViewAnalyzer): the sort-key columns first — ORDER BY's when written, otherwise
 * chosen from the query's columns — then the others in query order. Every column is nullable,
 * like CTAS. The query's output order is kept for refreshes (`mvOutputNames`).
 */
import type { ColumnDescriptor } from '../catalog/index.js';
import { SqlError } from '../errors/index.js';
import type { AstCreateMaterializedView, AstViewColumn } from '../sql/index.js';
import type { SqlType } from '../types/index.js';
import { keyable, shortKeyBytes } from './table-def.js';

/** The short-key prefix StarRocks fills from the leading key columns. */
const SHORT_KEY_BYTES = 36;

interface OutputColumn {
  readonly name: string;
  readonly type: SqlType;
}

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** Index bytes of a column while choosing keys (floating point counts its width, not a key's). */
function indexBytes(t: SqlType): number {
  return t.kind === 'float' ? 4 : t.kind === 'double' ? 8 : shortKeyBytes(t);
}

/**
 * StarRocks' default sort keys for an MV: skip the leading columns that cannot be keys, then take
 * key-able columns while the prefix stays within 36 bytes; a string column ends the keys.
 */
export function chooseSortKeys(columns: readonly OutputColumn[]): string[] {
  let i = columns.findIndex((c) => keyable(c.type));
  if (i < 0) throw invalid('All columns of materialized view cannot be used for keys');
  const keys: string[] = [];
  let bytes = 0;
  for (; i < columns.length; i++) {
    const c = columns[i] as OutputColumn;
    const isString = c.type.kind === 'char' || c.type.kind === 'varchar' || c.type.kind === 'string';
    bytes += indexBytes(c.type);
    if (bytes > SHORT_KEY_BYTES) {
      if (isString) keys.push(c.name);
      break;
    }
    if (!keyable(c.type)) continue;
    keys.push(c.name);
    if (isString) break;
  }
  return keys;
}

/** Columns of the MV's storage from the compiled query, sort keys first. */
export function mvColumns(
  stmt: AstCreateMaterializedView,
  compiled: { columns: readonly OutputColumn[] },
): ColumnDescriptor[] {
  const names = stmt.columns;
  if (names !== undefined && names.length !== compiled.columns.length)
    throw invalid("Number of columns don't equal number of SELECT statement's select list");
  const defs = compiled.columns.map((c, i) => {
    if (c.type.kind === 'null') throw invalid(`Unsupported type 'NULL_TYPE' in materialized view`);
    return { name: names?.[i]?.name ?? c.name, type: c.type, comment: names?.[i]?.comment ?? '' };
  });
  const byName = new Map<string, (typeof defs)[number]>();
  for (const d of defs) {
    if (byName.has(d.name.toLowerCase())) throw new SqlError('duplicate-column', { column: d.name });
    byName.set(d.name.toLowerCase(), d);
  }
  const keys = (stmt.orderBy ?? chooseSortKeys(defs)).map((k) => {
    const d = byName.get(k.toLowerCase());
    if (d === undefined) throw invalid(`Sort key not exists: ${k}`);
    if (!keyable(d.type)) throw invalid(`Type of sort key ${k} cannot be ${d.type.kind.toUpperCase()}`);
    return d;
  });
  const rest = defs.filter((d) => !keys.includes(d));
  return [...keys, ...rest].map((d) => ({
    name: d.name,
    type: d.type,
    nullable: true,
    isKey: keys.includes(d),
    defaultValue: null,
    autoIncrement: false,
    comment: d.comment,
  }));
}

/** The MV's column names in the query's output order (what its INSERT … SELECT fills). */
export function mvOutputNames(
  viewColumns: readonly AstViewColumn[] | undefined,
  compiled: { columns: readonly OutputColumn[] },
): string[] {
  return compiled.columns.map((c, i) => viewColumns?.[i]?.name ?? c.name);
}
