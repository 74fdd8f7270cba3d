/** Routine Load: job model, scheduler, SHOW data (see CONTEXT.md). */
export {
  DEFAULTS,
  JOB_PROPERTY_KEYS,
  analysisError,
  userError,
  normalizeTimezone,
  parseJobProperties,
  parseKafkaOffset,
  parseKafkaProperties,
  parsePartitionOffsets,
  customProperties,
  type JobProperties,
  type KafkaProperties,
} from './properties.js';
export {
  EMPTY_STATS,
  REASON,
  addPartitions,
  cancelJob,
  createJob,
  formatReason,
  isFinal,
  jobPartitions,
  markRunning,
  offsetLag,
  pauseJob,
  readableProgress,
  resumeJob,
  setLatest,
  setProgress,
  stopJob,
  type ErrorReason,
  type JobState,
  type JobStatistic,
  type LoadDesc,
  type NewJob,
  type RoutineLoadJob,
} from './job.js';
export {
  applyAbort,
  applyCommit,
  exceedsFilterRatio,
  tooManyErrorsMessage,
  type BatchOutcome,
} from './accounting.js';
export { concurrentTaskNum, divide, taskSourceText, type TaskInfo, type TxnStatus } from './tasks.js';
export {
  ROUTINE_LOADS_COLUMNS,
  ROUTINE_LOAD_JOBS_COLUMNS,
  SHOW_ROUTINE_LOAD_COLUMNS,
  SHOW_TASK_COLUMNS,
  jobMetrics,
  routineLoadJobsRow,
  routineLoadsRow,
  showRoutineLoadRow,
  showTaskRow,
  statisticJson,
  type Cell,
  type JobMetrics,
  type TimeFormatter,
} from './show.js';
export {
  systemClock,
  type BatchCommitter,
  type BatchCounts,
  type Clock,
  type CommitResult,
  type ConsumedBatch,
  type JobStore,
} from './ports.js';
export {
  DEFAULT_RUNNER_OPTIONS,
  JobRunner,
  type JobHandle,
  type RunnerDeps,
  type RunnerOptions,
} from './runner.js';
export { RoutineLoadManager, type CreateSpec, type ManagerOptions } from './manager.js';
export {
  DuckJobStore,
  JOBS_TABLE,
  PipelineCommitter,
  frameMessages,
  jobHeaders,
  putJobRecord,
} from './duck-store.js';
export { parseRoutineLoadStatement, type RoutineLoadStatement } from './statement.js';
export { alterSpecFrom, createSpecFrom, rawProperties, splitTopLevel, type AlteredJob } from './spec.js';
export {
  hasActiveRoutineJobs,
  openRoutineLoad,
  type RoutineLoadOptions,
  type RoutineLoadRuntime,
} from './runtime.js';
