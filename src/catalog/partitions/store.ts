/**
 * Partition metadata rows in `__rockling.partitions`, read and written on the caller's DuckDB
 * connection — always inside the transaction that also changes the rows they describe, so a
 * partition and its data appear and disappear together (and survive kill -9 together).
 * Fixed SQL with bound parameters.
 */
import type { EngineConnection } from '../../engine/index.js';
import type { Value } from '../../types/index.js';

const M = '__rockling';

/** One partition (range bounds: null entries are MINVALUE below / MAXVALUE above). */
export interface PartitionRow {
  readonly tableId: number;
  readonly id: number;
  readonly name: string;
  readonly temp: boolean;
  readonly kind: 'range' | 'list';
  readonly lower: readonly (string | null)[] | null;
  readonly upper: readonly (string | null)[] | null;
  readonly values: readonly (readonly (string | null)[])[] | null;
  readonly buckets: number;
  readonly version: number;
  readonly versionTime: string;
  readonly createTime: string;
  /** StarRocks' Range / PARTITION_VALUE rendering, precomputed for information_schema. */
  readonly rangeText: string;
  readonly partitionKey: string;
}

/** A partition about to be recorded (the id comes from the sequence). */
export type NewPartition = Omit<PartitionRow, 'id' | 'version' | 'versionTime' | 'createTime'>;

const DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS ${M}.partitions (
     table_id BIGINT NOT NULL, id BIGINT NOT NULL, name VARCHAR NOT NULL, is_temp BOOLEAN NOT NULL,
     kind VARCHAR NOT NULL, lower_bound VARCHAR, upper_bound VARCHAR, list_values VARCHAR,
     buckets BIGINT NOT NULL, visible_version BIGINT NOT NULL, visible_version_time TIMESTAMP NOT NULL,
     create_time TIMESTAMP NOT NULL, range_text VARCHAR NOT NULL, partition_key VARCHAR NOT NULL)`,
  `CREATE SEQUENCE IF NOT EXISTS ${M}.partition_ids START 100000`,
  `CREATE TABLE IF NOT EXISTS ${M}.alter_jobs (
     job_id BIGINT NOT NULL, db_id BIGINT NOT NULL, table_name VARCHAR NOT NULL, job_kind VARCHAR NOT NULL,
     create_time TIMESTAMP NOT NULL, finish_time TIMESTAMP NOT NULL, detail VARCHAR NOT NULL,
     state VARCHAR NOT NULL, msg VARCHAR NOT NULL)`,
];

/** Create the partition tables (idempotent) and forget rows of tables that no longer exist. */
export async function bootstrapPartitions(conn: EngineConnection): Promise<void> {
  await conn.executeAll(DDL);
  // Table ids are never reused, so rows of dropped tables are harmless; clean them anyway.
  await conn.execute(`DELETE FROM ${M}.partitions WHERE table_id NOT IN (SELECT id FROM ${M}.tables)`);
  // Side storage of temporary partitions whose table was dropped (DROP TABLE drops only `t<id>`).
  const { rows } = await conn.queryAll(
    `SELECT s.schema_name, s.table_name FROM duckdb_tables() s
     WHERE s.database_name = current_database() AND suffix(s.table_name, '_tmp')
       AND NOT EXISTS (SELECT 1 FROM ${M}.tables t WHERE t.storage_schema = s.schema_name
                       AND t.storage_table || '_tmp' = s.table_name)`,
  );
  for (const r of rows)
    await conn.execute(
      `DROP TABLE IF EXISTS "${String(r[0]).replace(/"/g, '""')}"."${String(r[1]).replace(/"/g, '""')}"`,
    );
}

function str(v: Value | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function json<T>(v: Value | undefined): T | null {
  return v === null || v === undefined ? null : (JSON.parse(String(v)) as T);
}

const COLUMNS = `table_id, id, name, is_temp, kind, lower_bound, upper_bound, list_values, buckets,
  visible_version, CAST(visible_version_time AS VARCHAR), CAST(create_time AS VARCHAR), range_text, partition_key`;

function rowOf(r: readonly Value[]): PartitionRow {
  return {
    tableId: Number(r[0]),
    id: Number(r[1]),
    name: str(r[2]),
    temp: r[3] === true,
    kind: str(r[4]) === 'list' ? 'list' : 'range',
    lower: json(r[5]),
    upper: json(r[6]),
    values: json(r[7]),
    buckets: Number(r[8]),
    version: Number(r[9]),
    versionTime: str(r[10]).slice(0, 19),
    createTime: str(r[11]).slice(0, 19),
    rangeText: str(r[12]),
    partitionKey: str(r[13]),
  };
}

/**
 * Partitions of a table (normal and temporary), oldest first. Concurrent writers may both have
 * created the same automatic partition: the first row of a name wins.
 */
export async function listPartitions(conn: EngineConnection, tableId: number): Promise<PartitionRow[]> {
  const { rows } = await conn.queryAll(
    `SELECT ${COLUMNS} FROM ${M}.partitions WHERE table_id = $1 ORDER BY id`,
    [tableId],
  );
  const seen = new Set<string>();
  const out: PartitionRow[] = [];
  for (const r of rows) {
    const p = rowOf(r);
    const key = `${p.temp ? 't' : 'n'}:${p.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** Record partitions; returns them with their ids. */
export async function insertPartitions(
  conn: EngineConnection,
  parts: readonly NewPartition[],
): Promise<PartitionRow[]> {
  const out: PartitionRow[] = [];
  for (const p of parts) {
    const { rows } = await conn.queryAll(
      `INSERT INTO ${M}.partitions VALUES ($1, nextval('${M}.partition_ids'), $2, $3, $4, $5, $6, $7, $8, 1,
         current_localtimestamp(), current_localtimestamp(), $9, $10) RETURNING ${COLUMNS}`,
      [
        p.tableId,
        p.name,
        p.temp,
        p.kind,
        p.lower === null ? null : JSON.stringify(p.lower),
        p.upper === null ? null : JSON.stringify(p.upper),
        p.values === null ? null : JSON.stringify(p.values),
        p.buckets,
        p.rangeText,
        p.partitionKey,
      ],
    );
    const row = rows[0];
    if (row !== undefined) out.push(rowOf(row));
  }
  return out;
}

export async function deletePartition(conn: EngineConnection, tableId: number, id: number): Promise<void> {
  await conn.execute(`DELETE FROM ${M}.partitions WHERE table_id = $1 AND id = $2`, [tableId, id]);
}

/** Forget every partition of a table (DROP TABLE, re-creation by CREATE TABLE LIKE). */
export async function deleteTablePartitions(conn: EngineConnection, tableId: number): Promise<void> {
  await conn.execute(`DELETE FROM ${M}.partitions WHERE table_id = $1`, [tableId]);
}

/** A load or truncate made a new version of these partitions visible. */
export async function bumpVersion(
  conn: EngineConnection,
  tableId: number,
  ids: readonly number[],
): Promise<void> {
  if (ids.length === 0) return;
  await conn.execute(
    `UPDATE ${M}.partitions SET visible_version = visible_version + 1, visible_version_time = current_localtimestamp()
     WHERE table_id = $1 AND list_contains($2::BIGINT[], id)`,
    [tableId, `[${ids.join(',')}]`],
  );
}

/** Turn a temporary partition into a normal one (REPLACE PARTITION … WITH TEMPORARY PARTITION). */
export async function promotePartition(
  conn: EngineConnection,
  tableId: number,
  id: number,
  name: string,
): Promise<void> {
  await conn.execute(
    `UPDATE ${M}.partitions SET is_temp = false, name = $3, visible_version = visible_version + 1,
       visible_version_time = current_localtimestamp() WHERE table_id = $1 AND id = $2`,
    [tableId, id, name],
  );
}

export async function renamePartition(
  conn: EngineConnection,
  tableId: number,
  id: number,
  name: string,
): Promise<void> {
  await conn.execute(`UPDATE ${M}.partitions SET name = $3 WHERE table_id = $1 AND id = $2`, [
    tableId,
    id,
    name,
  ]);
}

/** `ALTER TABLE … PARTITIONS (…) DISTRIBUTED BY … BUCKETS n`: new bucket count of those partitions. */
export async function setPartitionBuckets(
  conn: EngineConnection,
  tableId: number,
  ids: readonly number[],
  buckets: number,
): Promise<void> {
  if (ids.length === 0) return;
  await conn.execute(
    `UPDATE ${M}.partitions SET buckets = $3 WHERE table_id = $1 AND list_contains($2::BIGINT[], id)`,
    [tableId, `[${ids.join(',')}]`, buckets],
  );
}

/** One finished ALTER job (SHOW ALTER TABLE COLUMN/ROLLUP/OPTIMIZE). */
export interface AlterJob {
  readonly jobId: number;
  readonly dbId: number;
  readonly tableName: string;
  readonly kind: 'column' | 'rollup' | 'optimize';
  readonly createTime: string;
  readonly finishTime: string;
  readonly detail: string;
  readonly state: string;
  readonly msg: string;
}

export async function recordAlterJob(
  conn: EngineConnection,
  job: Omit<AlterJob, 'jobId' | 'createTime' | 'finishTime'>,
): Promise<void> {
  await conn.execute(
    `INSERT INTO ${M}.alter_jobs VALUES (nextval('${M}.partition_ids'), $1, $2, $3, current_localtimestamp(),
       current_localtimestamp(), $4, $5, $6)`,
    [job.dbId, job.tableName, job.kind, job.detail, job.state, job.msg],
  );
}

export async function listAlterJobs(
  conn: EngineConnection,
  dbId: number,
  kind: AlterJob['kind'],
): Promise<AlterJob[]> {
  const { rows } = await conn.queryAll(
    `SELECT job_id, db_id, table_name, job_kind, CAST(create_time AS VARCHAR), CAST(finish_time AS VARCHAR), detail,
       state, msg FROM ${M}.alter_jobs WHERE db_id = $1 AND job_kind = $2 ORDER BY job_id`,
    [dbId, kind],
  );
  return rows.map((r) => ({
    jobId: Number(r[0]),
    dbId: Number(r[1]),
    tableName: str(r[2]),
    kind,
    createTime: str(r[4]).slice(0, 19),
    finishTime: str(r[5]).slice(0, 19),
    detail: str(r[6]),
    state: str(r[7]),
    msg: str(r[8]),
  }));
}
