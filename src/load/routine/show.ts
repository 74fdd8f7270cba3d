/**
 * SHOW ROUTINE LOAD, SHOW ROUTINE LOAD TASK, information_schema.routine_load_jobs and the seeds'
 * information_schema.routine_loads as plain data (column names + string/number cells). The
 * session layer turns them into result sets; nothing here formats for the wire.
 */
import { formatReason, jobPartitions, offsetLag, readableProgress, type RoutineLoadJob } from './job.js';
import { taskSourceText, type TaskInfo } from './tasks.js';

export type Cell = string | number | null;

/** Formats epoch ms as `yyyy-MM-dd HH:mm:ss` in the server's zone (injected: the model has no clock). */
export type TimeFormatter = (ms: number) => string;

type JobField =
  | 'id'
  | 'name'
  | 'create'
  | 'pause'
  | 'end'
  | 'db'
  | 'table'
  | 'state'
  | 'sourceType'
  | 'tasks'
  | 'jobProps'
  | 'dataSource'
  | 'custom'
  | 'statistic'
  | 'progress'
  | 'timestampProgress'
  | 'reason'
  | 'errorUrls'
  | 'tracking'
  | 'otherMsg'
  | 'warehouse'
  | 'latest'
  | 'lag';

/** SHOW ROUTINE LOAD's columns, each with the job field it shows. */
const SHOW_ROUTINE_LOAD_FIELDS = [
  ['Id', 'id'],
  ['Name', 'name'],
  ['CreateTime', 'create'],
  ['PauseTime', 'pause'],
  ['EndTime', 'end'],
  ['DbName', 'db'],
  ['TableName', 'table'],
  ['State', 'state'],
  ['DataSourceType', 'sourceType'],
  ['CurrentTaskNum', 'tasks'],
  ['JobProperties', 'jobProps'],
  ['DataSourceProperties', 'dataSource'],
  ['CustomProperties', 'custom'],
  ['Statistic', 'statistic'],
  ['Progress', 'progress'],
  ['TimestampProgress', 'timestampProgress'],
  ['ReasonOfStateChanged', 'reason'],
  ['ErrorLogUrls', 'errorUrls'],
  ['TrackingSQL', 'tracking'],
  ['OtherMsg', 'otherMsg'],
  ['Warehouse', 'warehouse'],
  ['LatestSourcePosition', 'latest'],
  ['OffsetLag', 'lag'],
] as const satisfies readonly (readonly [string, JobField])[];

export const SHOW_ROUTINE_LOAD_COLUMNS = SHOW_ROUTINE_LOAD_FIELDS.map(([c]) => c);

export const SHOW_TASK_COLUMNS = [
  'TaskId',
  'TxnId',
  'TxnStatus',
  'JobId',
  'CreateTime',
  'LastScheduledTime',
  'ExecuteStartTime',
  'Timeout',
  'BeId',
  'DataSourceProperties',
  'Message',
  'Warehouse',
] as const;

/** information_schema.routine_load_jobs (BIGINT: ID, CURRENT_TASK_NUM; DATETIME: *_TIME; rest VARCHAR). */
const ROUTINE_LOAD_JOBS_FIELDS = [
  ['ID', 'id'],
  ['NAME', 'name'],
  ['CREATE_TIME', 'create'],
  ['PAUSE_TIME', 'pause'],
  ['END_TIME', 'end'],
  ['DB_NAME', 'db'],
  ['TABLE_NAME', 'table'],
  ['STATE', 'state'],
  ['DATA_SOURCE_TYPE', 'sourceType'],
  ['CURRENT_TASK_NUM', 'tasks'],
  ['JOB_PROPERTIES', 'jobProps'],
  ['DATA_SOURCE_PROPERTIES', 'dataSource'],
  ['CUSTOM_PROPERTIES', 'custom'],
  ['STATISTICS', 'statistic'],
  ['PROGRESS', 'progress'],
  ['REASONS_OF_STATE_CHANGED', 'reason'],
  ['ERROR_LOG_URLS', 'errorUrls'],
  ['TRACKING_SQL', 'tracking'],
  ['OTHER_MSG', 'otherMsg'],
  ['LATEST_SOURCE_POSITION', 'latest'],
  ['OFFSET_LAG', 'lag'],
  ['TIMESTAMP_PROGRESS', 'timestampProgress'],
] as const satisfies readonly (readonly [string, JobField])[];

export const ROUTINE_LOAD_JOBS_COLUMNS = ROUTINE_LOAD_JOBS_FIELDS.map(([c]) => c);

/** The seeds' monitoring table (a Rockling alias over the same jobs). */
export const ROUTINE_LOADS_COLUMNS = [
  'id',
  'job_name',
  'db_name',
  'table_name',
  'state',
  'consume_rate',
  'error_rate',
  'committed_task_num',
  'abort_task_num',
  'loaded_rows',
  'error_rows',
  'offset_lag',
] as const;

function jobPropertiesJson(job: RoutineLoadJob, currentTasks: number): string {
  const p = job.props;
  const d = job.loadDesc;
  return JSON.stringify({
    partitions: d.partitions ? d.partitions.join(',') : '*',
    rowDelimiter: d.rowDelimiter ?? '\t',
    partial_update: String(p.partialUpdate),
    columnToColumnExpr: d.columns ?? '*',
    maxBatchIntervalS: String(p.maxBatchIntervalS),
    partial_update_mode: String(p.partialUpdateMode),
    whereExpr: d.where ?? '*',
    timezone: p.timezone,
    format: p.format,
    columnSeparator: `'${d.columnSeparator ?? '\t'}'`,
    log_rejected_record_num: String(p.logRejectedRecordNum),
    taskTimeoutSecond: String(p.taskTimeoutSecond),
    json_root: p.jsonRoot,
    maxFilterRatio: p.maxFilterRatio.toFixed(1),
    strict_mode: String(p.strictMode),
    jsonpaths: p.jsonpaths,
    taskConsumeSecond: String(p.taskConsumeSecond),
    desireTaskConcurrentNum: String(p.desiredConcurrentNumber),
    maxErrorNum: String(p.maxErrorNumber),
    strip_outer_array: String(p.stripOuterArray),
    currentTaskConcurrentNum: String(currentTasks),
    maxBatchRows: String(p.maxBatchRows),
  });
}

function dataSourceJson(job: RoutineLoadJob): string {
  return JSON.stringify({
    topic: job.kafka.topic,
    currentKafkaPartitions: jobPartitions(job).join(','),
    brokerList: job.kafka.brokerList,
  });
}

function customJson(job: RoutineLoadJob): string {
  return JSON.stringify({ ...job.kafka.custom, 'group.id': job.groupId });
}

/** Statistic JSON (rates per second over task execution time, as StarRocks computes them). */
export function statisticJson(job: RoutineLoadJob): string {
  const s = job.stats;
  const secs = s.taskExecuteTimeMs / 1000;
  return JSON.stringify({
    receivedBytes: s.receivedBytes,
    errorRows: s.errorRows,
    committedTaskNum: s.committedTaskNum,
    loadedRows: s.loadedRows,
    loadRowsRate: secs > 0 ? Math.round(s.loadedRows / secs) : 0,
    abortedTaskNum: s.abortedTaskNum,
    totalRows: s.totalRows,
    unselectedRows: s.unselectedRows,
    receivedBytesRate: secs > 0 ? Math.round(s.receivedBytes / secs) : 0,
    taskExecuteTimeMs: s.taskExecuteTimeMs,
  });
}

function reasonText(job: RoutineLoadJob): string {
  if (job.state === 'PAUSED' && job.pauseReason) return formatReason(job.pauseReason);
  if (job.state === 'CANCELLED' && job.cancelReason) return formatReason(job.cancelReason);
  return '';
}

function stringMap(m: Readonly<Record<string, number>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)])));
}

/** Every field a job row can show, rendered once; the column tables above pick and order them. */
function jobFields(job: RoutineLoadJob, currentTasks: number, fmt: TimeFormatter): Record<JobField, Cell> {
  const time = (ms: number | null) => (ms === null ? null : fmt(ms));
  return {
    id: job.id,
    name: job.name,
    create: fmt(job.createTime),
    pause: time(job.pauseTime),
    end: time(job.endTime),
    db: job.dbName,
    table: job.tableName,
    state: job.state,
    sourceType: 'KAFKA',
    tasks: currentTasks,
    jobProps: jobPropertiesJson(job, currentTasks),
    dataSource: dataSourceJson(job),
    custom: customJson(job),
    statistic: statisticJson(job),
    progress: JSON.stringify(readableProgress(job)),
    timestampProgress: stringMap(job.timestampProgress),
    reason: reasonText(job),
    errorUrls: job.errorLogUrls.join(', '),
    // StarRocks shows the tracking query only once a task has written an error log.
    tracking:
      job.errorLogUrls.length > 0
        ? `select tracking_log from information_schema.load_tracking_logs where job_id=${job.id}`
        : '',
    otherMsg: job.otherMsg,
    warehouse: job.props.warehouse,
    latest: stringMap(job.latest),
    lag: JSON.stringify(offsetLag(job).perPartition),
  };
}

/** One SHOW ROUTINE LOAD row. */
export function showRoutineLoadRow(job: RoutineLoadJob, currentTasks: number, fmt: TimeFormatter): Cell[] {
  const f = jobFields(job, currentTasks, fmt);
  return SHOW_ROUTINE_LOAD_FIELDS.map(([, k]) => f[k]);
}

/** One information_schema.routine_load_jobs row. */
export function routineLoadJobsRow(job: RoutineLoadJob, currentTasks: number, fmt: TimeFormatter): Cell[] {
  const f = jobFields(job, currentTasks, fmt);
  return ROUTINE_LOAD_JOBS_FIELDS.map(([, k]) => f[k]);
}

/** One information_schema.routine_loads row: consume_rate rows/s, error_rate = error rows / total rows. */
export function routineLoadsRow(job: RoutineLoadJob): Cell[] {
  const s = job.stats;
  const secs = s.taskExecuteTimeMs / 1000;
  return [
    job.id,
    job.name,
    job.dbName,
    job.tableName,
    job.state,
    secs > 0 ? Math.round(s.loadedRows / secs) : 0,
    s.totalRows > 0 ? s.errorRows / s.totalRows : 0,
    s.committedTaskNum,
    s.abortedTaskNum,
    s.loadedRows,
    s.errorRows,
    offsetLag(job).total,
  ];
}

/** One SHOW ROUTINE LOAD TASK row. */
export function showTaskRow(job: RoutineLoadJob, task: TaskInfo, fmt: TimeFormatter): Cell[] {
  return [
    task.taskId,
    task.txnId,
    task.txnStatus,
    job.id,
    fmt(task.createTime),
    task.lastScheduledTime === null ? null : fmt(task.lastScheduledTime),
    task.executeStartTime === null ? null : fmt(task.executeStartTime),
    task.timeoutS,
    task.executeStartTime === null ? -1 : 10001,
    taskSourceText(job, task),
    task.message,
    job.props.warehouse,
  ];
}

/** Per-job figures for /metrics. */
export interface JobMetrics {
  readonly name: string;
  readonly state: string;
  readonly lag: number;
  readonly consumedRows: number;
  readonly consumedBytes: number;
  readonly errorRows: number;
  readonly committedTasks: number;
  readonly abortedTasks: number;
}

export function jobMetrics(job: RoutineLoadJob): JobMetrics {
  return {
    name: job.name,
    state: job.state,
    lag: offsetLag(job).total,
    consumedRows: job.stats.totalRows,
    consumedBytes: job.stats.receivedBytes,
    errorRows: job.stats.errorRows,
    committedTasks: job.stats.committedTaskNum,
    abortedTasks: job.stats.abortedTaskNum,
  };
}
