/** Partitions: metadata rows with the data, bounds, the write step, DDL helpers, dynamic partitions. */
export { qi, qs, schemeOf, keyDuckType, type PartitionScheme, type TimeUnit } from './scheme.js';
export { compareTuple, normalizeValue, extremeText } from './bounds.js';
export { partitionPredicate, partitionsFromDefs, rangeText } from './layout.js';
export { withTableLock } from './locks.js';
export {
  bootstrapPartitions,
  bumpVersion,
  deletePartition,
  insertPartitions,
  listAlterJobs,
  listPartitions,
  promotePartition,
  recordAlterJob,
  renamePartition,
  setPartitionBuckets,
  type AlterJob,
  type NewPartition,
  type PartitionRow,
} from './store.js';
export {
  membershipSql,
  OUT_OF_RANGE_MARKER,
  partitionWriteError,
  partitionedSource,
  partitionOfValues,
  preparePartitionedWrite,
  withPartitionedWrite,
  type PartitionWriteOptions,
} from './write.js';
export {
  dropPartitionRows,
  dynamicConfig,
  dynamicStep,
  validatePartitionProperties,
  type DynamicConfig,
} from './dynamic.js';
export { DynamicPartitionScheduler, type SchedulerOptions } from './scheduler.js';
export { createTablePartitions } from './create.js';
export { checkAutoBatch } from './auto-batch.js';
