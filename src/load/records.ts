/** Job records and Stream Load results built from a load's outcome. */
import { localTime } from './clock.js';
import type { ExecutedLoad } from './execute.js';
import type { LoadOptions } from './options.js';
import type { StreamLoadResult } from './response.js';
import type { LoadTarget, PreparedTarget } from './service.js';
import type * as store from './store.js';
import type { Txn } from './txn.js';

export function jobRecord(
  prepared: PreparedTarget,
  target: LoadTarget,
  label: string,
  txnId: number,
  state: store.TxnState,
  ex: ExecutedLoad | null,
  bytes: number,
  errorMsg: string | null,
  errorUrl: string | null,
  kind: 'stream' | 'txn' = 'stream',
): store.JobRecord {
  const now = localTime();
  return {
    txnId,
    dbId: prepared.dbId,
    dbName: target.db,
    label,
    tableId: prepared.table.id,
    tableName: prepared.table.name,
    kind,
    state,
    user: target.user,
    createTime: now,
    finishTime: state === 'VISIBLE' || state === 'ABORTED' ? now : null,
    timeoutSeconds: prepared.options.timeoutSeconds,
    preparedTimeoutSeconds: null,
    totalRows: ex?.counts.total ?? 0,
    loadedRows: ex?.counts.loaded ?? 0,
    filteredRows: ex?.counts.filtered ?? 0,
    unselectedRows: ex?.counts.unselected ?? 0,
    loadBytes: bytes,
    errorMsg,
    errorUrl,
    properties: JSON.stringify(propertiesOf(prepared.options)),
  };
}

export function streamResult(
  txnId: number,
  label: string,
  status: StreamLoadResult['status'],
  message: string,
  ex: ExecutedLoad | null,
  bytes: number,
  errorUrl: string | null,
  times: StreamLoadResult['times'],
): StreamLoadResult {
  return {
    txnId,
    label,
    status,
    message,
    totalRows: ex?.counts.total ?? 0,
    loadedRows: status === 'Success' ? (ex?.counts.loaded ?? 0) : 0,
    filteredRows: ex?.counts.filtered ?? 0,
    unselectedRows: ex?.counts.unselected ?? 0,
    loadBytes: bytes,
    times,
    errorUrl,
  };
}

/** The load options worth showing back (SHOW LOAD / information_schema.loads). */
function propertiesOf(o: LoadOptions): Record<string, unknown> {
  return {
    format: o.format,
    column_separator: o.columnSeparator.toString('latin1'),
    row_delimiter: o.rowDelimiter.toString('latin1'),
    columns: o.columns,
    where: o.where,
    max_filter_ratio: o.maxFilterRatio,
    strict_mode: o.strictMode,
    timeout: o.timeoutSeconds,
    timezone: o.timezone,
    strip_outer_array: o.stripOuterArray,
    jsonpaths: o.jsonPaths,
    json_root: o.jsonRoot,
  };
}

/** The job row of a transaction load in a given state. */
export function txnRecord(txn: Txn, state: store.TxnState, errorMsg: string | null): store.JobRecord {
  return {
    txnId: txn.txnId,
    dbId: txn.dbId,
    dbName: txn.target.db,
    label: txn.label,
    tableId: txn.table.id,
    tableName: txn.table.name,
    kind: 'txn',
    state,
    user: txn.target.user,
    createTime: txn.createTime,
    finishTime: state === 'VISIBLE' || state === 'ABORTED' ? localTime() : null,
    timeoutSeconds: txn.timeoutS,
    preparedTimeoutSeconds: txn.preparedTimeoutS,
    totalRows: txn.counts.total,
    loadedRows: txn.counts.loaded,
    filteredRows: txn.counts.filtered,
    unselectedRows: txn.counts.unselected,
    loadBytes: txn.bytes,
    errorMsg,
    errorUrl: txn.errorUrl,
    properties: txn.properties,
  };
}

/** prepare/commit reply fields. */
export function txnSummary(txn: Txn, commitMs: number): Record<string, string | number> {
  const out: Record<string, string | number> = {
    Label: txn.label,
    TxnId: txn.txnId,
    NumberTotalRows: txn.counts.total,
    NumberLoadedRows: txn.counts.loaded,
    NumberFilteredRows: txn.counts.filtered,
    NumberUnselectedRows: txn.counts.unselected,
    LoadBytes: txn.bytes,
    LoadTimeMs: 0,
    StreamLoadPlanTimeMs: 0,
    ReceivedDataTimeMs: 0,
    WriteDataTimeMs: 0,
    CommitAndPublishTimeMs: commitMs,
  };
  if (txn.errorUrl !== null) out.ErrorURL = txn.errorUrl;
  return out;
}
