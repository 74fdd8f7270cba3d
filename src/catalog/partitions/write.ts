/**
 * The partition step of every write into a table: runs inside the writing transaction and returns
 * the source SELECT to insert. Range/list tables get a guard that fails the statement on a row
 * outside every partition (StarRocks: "The row is out of partition ranges"); expression-partitioned
 * tables stage the rows, create the missing partitions (StarRocks' names) in the same transaction
 * and insert from the stage; INSERT OVERWRITE first deletes the rows it replaces.
 */
import { SqlError } from '../../errors/index.js';
import type { EngineConnection } from '../../engine/index.js';
import type { TableDescriptor } from '../api.js';
import type { TableEntry } from '../model.js';
import { compareTuple } from './bounds.js';
import { autoListPartition, autoRange, autoRangePartition, partitionPredicate } from './layout.js';
import { withTableLock } from './locks.js';
import { keyDuckType, qi, qs, schemeOf, type PartitionScheme } from './scheme.js';
import type { SqlType } from '../../types/index.js';
import { insertPartitions, listPartitions, type PartitionRow } from './store.js';
import { listPartitionName } from './bounds.js';

/**
 * error() text of the guard: StarRocks' reason itself, so a load that reports DuckDB's message
 * reads right; INSERT maps it to "Insert has filtered data" (`withPartitionedWrite`).
 */
export const OUT_OF_RANGE_MARKER = 'The row is out of partition ranges. Please add a new partition.';

export interface PartitionWriteOptions {
  /** INSERT OVERWRITE: replace the rows of the target partitions (all, when none named). */
  readonly overwrite: boolean;
  /** `PARTITION (p1, p2)`: rows must fall in these partitions. */
  readonly partitions: readonly string[] | null;
  /** false: rows outside every partition are filtered instead of failing the statement. */
  readonly strict: boolean;
}

function storageName(table: TableEntry): string {
  const s = table.storage;
  if (s === undefined) throw new SqlError('internal-error', { message: 'table without storage' });
  return `${qi(s.schema)}.${qi(s.table)}`;
}

function unknownPartition(name: string, table: string): SqlError {
  return new SqlError('analysis-error', { message: `Unknown partition '${name}' in table '${table}'` });
}

/** Named partitions (case-insensitive), or every normal partition. */
function targets(
  table: TableEntry,
  parts: readonly PartitionRow[],
  names: readonly string[] | null,
): PartitionRow[] {
  const normal = parts.filter((p) => !p.temp);
  if (names === null) return normal;
  return names.map((n) => {
    const p = normal.find((x) => x.name.toLowerCase() === n.toLowerCase());
    if (p === undefined) throw unknownPartition(n, table.name);
    return p;
  });
}

/** `row belongs to one of parts`, merging adjacent single-column ranges so 365 days stay one test. */
export function membershipSql(scheme: PartitionScheme, parts: readonly PartitionRow[]): string {
  if (parts.length === 0) return 'false';
  if (scheme.kind === 'range' && scheme.keySql.length === 1) {
    const t = scheme.keyTypes;
    const sorted = [...parts].sort((a, b) => compareTuple(t, a.lower ?? [], b.lower ?? [], 'min'));
    const merged: PartitionRow[] = [];
    for (const p of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && compareTuple(t, last.upper ?? [], p.lower ?? [], 'max') === 0)
        merged[merged.length - 1] = { ...last, upper: p.upper };
      else merged.push(p);
    }
    return `(${merged.map((p) => partitionPredicate(scheme, p)).join(' OR ')})`;
  }
  return `(${parts.map((p) => partitionPredicate(scheme, p)).join(' OR ')})`;
}

/** Create the automatic partitions the staged rows need; returns every partition afterwards. */
async function createAutoPartitions(
  conn: EngineConnection,
  table: TableEntry,
  scheme: PartitionScheme,
  parts: PartitionRow[],
  stage: string,
): Promise<PartitionRow[]> {
  const keys = scheme.keySql.map((k, i) => `CAST(${k} AS VARCHAR) AS k${i}`).join(', ');
  const { rows } = await conn.queryAll(`SELECT DISTINCT ${keys} FROM ${stage}`);
  const types = scheme.keyTypes;
  const fresh = [];
  const names = new Set(parts.map((p) => p.name.toLowerCase()));
  for (const r of rows) {
    const values = r.map((v) => (v === null ? null : String(v)));
    if (scheme.kind === 'range') {
      const v = values[0] ?? null;
      if (v === null) {
        // NULL keys live in the partition that starts at MINVALUE (StarRocks: p00000101).
        if (parts.some((p) => !p.temp && (p.lower ?? []).every((x) => x === null))) continue;
        const name = autoRange(scheme, '0000-01-01').name;
        if (names.has(name.toLowerCase())) continue;
        names.add(name.toLowerCase());
        fresh.push(autoRangePartition(scheme, table.id, null, name));
        continue;
      }
      const covered = parts.some(
        (p) =>
          !p.temp &&
          compareTuple(types, p.lower ?? [], [v], 'min') <= 0 &&
          compareTuple(types, [v], p.upper ?? [], 'max') < 0,
      );
      if (covered) continue;
      const { name } = autoRange(scheme, v);
      if (names.has(name.toLowerCase())) continue;
      names.add(name.toLowerCase());
      fresh.push(autoRangePartition(scheme, table.id, v, name));
    } else {
      const key = values.join('\u0000');
      if (parts.some((p) => !p.temp && p.values?.some((t) => t.join('\u0000') === key))) continue;
      let name = listPartitionName(values);
      for (let i = 1; names.has(name.toLowerCase()); i++) name = `${listPartitionName(values)}_${i}`;
      names.add(name.toLowerCase());
      fresh.push(autoListPartition(scheme, table.id, values, name));
    }
  }
  if (fresh.length === 0) return parts;
  return [...parts, ...(await insertPartitions(conn, fresh))];
}

/**
 * Prepare a write of `sourceSql` (a SELECT of the table's columns in table order) on `conn`
 * (inside the writing transaction). Returns the SELECT to insert instead.
 */
export async function preparePartitionedWrite(
  conn: EngineConnection,
  table: TableEntry,
  sourceSql: string,
  options: PartitionWriteOptions,
): Promise<string> {
  const scheme = schemeOf(table.definition.partition, table.columns);
  const storage = storageName(table);
  if (scheme === null) {
    if (options.partitions !== null)
      for (const n of options.partitions) if (n !== table.name) throw unknownPartition(n, table.name);
    if (options.overwrite) await conn.execute(`DELETE FROM ${storage}`);
    return sourceSql;
  }
  const aliases = table.columns.map((c) => qi(c.name)).join(', ');
  let source = `SELECT * FROM (${sourceSql}) AS __p(${aliases})`;
  let parts = await listPartitions(conn, table.id);
  if (scheme.auto && options.partitions === null) {
    // One stage per connection, replaced by its next write (DuckDB temp tables are per connection).
    const stage = 'temp.__rockling_pstage';
    await conn.execute(`CREATE OR REPLACE TEMP TABLE __rockling_pstage AS ${source}`);
    parts = await createAutoPartitions(conn, table, scheme, parts, stage);
    source = `SELECT * FROM ${stage}`;
  }
  if (!parts.some((p) => !p.temp) && !scheme.auto)
    throw new SqlError('analysis-error', {
      message: `data cannot be inserted into table with empty partition. Use \`SHOW PARTITIONS FROM ${table.name}\` to see the currently partitions of this table`,
    });
  const target = targets(table, parts, options.partitions);
  const member = membershipSql(scheme, target);
  if (options.overwrite) {
    if (options.partitions === null) await conn.execute(`DELETE FROM ${storage}`);
    else await conn.execute(`DELETE FROM ${storage} WHERE ${member}`);
  }
  const guard = options.strict
    ? `CASE WHEN ${member} THEN true ELSE error(${qs(OUT_OF_RANGE_MARKER)}) END`
    : `coalesce(${member}, false)`;
  return `${PREPARED}SELECT * FROM (${source}) AS __g WHERE ${guard}`;
}

/** Marks a source already prepared (INSERT did it with its options), so the write hook passes it. */
const PREPARED = '/*rockling:partitioned*/ ';

/**
 * The hook in the model-aware writer (load/write.ts): a full-row source for a partitioned table
 * gets the partition step (range check, automatic partitions); anything else passes unchanged.
 */
export async function partitionedSource(
  conn: EngineConnection,
  table: TableDescriptor,
  sourceSql: string,
  fullRows: boolean,
): Promise<string> {
  if (!fullRows || sourceSql.startsWith(PREPARED) || !('definition' in table)) return sourceSql;
  const entry = table as TableEntry;
  if (entry.definition.partition === undefined) return sourceSql;
  return preparePartitionedWrite(conn, entry, sourceSql, {
    overwrite: false,
    partitions: null,
    strict: true,
  });
}

/** StarRocks' error for a write that failed the partition guard; other errors pass through. */
export function partitionWriteError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes(OUT_OF_RANGE_MARKER))
    return new SqlError('insert-filtered', { detail: OUT_OF_RANGE_MARKER });
  return error;
}

/**
 * Run a write transaction on a table with the partition lock shared (exclusive for OVERWRITE) and
 * StarRocks' error for rows outside every partition.
 */
export async function withPartitionedWrite<T>(
  table: { readonly id?: number } | object,
  exclusive: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  const id = 'id' in table && typeof table.id === 'number' ? table.id : -1;
  try {
    return await withTableLock(id, exclusive, fn);
  } catch (error) {
    throw partitionWriteError(error);
  }
}

/**
 * `PARTITION (col = value, …)`: the partition holding these values, created first when the table
 * partitions automatically. Returns its name (rows written must then fall in it).
 */
export async function partitionOfValues(
  conn: EngineConnection,
  table: TableEntry,
  values: ReadonlyMap<string, string | null>,
): Promise<string> {
  const scheme = schemeOf(table.definition.partition, table.columns);
  if (scheme === null)
    throw new SqlError('analysis-error', { message: `Table ${table.name} is not partitioned` });
  const items = scheme.columns.map((c, i) => {
    const v = [...values].find(([k]) => k.toLowerCase() === c.toLowerCase());
    if (v === undefined)
      throw new SqlError('analysis-error', { message: `Must include partition column ${c}` });
    const t = keyDuckType(table.columns.find((x) => x.name === c)?.type ?? (scheme.keyTypes[i] as SqlType));
    return `${v[1] === null ? 'NULL' : `CAST(${qs(v[1])} AS ${t})`} AS ${qi(c)}`;
  });
  const stage = `(SELECT ${items.join(', ')}) AS __v`;
  let parts = await listPartitions(conn, table.id);
  if (scheme.auto) parts = await createAutoPartitions(conn, table, scheme, parts, stage);
  const keys = scheme.keySql.map((k, i) => `CAST(${k} AS VARCHAR) AS k${i}`).join(', ');
  const { rows } = await conn.queryAll(`SELECT ${keys} FROM ${stage}`);
  const key = (rows[0] ?? []).map((v) => (v === null ? null : String(v)));
  const types = scheme.keyTypes;
  const hit = parts.find((p) =>
    p.temp
      ? false
      : scheme.kind === 'range'
        ? compareTuple(types, p.lower ?? [], key, 'min') <= 0 &&
          compareTuple(types, key, p.upper ?? [], 'max') < 0
        : (p.values ?? []).some((t) => t.join('\u0000') === key.join('\u0000')),
  );
  if (hit === undefined) throw new SqlError('insert-filtered', { detail: OUT_OF_RANGE_MARKER });
  return hit.name;
}
