/**
 * The Routine Load job as plain data, and its transitions as pure functions (no I/O, no clock:
 * callers pass `now`). States and transitions follow StarRocks' RoutineLoadJob:
 * NEED_SCHEDULE → RUNNING ↔ PAUSED → NEED_SCHEDULE (RESUME); STOPPED (user) and CANCELLED
 * (system) are final. Progress is the next offset to consume per partition (−2/−1 until
 * resolved), shown as next − 1.
 */
import { OFFSET_BEGINNING, OFFSET_END } from '../kafka/index.js';
import { userError, type JobProperties, type KafkaProperties } from './properties.js';

export type JobState = 'NEED_SCHEDULE' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'CANCELLED';

/** StarRocks InternalErrorCode values used in ReasonOfStateChanged. */
export const REASON = {
  INTERNAL: 2,
  PARTITIONS: 4,
  DB: 5,
  TABLE: 6,
  MANUAL_PAUSE: 100,
  MANUAL_STOP: 101,
  TOO_MANY_FAILURE_ROWS: 102,
  CREATE_TASKS: 103,
  TASKS_ABORT: 104,
} as const;

export interface ErrorReason {
  readonly code: number;
  readonly msg: string;
}

/** `ErrorReason{errCode = 102, msg='…'}` as SHOW ROUTINE LOAD prints it. */
export function formatReason(reason: ErrorReason): string {
  return `ErrorReason{errCode = ${reason.code}, msg='${reason.msg}'}`;
}

export interface JobStatistic {
  readonly totalRows: number;
  readonly loadedRows: number;
  readonly errorRows: number;
  readonly unselectedRows: number;
  readonly receivedBytes: number;
  readonly committedTaskNum: number;
  readonly abortedTaskNum: number;
  readonly taskExecuteTimeMs: number;
  /** The max_error_number window (reset when it exceeds 10 × max_batch_rows rows or on pause). */
  readonly currentTotalRows: number;
  readonly currentErrorRows: number;
}

/** Load properties of the statement (COLUMNS, WHERE, separators, PARTITION) as SQL text. */
export interface LoadDesc {
  readonly columnSeparator: string | null;
  readonly rowDelimiter: string | null;
  /** The COLUMNS (…) list as written, without the parentheses. */
  readonly columns: string | null;
  readonly where: string | null;
  readonly partitions: readonly string[] | null;
  readonly temporaryPartitions: boolean;
}

export interface RoutineLoadJob {
  readonly id: number;
  readonly name: string;
  readonly dbName: string;
  readonly tableName: string;
  readonly state: JobState;
  readonly createTime: number;
  readonly pauseTime: number | null;
  readonly endTime: number | null;
  readonly props: JobProperties;
  readonly kafka: KafkaProperties;
  readonly loadDesc: LoadDesc;
  readonly groupId: string;
  /** partition → next offset to consume (−2 OFFSET_BEGINNING, −1 OFFSET_END until resolved). */
  readonly progress: Readonly<Record<string, number>>;
  /** partition → timestamp (ms) of the last consumed record. */
  readonly timestampProgress: Readonly<Record<string, number>>;
  /** partition → high watermark last seen (LatestSourcePosition, lag). */
  readonly latest: Readonly<Record<string, number>>;
  readonly stats: JobStatistic;
  readonly pauseReason: ErrorReason | null;
  readonly cancelReason: ErrorReason | null;
  readonly otherMsg: string;
  readonly errorLogUrls: readonly string[];
  /** The CREATE statement as the user wrote it (SHOW CREATE ROUTINE LOAD). */
  readonly origStmt: string;
}

export const EMPTY_STATS: JobStatistic = {
  totalRows: 0,
  loadedRows: 0,
  errorRows: 0,
  unselectedRows: 0,
  receivedBytes: 0,
  committedTaskNum: 0,
  abortedTaskNum: 0,
  taskExecuteTimeMs: 0,
  currentTotalRows: 0,
  currentErrorRows: 0,
};

export interface NewJob {
  readonly id: number;
  readonly name: string;
  readonly dbName: string;
  readonly tableName: string;
  readonly props: JobProperties;
  readonly kafka: KafkaProperties;
  readonly loadDesc: LoadDesc;
  readonly origStmt: string;
  readonly now: number;
  /** Random suffix for the default group id (`<job>_<uuid>`). */
  readonly uuid: string;
}

/** A freshly created job: NEED_SCHEDULE, progress from kafka_partitions/kafka_offsets. */
export function createJob(spec: NewJob): RoutineLoadJob {
  const progress: Record<string, number> = {};
  for (const [p, o] of spec.kafka.fixedPartitions ?? []) progress[String(p)] = o;
  return {
    id: spec.id,
    name: spec.name,
    dbName: spec.dbName,
    tableName: spec.tableName,
    state: 'NEED_SCHEDULE',
    createTime: spec.now,
    pauseTime: null,
    endTime: null,
    props: spec.props,
    kafka: spec.kafka,
    loadDesc: spec.loadDesc,
    groupId: spec.kafka.custom['group.id'] ?? `${spec.name}_${spec.uuid}`,
    progress,
    timestampProgress: {},
    latest: {},
    stats: EMPTY_STATS,
    pauseReason: null,
    cancelReason: null,
    otherMsg: '',
    errorLogUrls: [],
    origStmt: spec.origStmt,
  };
}

export function isFinal(state: JobState): boolean {
  return state === 'STOPPED' || state === 'CANCELLED';
}

function checkTransform(job: RoutineLoadJob, desired: JobState): void {
  if (isFinal(job.state) || (job.state === 'PAUSED' && desired === 'PAUSED')) {
    throw userError(`Could not transform ${job.state} to ${desired}`);
  }
}

/** PAUSE (user or system). Pausing clears the job's tasks (the scheduler drops them). */
export function pauseJob(job: RoutineLoadJob, reason: ErrorReason, now: number): RoutineLoadJob {
  checkTransform(job, 'PAUSED');
  return {
    ...job,
    state: 'PAUSED',
    pauseTime: now,
    pauseReason: reason,
    // StarRocks resets the error window when it pauses, so RESUME starts a fresh window.
    stats: { ...job.stats, currentErrorRows: 0, currentTotalRows: 0 },
  };
}

/** RESUME: back to NEED_SCHEDULE. */
export function resumeJob(job: RoutineLoadJob): RoutineLoadJob {
  checkTransform(job, 'NEED_SCHEDULE');
  return { ...job, state: 'NEED_SCHEDULE' };
}

export function stopJob(job: RoutineLoadJob, now: number): RoutineLoadJob {
  checkTransform(job, 'STOPPED');
  return { ...job, state: 'STOPPED', endTime: now };
}

export function cancelJob(job: RoutineLoadJob, reason: ErrorReason, now: number): RoutineLoadJob {
  checkTransform(job, 'CANCELLED');
  return { ...job, state: 'CANCELLED', endTime: now, cancelReason: reason };
}

/** Tasks were dispatched. */
export function markRunning(job: RoutineLoadJob): RoutineLoadJob {
  return job.state === 'NEED_SCHEDULE' ? { ...job, state: 'RUNNING' } : job;
}

/** Add partitions discovered in the topic (kafka_partitions not fixed) at the default offset. */
export function addPartitions(job: RoutineLoadJob, partitions: readonly number[]): RoutineLoadJob {
  const missing = partitions.filter((p) => job.progress[String(p)] === undefined);
  if (missing.length === 0) return job;
  const progress = { ...job.progress };
  for (const p of missing) progress[String(p)] = job.kafka.defaultOffset;
  return { ...job, progress };
}

/** Replace resolved logical offsets (OFFSET_BEGINNING/END) by concrete ones. */
export function setProgress(job: RoutineLoadJob, next: ReadonlyMap<number, number>): RoutineLoadJob {
  const progress = { ...job.progress };
  for (const [p, o] of next) progress[String(p)] = o;
  return { ...job, progress };
}

/** Record high watermarks (for lag and LatestSourcePosition). */
export function setLatest(job: RoutineLoadJob, highs: ReadonlyMap<number, number>): RoutineLoadJob {
  const latest = { ...job.latest };
  for (const [p, h] of highs) latest[String(p)] = h;
  return { ...job, latest };
}

/** The partitions this job consumes, ascending. */
export function jobPartitions(job: RoutineLoadJob): number[] {
  return Object.keys(job.progress)
    .map(Number)
    .sort((a, b) => a - b);
}

/** SHOW ROUTINE LOAD's Progress: next − 1 per partition, or the OFFSET_* names. */
export function readableProgress(job: RoutineLoadJob): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of jobPartitions(job)) {
    const next = job.progress[String(p)] ?? OFFSET_END;
    if (next === OFFSET_BEGINNING) out[String(p)] = 'OFFSET_BEGINNING';
    else if (next === OFFSET_END) out[String(p)] = 'OFFSET_END';
    else if (next === 0) out[String(p)] = 'OFFSET_ZERO';
    else out[String(p)] = String(next - 1);
  }
  return out;
}

/** Per-partition and total lag: high watermark − next offset (unknown partitions count 0). */
export function offsetLag(job: RoutineLoadJob): { perPartition: Record<string, number>; total: number } {
  const perPartition: Record<string, number> = {};
  let total = 0;
  for (const p of jobPartitions(job)) {
    const next = job.progress[String(p)] ?? 0;
    const high = job.latest[String(p)];
    const lag = high === undefined || next < 0 ? 0 : Math.max(0, high - next);
    perPartition[String(p)] = lag;
    total += lag;
  }
  return { perPartition, total };
}
