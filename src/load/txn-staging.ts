/**
 * The staging table of a transaction Stream Load: every `load` call's converted rows wait there
 * (durably, so PREPARED transactions survive a restart) until COMMIT hands them to the model
 * writer. Besides the table's columns it has `__op`, so PRIMARY KEY deletes sent by the Flink
 * and Spark connectors (`columns: …,__op`) are kept per row; columns a partial update does not
 * write stay NULL and are not read back.
 */
import type { StorageRef, TableEntry } from '../catalog/index.js';
import { quoteIdent } from '../codegen/index.js';
import { OP_COLUMN } from './write-plan.js';
import type { WriteFeatures } from './write.js';

const PLAIN: WriteFeatures = { opColumn: false, partialUpdate: false, mergeCondition: null };

const OP = quoteIdent(OP_COLUMN);

/** Create the staging table (empty copy of the table's storage plus `__op`). */
export function createStagingSql(staging: string, storage: StorageRef): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${staging} AS SELECT *, NULL::TINYINT AS ${OP} ` +
    `FROM ${quoteIdent(storage.schema)}.${quoteIdent(storage.table)} LIMIT 0`
  );
}

/** The written columns of a load, in the order its plan's rows SELECT produces them. */
function writtenColumns(table: TableEntry, f: WriteFeatures): string[] {
  return f.columns !== undefined ? [...f.columns] : table.columns.map((c) => c.name);
}

/** Insert one `load` call's rows (`rowsSql` from its plan, written with `f`) into staging. */
export function insertStagingSql(
  staging: string,
  table: TableEntry,
  f: WriteFeatures,
  rowsSql: string,
): string {
  const names = [...writtenColumns(table, f), ...(f.opColumn ? [OP_COLUMN] : [])];
  return `INSERT INTO ${staging} (${names.map(quoteIdent).join(', ')}) ${rowsSql}`;
}

/**
 * The features of a transaction from its loads: the last load's columns and options, `__op`
 * when any load carried it (a load without it staged NULL: upsert).
 */
export function mergeFeatures(previous: WriteFeatures | null, next: WriteFeatures): WriteFeatures {
  if (previous === null) return next;
  return { ...next, opColumn: previous.opColumn || next.opColumn };
}

/** The COMMIT source: staged rows as `writeRows` expects them with `f`. */
export function commitSourceSql(staging: string, table: TableEntry, f: WriteFeatures): string {
  const cols = writtenColumns(table, f).map(quoteIdent);
  if (f.opColumn) cols.push(`COALESCE(${OP}, 0) AS ${OP}`);
  return `SELECT ${cols.join(', ')} FROM ${staging}`;
}

/** Features kept in a transaction's properties JSON (absent in records from older builds: plain). */
export function featuresOf(properties: string): WriteFeatures {
  try {
    const p = JSON.parse(properties) as { write?: WriteFeatures };
    return p.write ?? PLAIN;
  } catch {
    return PLAIN;
  }
}
