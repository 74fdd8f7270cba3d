/**
 * DuckDB SQL for writing a batch of rows into a table according to its StarRocks model. The batch
 * is first staged in a per-connection temp table with a source ordinal (`__ord`), then merged:
 *
 * - PRIMARY KEY / UNIQUE KEY: keep the last row per key (or, with merge_condition, the latest row
 *   with the greatest condition value), then upsert; `__op` = 1 rows delete their key.
 * - AGGREGATE KEY: aggregate the batch per key with each column's aggregate, then merge with the
 *   stored row (`v = v + excluded.v` for SUM, greatest/least, replace, union for HLL/BITMAP…).
 *
 * When every key column is NOT NULL the storage has a UNIQUE index on the key (`keyIndexSql`) and
 * the merge is `INSERT … ON CONFLICT DO UPDATE` (an index probe per row). Tables with nullable key
 * columns (StarRocks treats NULL keys as equal) or without the index (data directories created
 * before the index existed) use `MERGE INTO … ON key IS NOT DISTINCT FROM key` instead.
 * Every identifier goes through escape.ts; no user text is emitted otherwise.
 */
import type { ColumnDescriptor, StorageRef } from '../catalog/index.js';
import type { AggregateType, KeysType } from '../sql/ast/index.js';
import { duckdbType, quoteIdent, quoteQualified, quoteString } from './escape.js';
import { mergeStateSql, unionAggSql } from './model-types.js';

/** The temp table a batch is staged in (one per connection; dropped after each batch). */
export const STAGE_TABLE = '__rockling_write_stage';
const DEDUP_TABLE = '__rockling_write_dedup';
const ORD = '"__ord"';
const OP = '"__op"';

/** A table as the model writer needs it. */
export interface ModelTarget {
  readonly storage: StorageRef;
  readonly keysType: KeysType;
  readonly columns: readonly ColumnDescriptor[];
}

/** How the staged batch maps onto the table. */
export interface BatchLayout {
  /** Index into `target.columns` of each source column, in source order. */
  readonly provided: readonly number[];
  /** The source has a trailing `__op` column (0/'upsert' or 1/'delete'). */
  readonly opColumn: boolean;
  /** Only rows whose value in this column is ≥ the stored one update (PRIMARY KEY). */
  readonly mergeCondition: number | null;
  /** Partial update: columns not provided keep their stored value on update. */
  readonly partial: boolean;
  /**
   * Table column indexes that change when the key exists (INSERT with a column list into a
   * PRIMARY KEY table); the others keep their stored values. null: every provided column.
   */
  readonly updateOnly?: readonly number[] | null;
}

/** Name of the UNIQUE index that backs a keyed table's upserts. */
export function keyIndexName(ref: StorageRef): string {
  return `${ref.table}_key`;
}

/** The UNIQUE index on the key columns (only when every key column is NOT NULL). */
export function keyIndexSql(ref: StorageRef, keyColumns: readonly string[]): string {
  return `CREATE UNIQUE INDEX ${quoteIdent(keyIndexName(ref))} ON ${quoteQualified(ref.schema, ref.table)} (${keyColumns.map(quoteIdent).join(', ')})`;
}

/** Whether a keyed table gets the index: not DUPLICATE, and every key column NOT NULL. */
export function wantsKeyIndex(keysType: KeysType | undefined, columns: readonly ColumnDescriptor[]): boolean {
  if (keysType === undefined || keysType === 'duplicate') return false;
  const keys = columns.filter((c) => c.isKey);
  return keys.length > 0 && keys.every((c) => !c.nullable);
}

/** Query (params: schema, table, index name) counting the key index; 1 when present. */
export const KEY_INDEX_EXISTS_SQL =
  'SELECT count(*) FROM duckdb_indexes() WHERE schema_name = $1 AND table_name = $2 AND index_name = $3';

const stageCol = (i: number): string => quoteIdent(`c${i}`);

/** Stage a batch: its rows plus a source ordinal. Returns the statement (rows changed = batch size). */
export function stageBatchSql(sourceSql: string, width: number, opColumn: boolean): string {
  const names = Array.from({ length: width }, (_, i) => stageCol(i));
  if (opColumn) names.push(OP);
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(STAGE_TABLE)} AS SELECT *, row_number() OVER () AS ${ORD} FROM (${sourceSql}) AS s(${names.join(', ')})`;
}

/**
 * The number of staged rows and the number of distinct keys among them (equal: no key repeats in
 * the batch, so the writer may skip the per-key reduction).
 */
export function countStageSql(t: ModelTarget, layout: BatchLayout): string {
  const keys = keyIdx(t).map((ci) => stageCol(layout.provided.indexOf(ci)));
  const stage = quoteIdent(STAGE_TABLE);
  return `SELECT (SELECT count(*) FROM ${stage}), (SELECT count(*) FROM (SELECT DISTINCT ${keys.join(', ')} FROM ${stage}))`;
}

/** Drop the staging tables of the batch. */
export function dropStageSql(): string[] {
  return [
    `DROP TABLE IF EXISTS ${quoteIdent(STAGE_TABLE)}`,
    `DROP TABLE IF EXISTS ${quoteIdent(DEDUP_TABLE)}`,
  ];
}

function target(t: ModelTarget): string {
  return `${quoteQualified(t.storage.schema, t.storage.table)} AS "__t"`;
}

/** Batches above this many rows insert their new keys with a plain INSERT (see `conflictSplit`). */
export const BULK_ROWS = 50_000;

/**
 * The final write of a keyed batch. Small batches: one `INSERT … ON CONFLICT`. Bulk batches: the
 * rows whose key exists go through ON CONFLICT, the new ones through a plain INSERT — DuckDB
 * stores rows appended through the ON CONFLICT path in a way that makes later upserts into the
 * table about 10× slower (measured: 10M rows loaded by INSERT OR REPLACE, then 10k-row upserts
 * took 2.2–2.9 s instead of 0.2–0.4 s), so bulk loads must not take it for new keys. The new keys
 * go in key order: what slows later upserts is the rows' physical order (raw DuckDB, 10M rows, same
 * rows and index: appended in key order 0.3–0.6 s per 10k-row upsert, in scrambled order 3.4–8.9 s,
 * also with the index rebuilt in bulk afterwards), and the staging/anti-join loses the source order.
 */
function conflictSplit(
  t: ModelTarget,
  head: string,
  keyRef: (ci: number) => string,
  onConflict: string,
  bulk: boolean,
): string[] {
  if (!bulk) return [`${head} ${onConflict}`];
  const match = keyIdx(t)
    .map((ci) => `"__x".${quoteIdent(t.columns[ci]?.name ?? '')} = ${keyRef(ci)}`)
    .join(' AND ');
  const exists = `EXISTS (SELECT 1 FROM ${quoteQualified(t.storage.schema, t.storage.table)} AS "__x" WHERE ${match})`;
  const keyOrder = keyIdx(t).map(keyRef).join(', ');
  return [`${head} WHERE ${exists} ${onConflict}`, `${head} WHERE NOT ${exists} ORDER BY ${keyOrder}`];
}

/** SQL of a column's default value (StarRocks keeps defaults as text). */
export function defaultValueSql(c: ColumnDescriptor): string {
  const d = c.defaultValue;
  const type = duckdbType(c.type);
  if (d === null) return `CAST(NULL AS ${type})`;
  if (/^(current_timestamp|now)(\(\))?$/i.test(d)) return `CAST(current_localtimestamp() AS ${type})`;
  return `CAST(${quoteString(d)} AS ${type})`;
}

/** The staged value of table column `ci`, or its default when the batch does not provide it. */
function valueOf(layout: BatchLayout, t: ModelTarget, ci: number, rel: string): string {
  const at = layout.provided.indexOf(ci);
  if (at >= 0) return `${rel}${stageCol(at)}`;
  return defaultValueSql(t.columns[ci] as ColumnDescriptor);
}

function keyIdx(t: ModelTarget): number[] {
  return t.columns.flatMap((c, i) => (c.isKey ? [i] : []));
}

/** `normalised __op`: 1 for delete ('1', 'delete'), else 0. */
function opValue(): string {
  return `(CASE WHEN lower(trim(CAST(${OP} AS VARCHAR))) IN ('1', 'delete') THEN 1 ELSE 0 END)`;
}

/** PK/UNIQUE: the last row per key (merge_condition: the latest with the greatest value). */
function dedupSql(t: ModelTarget, layout: BatchLayout): string {
  const keys = keyIdx(t).map((ci) => stageCol(layout.provided.indexOf(ci)));
  const mc = layout.mergeCondition;
  const order =
    mc === null ? `${ORD} DESC` : `${stageCol(layout.provided.indexOf(mc))} DESC NULLS LAST, ${ORD} DESC`;
  return `SELECT * FROM ${quoteIdent(STAGE_TABLE)} QUALIFY row_number() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${order}) = 1`;
}

/**
 * Statements that upsert (and, with `__op`, delete) a staged PK/UNIQUE batch. `unique`: no key
 * repeats in the batch (no reduction needed).
 */
export function upsertSql(
  t: ModelTarget,
  layout: BatchLayout,
  indexed: boolean,
  unique = false,
  bulk = false,
): string[] {
  const out: string[] = [];
  const updateOnly = layout.updateOnly ?? null;
  const whole = !layout.partial && !layout.opColumn && layout.mergeCondition === null && updateOnly === null;
  if (indexed && unique && whole && layout.provided.every((ci, i) => ci === i) && !bulk) {
    // The common case (INSERT, plain loads): a full-row replace straight from the staged rows.
    const cols = t.columns.map((_, i) => stageCol(i));
    out.push(
      `INSERT OR REPLACE INTO ${quoteQualified(t.storage.schema, t.storage.table)} (${t.columns.map((c) => quoteIdent(c.name)).join(', ')}) SELECT ${cols.join(', ')} FROM ${quoteIdent(STAGE_TABLE)}`,
    );
    return out;
  }
  let source = unique ? quoteIdent(STAGE_TABLE) : `(${dedupSql(t, layout)})`;
  if (layout.opColumn) {
    out.push(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(DEDUP_TABLE)} AS ${dedupSql(t, layout)}`);
    out.push(deleteKeysSql(t, layout, `(SELECT * FROM ${quoteIdent(DEDUP_TABLE)} WHERE ${opValue()} = 1)`));
    source = `(SELECT * FROM ${quoteIdent(DEDUP_TABLE)} WHERE ${opValue()} = 0)`;
  }
  const all = t.columns.map((_, i) => i);
  const updated = all.filter(
    (ci) =>
      !t.columns[ci]?.isKey &&
      (updateOnly !== null ? updateOnly.includes(ci) : !layout.partial || layout.provided.includes(ci)),
  );
  const mc = layout.mergeCondition;
  const names = t.columns.map((c) => quoteIdent(c.name));
  if (indexed) {
    const values = all.map((ci) => valueOf(layout, t, ci, '__s.'));
    const sets = updated.map((ci) => `${names[ci]} = excluded.${names[ci]}`);
    const cond = mc === null ? '' : ` WHERE excluded.${names[mc]} >= "__t".${names[mc]}`;
    const action = sets.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${sets.join(', ')}${cond}`;
    const head = `INSERT INTO ${target(t)} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${source} AS __s`;
    const keyRef = (ci: number): string => `__s.${stageCol(layout.provided.indexOf(ci))}`;
    out.push(...conflictSplit(t, head, keyRef, `ON CONFLICT ${action}`, bulk));
    return out;
  }
  const on = keyIdx(t)
    .map((ci) => `"__t".${names[ci]} IS NOT DISTINCT FROM __s.${stageCol(layout.provided.indexOf(ci))}`)
    .join(' AND ');
  const sets = updated.map((ci) => `${names[ci]} = ${valueOf(layout, t, ci, '__s.')}`);
  const cond = mc === null ? '' : ` AND __s.${stageCol(layout.provided.indexOf(mc))} >= "__t".${names[mc]}`;
  const matched = sets.length === 0 ? '' : ` WHEN MATCHED${cond} THEN UPDATE SET ${sets.join(', ')}`;
  const values = all.map((ci) => valueOf(layout, t, ci, '__s.'));
  out.push(
    `MERGE INTO ${target(t)} USING ${source} AS __s ON ${on}${matched} WHEN NOT MATCHED THEN INSERT (${names.join(', ')}) VALUES (${values.join(', ')})`,
  );
  return out;
}

/** Delete the stored rows whose key appears in `source` (staged columns). */
function deleteKeysSql(t: ModelTarget, layout: BatchLayout, source: string): string {
  const on = keyIdx(t)
    .map(
      (ci) =>
        `"__t".${quoteIdent(t.columns[ci]?.name ?? '')} IS NOT DISTINCT FROM __s.${stageCol(layout.provided.indexOf(ci))}`,
    )
    .join(' AND ');
  return `DELETE FROM ${target(t)} USING ${source} AS __s WHERE ${on}`;
}

/** The batch aggregate of one AGGREGATE-model value column. */
function batchAgg(c: ColumnDescriptor, v: string): string {
  const agg: AggregateType = c.aggType ?? 'replace';
  const type = duckdbType(c.type);
  switch (agg) {
    case 'sum':
      return `CAST(sum(${v}) AS ${type})`;
    case 'max':
      return `max(${v})`;
    case 'min':
      return `min(${v})`;
    case 'replace':
      return `arg_max_null(${v}, ${ORD})`;
    case 'replace_if_not_null':
      return `arg_max(${v}, ${ORD})`;
    case 'hll_union':
    case 'bitmap_union':
    case 'percentile_union':
      return unionAggSql(agg, v);
  }
}

/** The merge of a stored value `a` with the batch's aggregated value `b`. */
function mergeValue(c: ColumnDescriptor, a: string, b: string): string {
  const agg: AggregateType = c.aggType ?? 'replace';
  switch (agg) {
    case 'sum':
      return `CAST(coalesce(${a} + ${b}, ${a}, ${b}) AS ${duckdbType(c.type)})`;
    case 'max':
      return `greatest(${a}, ${b})`;
    case 'min':
      return `least(${a}, ${b})`;
    case 'replace':
      return b;
    case 'replace_if_not_null':
      return `coalesce(${b}, ${a})`;
    case 'hll_union':
    case 'bitmap_union':
    case 'percentile_union':
      return mergeStateSql(agg, a, b);
  }
}

/**
 * Statement merging a staged batch into an AGGREGATE KEY table. `unique`: no key repeats in the
 * batch, so the rows merge with the stored ones without a GROUP BY first.
 */
export function aggregateSql(
  t: ModelTarget,
  layout: BatchLayout,
  indexed: boolean,
  unique = false,
  bulk = false,
): string[] {
  const names = t.columns.map((c) => quoteIdent(c.name));
  const keys = keyIdx(t).map((ci) => stageCol(layout.provided.indexOf(ci)));
  const items = t.columns.map((c, ci) => {
    const at = layout.provided.indexOf(ci);
    const v = at >= 0 ? stageCol(at) : defaultValueSql(c);
    return `${c.isKey || unique ? v : batchAgg(c, v)} AS ${quoteIdent(`a${ci}`)}`;
  });
  const grouped = unique
    ? `(SELECT ${items.join(', ')} FROM ${quoteIdent(STAGE_TABLE)})`
    : `(SELECT ${items.join(', ')} FROM ${quoteIdent(STAGE_TABLE)} GROUP BY ${keys.join(', ')})`;
  const values = t.columns.map((_, ci) => `__s.${quoteIdent(`a${ci}`)}`);
  const valueCols = t.columns.flatMap((c, ci) => (c.isKey ? [] : [ci]));
  if (indexed) {
    const sets = valueCols.map(
      (ci) =>
        `${names[ci]} = ${mergeValue(t.columns[ci] as ColumnDescriptor, `"__t".${names[ci]}`, `excluded.${names[ci]}`)}`,
    );
    const action = sets.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${sets.join(', ')}`;
    const head = `INSERT INTO ${target(t)} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${grouped} AS __s`;
    return conflictSplit(t, head, (ci) => `__s.${quoteIdent(`a${ci}`)}`, `ON CONFLICT ${action}`, bulk);
  }
  const on = keyIdx(t)
    .map((ci) => `"__t".${names[ci]} IS NOT DISTINCT FROM __s.${quoteIdent(`a${ci}`)}`)
    .join(' AND ');
  const sets = valueCols.map(
    (ci) =>
      `${names[ci]} = ${mergeValue(t.columns[ci] as ColumnDescriptor, `"__t".${names[ci]}`, `__s.${quoteIdent(`a${ci}`)}`)}`,
  );
  const matched = sets.length === 0 ? '' : ` WHEN MATCHED THEN UPDATE SET ${sets.join(', ')}`;
  return [
    `MERGE INTO ${target(t)} USING ${grouped} AS __s ON ${on}${matched} WHEN NOT MATCHED THEN INSERT (${names.join(', ')}) VALUES (${values.join(', ')})`,
  ];
}

/** DUPLICATE KEY: plain append of a source producing every column in table order. */
export function appendSql(t: ModelTarget, sourceSql: string): string {
  return `INSERT INTO ${quoteQualified(t.storage.schema, t.storage.table)} (${t.columns.map((c) => quoteIdent(c.name)).join(', ')}) ${sourceSql}`;
}

/**
 * DELETE of the stored rows equal (NULL-safe) on `columns` to a row of `selectSql` (a compiled
 * query producing those columns in order): the key for keyed models, every column for DUPLICATE.
 */
export function deleteMatchingSql(
  ref: StorageRef,
  columns: readonly ColumnDescriptor[],
  selectSql: string,
): string {
  const aliases = columns.map((_, i) => stageCol(i));
  const on = columns
    .map((c, i) => `"__t".${quoteIdent(c.name)} IS NOT DISTINCT FROM __s.${aliases[i] ?? ''}`)
    .join(' AND ');
  return `DELETE FROM ${quoteQualified(ref.schema, ref.table)} AS "__t" USING (${selectSql}) AS __s(${aliases.join(', ')}) WHERE ${on}`;
}

/** The DuckDB SEQUENCE that numbers a table's AUTO_INCREMENT column (next to its storage). */
export function autoIncrementSequenceSql(ref: StorageRef): string {
  return `CREATE SEQUENCE IF NOT EXISTS ${quoteQualified(ref.schema, `${ref.table}__autoinc`)} START 1`;
}

/** DROP TABLE drops the table's AUTO_INCREMENT sequence with its storage. */
export function dropAutoIncrementSequenceSql(ref: StorageRef): string {
  return `DROP SEQUENCE IF EXISTS ${quoteQualified(ref.schema, `${ref.table}__autoinc`)}`;
}

/**
 * Wrap `sourceSql` so that a NULL in the AUTO_INCREMENT column (not given, or DEFAULT) takes the
 * stored id of an existing key (a keyed table keeps its ids on update) or else the next value of
 * the table's sequence. coalesce evaluates nextval only for rows still NULL, so ids are not spent
 * on rows that keep theirs. `width` is the number of source columns (with `__op`).
 */
export function autoIncrementSourceSql(
  t: ModelTarget,
  layout: BatchLayout,
  sourceSql: string,
  width: number,
): string {
  const auto = t.columns.findIndex((c) => c.autoIncrement);
  const pos = layout.provided.indexOf(auto);
  const col = t.columns[auto];
  if (col === undefined || pos < 0) return sourceSql;
  const names = Array.from({ length: width }, (_, i) => `"c${i}"`);
  const seq = quoteString(quoteQualified(t.storage.schema, `${t.storage.table}__autoinc`));
  const candidates = [`s.${names[pos] ?? ''}`];
  const keys = t.columns.flatMap((c, i) => (c.isKey ? [i] : []));
  if (t.keysType !== 'duplicate' && t.keysType !== 'aggregate' && !col.isKey) {
    const on = keys.map((k) => {
      const p = layout.provided.indexOf(k);
      return `o.${quoteIdent(t.columns[k]?.name ?? '')} IS NOT DISTINCT FROM s.${names[p] ?? ''}`;
    });
    const stored = quoteQualified(t.storage.schema, t.storage.table);
    candidates.push(`(SELECT o.${quoteIdent(col.name)} FROM ${stored} o WHERE ${on.join(' AND ')} LIMIT 1)`);
  }
  candidates.push(`nextval(${seq})`);
  const items = names.map((n, i) => (i === pos ? `coalesce(${candidates.join(', ')}) AS ${n}` : `s.${n}`));
  return `SELECT ${items.join(', ')} FROM (${sourceSql}) AS s(${names.join(', ')})`;
}
