/**
 * How loaded rows are merged into a table — the one place that depends on the table model.
 * Every load path (Stream Load, transaction Stream Load commit, later Routine Load) ends in
 * `writeRows` inside the DuckDB transaction that also records the label, so a load is atomic.
 *
 * Today every table behaves as DUPLICATE KEY (append). The table-models work extends this file:
 * AGGREGATE (merge rows with equal keys with each column's aggregate), UNIQUE (last write wins),
 * PRIMARY KEY (upsert, `__op` deletes, partial update, merge_condition). `features` is where a
 * model declares which load options it can honour; anything else is refused before any byte is read.
 */
import type { TableEntry } from '../catalog/index.js';
import { insertIntoSql, quoteIdent } from '../codegen/index.js';
import type { EngineConnection } from '../engine/index.js';
import { LoadError } from './errors.js';

/** What a load asks of the table beyond plain rows. */
export interface WriteFeatures {
  readonly opColumn: boolean;
  readonly partialUpdate: boolean;
  readonly mergeCondition: string | null;
}

/** Refuse load options the table's model cannot honour (StarRocks' texts where they exist). */
export function checkWriteFeatures(table: TableEntry, f: WriteFeatures): void {
  const primary = table.keysType === 'primary';
  if (f.partialUpdate && !primary) throw new LoadError('Only primary key table support partial update');
  if (f.mergeCondition !== null && !primary)
    throw new LoadError('Only primary key table support merge condition');
  if (f.opColumn && !primary)
    throw new LoadError('Only primary key table support __op column (upsert/delete)');
  if (f.partialUpdate || f.mergeCondition !== null || f.opColumn)
    throw new LoadError(
      'partial_update, merge_condition and __op are not supported yet: PRIMARY KEY upsert semantics are not implemented',
    );
}

/**
 * Write the rows of `sourceSql` (a SELECT producing the table's columns in table order) into the
 * table on `tx` (inside the load's transaction). Returns the number of rows written.
 */
export async function writeRows(tx: EngineConnection, table: TableEntry, sourceSql: string): Promise<number> {
  const storage = table.storage;
  if (storage === undefined) throw new LoadError(`load table type is not OlapTable, table=${table.name}`);
  switch (table.keysType) {
    case undefined:
    case 'duplicate':
    case 'aggregate':
    case 'unique':
    case 'primary':
    default:
      // Until the table-models work lands every model appends (DUPLICATE semantics).
      return tx.execute(
        insertIntoSql(
          storage,
          table.columns.map((c) => c.name),
          sourceSql,
        ),
      );
  }
}

/** `SELECT <table columns> FROM <relation>` for a staged copy with the table's column names. */
export function selectColumnsSql(table: TableEntry, relation: string): string {
  return `SELECT ${table.columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${relation}`;
}
