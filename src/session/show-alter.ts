/** SHOW ALTER TABLE COLUMN / ROLLUP / OPTIMIZE with StarRocks' columns (jobs recorded by exec-alter.ts). */
import { partitions as P } from '../catalog/index.js';
import type { AstShow } from '../sql/index.js';
import type { RowsResult } from './api.js';
import { col, rowsResult } from './results.js';
import type { SessionImpl } from './session.js';
import { filterLike, filterWhere } from './show-filter.js';
import { showDb } from './show-meta.js';

/** SHOW ALTER TABLE columns per job kind (ROLLUP's also serve SHOW ALTER MATERIALIZED VIEW). */
export const ALTER_JOB_COLUMNS: Record<'column' | 'rollup' | 'optimize', readonly string[]> = {
  column: [
    'JobId',
    'TableName',
    'CreateTime',
    'FinishTime',
    'IndexName',
    'IndexId',
    'OriginIndexId',
    'SchemaVersion',
    'TransactionId',
    'State',
    'Msg',
    'Progress',
    'Timeout',
  ],
  rollup: [
    'JobId',
    'TableName',
    'CreateTime',
    'FinishedTime',
    'BaseIndexName',
    'RollupIndexName',
    'RollupId',
    'TransactionId',
    'State',
    'Msg',
    'Progress',
    'Timeout',
  ],
  optimize: [
    'JobId',
    'TableName',
    'CreateTime',
    'FinishTime',
    'Operation',
    'TransactionId',
    'State',
    'Msg',
    'Progress',
    'Timeout',
  ],
};

/** SHOW ALTER TABLE COLUMN / ROLLUP / OPTIMIZE: the finished jobs of the database. */
export async function showAlterTable(
  s: SessionImpl,
  stmt: AstShow,
  signal: AbortSignal,
): Promise<RowsResult> {
  const kind =
    stmt.what === 'alter table rollup'
      ? 'rollup'
      : stmt.what === 'alter table optimize'
        ? 'optimize'
        : 'column';
  const db = showDb(s, stmt.from);
  const dbEntry = s.db.catalog.getDatabase(s.currentCatalog, db);
  const jobs =
    dbEntry === null
      ? []
      : await s.db.engine.withConnection((conn) => P.listAlterJobs(conn, dbEntry.id, kind));
  const rows = jobs.map((j) => {
    const id = String(j.jobId);
    if (kind === 'column')
      return [
        id,
        j.tableName,
        j.createTime,
        j.finishTime,
        j.tableName,
        id,
        id,
        '1',
        '0',
        j.state,
        j.msg,
        'NULL',
        '86400',
      ];
    if (kind === 'rollup')
      return [
        id,
        j.tableName,
        j.createTime,
        j.finishTime,
        j.tableName,
        j.detail,
        id,
        '0',
        j.state,
        j.msg,
        'NULL',
        '86400',
      ];
    return [
      id,
      j.tableName,
      j.createTime,
      j.finishTime,
      'DISTRIBUTION',
      '0',
      j.state,
      j.msg,
      '100%',
      '86400',
    ];
  });
  const columns = ALTER_JOB_COLUMNS[kind].map((n) => col(n));
  return rowsResult(
    columns,
    await filterWhere(s, columns, filterLike(rows, 1, stmt.like, true), stmt.where, signal),
  );
}
