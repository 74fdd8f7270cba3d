/**
 * Load jobs in the durable store: schema `__rockling_load` of the data directory's DuckDB file.
 * A job row is written in the SAME DuckDB transaction as the rows it loaded (state VISIBLE), so
 * after any crash a label is either fully there with its rows or absent. Transaction Stream Load
 * keeps its converted rows in a staging table `__rockling_load.txn_<id>` until COMMIT moves them
 * into the table, and its job row (PREPARE/PREPARED) survives restarts with the staged rows.
 * Committed labels are also recorded in the catalog's `__rockling.labels` so INSERT … WITH LABEL
 * and loads share one label space per database. Fixed SQL with bound parameters only.
 */
import { labelExists, recordLabel } from '../catalog/index.js';
import { quoteIdent } from '../codegen/index.js';
import type { Engine, EngineConnection } from '../engine/index.js';
import type { Value } from '../types/index.js';

export const LOAD_SCHEMA = '__rockling_load';

export type TxnState = 'PREPARE' | 'PREPARED' | 'COMMITTED' | 'VISIBLE' | 'ABORTED';

/** One load job (a label's attempt). */
export interface JobRecord {
  readonly txnId: number;
  readonly dbId: number;
  readonly dbName: string;
  readonly label: string;
  readonly tableId: number;
  readonly tableName: string;
  /** 'stream' (one request) or 'txn' (transaction Stream Load). */
  readonly kind: 'stream' | 'txn';
  readonly state: TxnState;
  readonly user: string;
  readonly createTime: string;
  readonly finishTime: string | null;
  readonly timeoutSeconds: number;
  readonly preparedTimeoutSeconds: number | null;
  readonly totalRows: number;
  readonly loadedRows: number;
  readonly filteredRows: number;
  readonly unselectedRows: number;
  readonly loadBytes: number;
  readonly errorMsg: string | null;
  readonly errorUrl: string | null;
  /** The load's headers (format, separators, …) as JSON, for SHOW LOAD and transaction loads. */
  readonly properties: string;
}

const COLUMNS =
  'txn_id, db_id, db_name, label, table_id, table_name, kind, state, user_name, create_time, finish_time, ' +
  'timeout_s, prepared_timeout_s, total_rows, loaded_rows, filtered_rows, unselected_rows, load_bytes, ' +
  'error_msg, error_url, properties';

const DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${LOAD_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${LOAD_SCHEMA}.jobs (
     txn_id BIGINT NOT NULL, db_id BIGINT NOT NULL, db_name VARCHAR NOT NULL, label VARCHAR NOT NULL,
     table_id BIGINT NOT NULL, table_name VARCHAR NOT NULL, kind VARCHAR NOT NULL, state VARCHAR NOT NULL,
     user_name VARCHAR NOT NULL, create_time TIMESTAMP NOT NULL, finish_time TIMESTAMP,
     timeout_s INTEGER NOT NULL, prepared_timeout_s INTEGER, total_rows BIGINT NOT NULL,
     loaded_rows BIGINT NOT NULL, filtered_rows BIGINT NOT NULL, unselected_rows BIGINT NOT NULL,
     load_bytes BIGINT NOT NULL, error_msg VARCHAR, error_url VARCHAR, properties VARCHAR NOT NULL)`,
];

/** Create the schema and table when missing. */
export async function bootstrapLoadStore(engine: Engine): Promise<void> {
  await engine.withConnection(async (conn) => {
    for (const sql of DDL) await conn.execute(sql);
  });
}

function num(v: Value | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
function str(v: Value | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}
function optStr(v: Value | undefined): string | null {
  return v === null || v === undefined ? null : String(v);
}

function fromRow(r: readonly Value[]): JobRecord {
  return {
    txnId: num(r[0]),
    dbId: num(r[1]),
    dbName: str(r[2]),
    label: str(r[3]),
    tableId: num(r[4]),
    tableName: str(r[5]),
    kind: str(r[6]) === 'txn' ? 'txn' : 'stream',
    state: str(r[7]) as TxnState,
    user: str(r[8]),
    createTime: str(r[9]),
    finishTime: optStr(r[10]),
    timeoutSeconds: num(r[11]),
    preparedTimeoutSeconds: r[12] === null || r[12] === undefined ? null : num(r[12]),
    totalRows: num(r[13]),
    loadedRows: num(r[14]),
    filteredRows: num(r[15]),
    unselectedRows: num(r[16]),
    loadBytes: num(r[17]),
    errorMsg: optStr(r[18]),
    errorUrl: optStr(r[19]),
    properties: str(r[20]),
  };
}

function params(j: JobRecord): Value[] {
  return [
    j.txnId,
    j.dbId,
    j.dbName,
    j.label,
    j.tableId,
    j.tableName,
    j.kind,
    j.state,
    j.user,
    j.createTime,
    j.finishTime,
    j.timeoutSeconds,
    j.preparedTimeoutSeconds,
    j.totalRows,
    j.loadedRows,
    j.filteredRows,
    j.unselectedRows,
    j.loadBytes,
    j.errorMsg,
    j.errorUrl,
    j.properties,
  ];
}

const PLACEHOLDERS = Array.from({ length: 21 }, (_, i) =>
  i === 9 || i === 10 ? `$${i + 1}::TIMESTAMP` : `$${i + 1}`,
).join(', ');

/** Insert or replace a job row (by txn id) on `conn` — inside the caller's transaction. */
export async function putJob(conn: EngineConnection, job: JobRecord): Promise<void> {
  await conn.execute(`DELETE FROM ${LOAD_SCHEMA}.jobs WHERE txn_id = $1`, [job.txnId]);
  await conn.execute(`INSERT INTO ${LOAD_SCHEMA}.jobs (${COLUMNS}) VALUES (${PLACEHOLDERS})`, params(job));
  if (job.state === 'VISIBLE' || job.state === 'COMMITTED')
    await recordLabel(conn, job.dbId, job.label, job.txnId);
}

const SELECT = `SELECT ${COLUMNS.replace('create_time, finish_time', "strftime(create_time, '%Y-%m-%d %H:%M:%S'), strftime(finish_time, '%Y-%m-%d %H:%M:%S')")} FROM ${LOAD_SCHEMA}.jobs`;

/** The latest attempt of a label in a database (any state), or null. */
export async function latestJob(
  conn: EngineConnection,
  dbId: number,
  label: string,
): Promise<JobRecord | null> {
  const { rows } = await conn.queryAll(
    `${SELECT} WHERE db_id = $1 AND label = $2 ORDER BY txn_id DESC LIMIT 1`,
    [dbId, label],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Whether the label is taken by a non-aborted job or by INSERT … WITH LABEL; which status then. */
export async function labelInUse(
  conn: EngineConnection,
  dbId: number,
  label: string,
): Promise<'RUNNING' | 'FINISHED' | null> {
  const job = await latestJob(conn, dbId, label);
  if (job !== null && job.state !== 'ABORTED')
    return job.state === 'PREPARE' || job.state === 'PREPARED' ? 'RUNNING' : 'FINISHED';
  if (job === null && (await labelExists(conn, dbId, label))) return 'FINISHED';
  return null;
}

/** Jobs in given states (restart recovery, sweeping). */
export async function jobsInStates(
  conn: EngineConnection,
  states: readonly TxnState[],
): Promise<JobRecord[]> {
  const list = states.map((_, i) => `$${i + 1}`).join(', ');
  const { rows } = await conn.queryAll(`${SELECT} WHERE state IN (${list}) ORDER BY txn_id`, [...states]);
  return rows.map(fromRow);
}

/** Every job of a database (or all), newest first, for SHOW LOAD and information_schema.loads. */
export async function listJobs(
  conn: EngineConnection,
  dbId: number | null,
  limit = 10000,
): Promise<JobRecord[]> {
  const { rows } =
    dbId === null
      ? await conn.queryAll(`${SELECT} ORDER BY txn_id DESC LIMIT ${limit}`)
      : await conn.queryAll(`${SELECT} WHERE db_id = $1 ORDER BY txn_id DESC LIMIT ${limit}`, [dbId]);
  return rows.map(fromRow);
}

export async function maxTxnId(conn: EngineConnection): Promise<number> {
  const { rows } = await conn.queryAll(`SELECT coalesce(max(txn_id), 0) FROM ${LOAD_SCHEMA}.jobs`);
  return num(rows[0]?.[0]);
}

/** Drop finished jobs older than `keepSeconds` (label_keep_max_second) with their catalog labels. */
export async function expireJobs(conn: EngineConnection, keepSeconds: number): Promise<number> {
  const cutoff = `current_localtimestamp() - to_seconds(${Math.max(0, Math.trunc(keepSeconds))})`;
  const where = `state IN ('VISIBLE', 'COMMITTED', 'ABORTED') AND finish_time < ${cutoff}`;
  await conn.execute(
    `DELETE FROM __rockling.labels AS l WHERE EXISTS (SELECT 1 FROM ${LOAD_SCHEMA}.jobs AS j
       WHERE j.db_id = l.db_id AND j.label = l.label AND j.txn_id = l.txn_id AND j.${where.replace(' AND ', ' AND j.')})`,
  );
  return conn.execute(`DELETE FROM ${LOAD_SCHEMA}.jobs WHERE ${where}`);
}

/** The staging table of a transaction load (converted rows waiting for COMMIT). */
export function stagingTable(txnId: number): string {
  return `${LOAD_SCHEMA}.${quoteIdent(`txn_${txnId}`)}`;
}
