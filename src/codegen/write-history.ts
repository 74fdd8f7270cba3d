/**
 * Time travel (`SELECT … FROM t BEFORE 'datetime'`, StarRocks' GTID-based reads) over a store that
 * keeps no old row versions. Every model write (load/write.ts) appends one row to
 * `__rockling.row_history`: when it wrote, the table's row count before it, and the rows it wrote
 * (it only appended when the count grew by exactly that much). DuckDB numbers a table's rows in
 * append order and never renumbers live rows, so while a table's rows have only ever been appended
 * the rows that existed at instant X are exactly those with `rowid` below the count after the last
 * write at or before X. A read BEFORE X therefore answers exactly when the whole history is a
 * chain of appends from an empty table and no deleted row is physically present (the live count
 * equals DuckDB's stored row count); otherwise it fails rather than guess — an UPDATE, DELETE, upsert of an existing key,
 * OVERWRITE or TRUNCATE ends time travel on that table.
 * Every identifier and literal goes through escape.ts.
 */
import type { StorageRef } from '../catalog/index.js';
import { quoteQualified, quoteString } from './escape.js';
import type { EmitSession } from './function-emitter.js';
import { DEFAULT_TIME_ZONE, fromLocal, parseZone } from './functions/time-zone.js';

/** The history table (created by the catalog's bootstrap, catalog/store.ts). */
const HISTORY_TABLE = '"__rockling"."row_history"';

/**
 * Forget the writes of tables whose storage no longer exists (dropped tables, temporary tables,
 * expired recycle bin): storage names are never reused, so those rows can only grow the history.
 */
export const PRUNE_HISTORY_SQL = `DELETE FROM ${HISTORY_TABLE} h WHERE NOT EXISTS (SELECT 1 FROM duckdb_tables() t WHERE t.database_name = current_database() AND t.schema_name = h.storage_schema AND t.table_name = h.storage_table)`;

/** The live row count of a table (in the caller's transaction). */
export function countRowsSql(ref: StorageRef): string {
  return `SELECT count(*) FROM ${quoteQualified(ref.schema, ref.table)}`;
}

/** Record one write: epoch microseconds, the table's row count before it, the rows it wrote. */
export function recordWriteSql(ref: StorageRef, tsUs: number, before: number, written: number): string {
  const ints = [tsUs, before, written].map((n) => String(Math.trunc(n)));
  return `INSERT INTO ${HISTORY_TABLE} VALUES (${quoteString(ref.schema)}, ${quoteString(ref.table)}, ${ints.join(', ')})`;
}

/**
 * The rows of `ref` as of the instant `instantSql` (a TIMESTAMPTZ expression): a subquery with
 * the table's columns, or a statement error when the history cannot answer exactly. A write's
 * count after is the next write's count before (the live count for the last one); it only
 * appended when that grew by exactly the rows it wrote, and the first write found the table empty.
 */
export function rowsBeforeSql(ref: StorageRef, tableName: string, instantSql: string): string {
  const table = quoteQualified(ref.schema, ref.table);
  const live = `(SELECT count(*) FROM ${table})`;
  const where = `storage_schema = ${quoteString(ref.schema)} AND storage_table = ${quoteString(ref.table)}`;
  const chain = `SELECT ts_us, rows_before, rows_written,
      coalesce(lead(rows_before) OVER (ORDER BY ts_us, rows_before), ${live}) AS rows_after
    FROM ${HISTORY_TABLE} WHERE ${where}`;
  const stats = `SELECT
      coalesce(arg_max(rows_after, ts_us) FILTER (WHERE ts_us <= epoch_us(${instantSql})), 0) AS wm,
      coalesce(bool_and(rows_after - rows_before = rows_written), true)
        AND coalesce(arg_min(rows_before, ts_us), 0) = 0 AS ok
    FROM (${chain}) AS h`;
  const physical = `(SELECT estimated_size FROM duckdb_tables() WHERE database_name = current_database()
      AND schema_name = ${quoteString(ref.schema)} AND table_name = ${quoteString(ref.table)})`;
  const message = quoteString(
    `Table '${tableName}' cannot be read BEFORE a past moment: Rockling keeps no older row versions, ` +
      'and rows of this table were updated, deleted or replaced (time travel needs an append-only history)',
  );
  const bound = `(SELECT CASE WHEN s.ok AND ${live} = ${physical} THEN s.wm ELSE error(${message}) END FROM (${stats}) AS s)`;
  return `(SELECT * FROM ${table} WHERE rowid < ${bound})`;
}

/** The scan of `FROM t BEFORE 'datetime'`: the datetime is local time in the session zone. */
export function beforeScanSql(
  tableName: string,
  ref: StorageRef,
  datetime: string,
  session?: EmitSession,
): string {
  const zone = parseZone(session?.timeZone ?? DEFAULT_TIME_ZONE);
  return rowsBeforeSql(ref, tableName, fromLocal(quoteString(datetime), zone, quoteString));
}
