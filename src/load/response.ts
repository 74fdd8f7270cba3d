/**
 * Response bodies exactly as StarRocks builds them (stream_load_context.cpp `to_json` /
 * `to_resp_json`, FE TransactionResult, GetStreamLoadState): field names, order and Status
 * vocabularies. Stream Load: `Success | Publish Timeout | Label Already Exists | Fail`.
 * Transaction API: `OK | LABEL_ALREADY_EXISTS | TXN_NOT_EXISTS | TXN_IN_PROCESSING | FAILED | …`.
 */

export interface StreamLoadTimes {
  readonly loadMs: number;
  readonly beginTxnMs: number;
  readonly planMs: number;
  readonly readDataMs: number;
  readonly writeDataMs: number;
  readonly commitMs: number;
}

export interface StreamLoadResult {
  readonly txnId: number;
  readonly label: string;
  readonly status: 'Success' | 'Publish Timeout' | 'Label Already Exists' | 'Fail';
  readonly message: string;
  readonly existingJobStatus?: 'RUNNING' | 'FINISHED';
  readonly totalRows: number;
  readonly loadedRows: number;
  readonly filteredRows: number;
  readonly unselectedRows: number;
  readonly loadBytes: number;
  readonly times: StreamLoadTimes;
  readonly errorUrl: string | null;
}

export const ZERO_TIMES: StreamLoadTimes = {
  loadMs: 0,
  beginTxnMs: 0,
  planMs: 0,
  readDataMs: 0,
  writeDataMs: 0,
  commitMs: 0,
};

/** `StreamLoadContext::to_json`: pretty-printed, keys in StarRocks' order. */
export function streamLoadJson(r: StreamLoadResult): string {
  const o: Record<string, unknown> = { TxnId: r.txnId, Label: r.label, Status: r.status };
  if (r.existingJobStatus !== undefined) o.ExistingJobStatus = r.existingJobStatus;
  Object.assign(o, {
    Message: r.message,
    NumberTotalRows: r.totalRows,
    NumberLoadedRows: r.loadedRows,
    NumberFilteredRows: r.filteredRows,
    NumberUnselectedRows: r.unselectedRows,
    LoadBytes: r.loadBytes,
    LoadTimeMs: r.times.loadMs,
    BeginTxnTimeMs: r.times.beginTxnMs,
    StreamLoadPlanTimeMs: r.times.planMs,
    ReadDataTimeMs: r.times.readDataMs,
    WriteDataTimeMs: r.times.writeDataMs,
    CommitAndPublishTimeMs: r.times.commitMs,
  });
  if (r.errorUrl !== null) o.ErrorURL = r.errorUrl;
  return JSON.stringify(o, null, 4);
}

export type TxnStatus =
  | 'OK'
  | 'FAILED'
  | 'LABEL_ALREADY_EXISTS'
  | 'TXN_NOT_EXISTS'
  | 'TXN_IN_PROCESSING'
  | 'INVALID_ARGUMENT'
  | 'INTERNAL_ERROR'
  | 'PUBLISH_TIMEOUT';

/** A transaction-API reply; fields after Status/Message in StarRocks' order when present. */
export interface TxnReply {
  readonly status: TxnStatus;
  readonly message: string;
  readonly existingJobStatus?: 'RUNNING' | 'FINISHED';
  readonly fields?: Readonly<Record<string, string | number>>;
}

/** `to_resp_json`: Status, then ExistingJobStatus, Message, then the op's fields. */
export function txnJson(r: TxnReply): string {
  const o: Record<string, unknown> = { Status: r.status };
  if (r.existingJobStatus !== undefined) o.ExistingJobStatus = r.existingJobStatus;
  o.Message = r.message;
  Object.assign(o, r.fields ?? {});
  return JSON.stringify(o, null, 4);
}

/** FE-side failures before the redirect: `TransactionResult` with the exception class prefix. */
export function feFailure(message: string): TxnReply {
  return { status: 'FAILED', message: `class com.starrocks.common.StarRocksException: ${message}` };
}

/** `GET /api/{db}/get_load_state` (RestBaseResult subclass, Gson). */
export function loadStateJson(state: string): string {
  return JSON.stringify({ state, reason: '', status: 'OK', code: '0', msg: 'Success', message: 'OK' });
}

/** FE REST failures (`RestBaseResult`): status FAILED, code 1. */
export function restFailureJson(msg: string): string {
  return JSON.stringify({ status: 'FAILED', code: '1', msg, message: msg });
}
