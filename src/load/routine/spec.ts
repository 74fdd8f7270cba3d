/**
 * From a parsed CREATE / ALTER ROUTINE LOAD to the job's data: StarRocks' property validation
 * (properties.ts), the load description, and ALTER's merge rules (only a PAUSED job; only the
 * properties StarRocks lets ALTER change; kafka_partitions/kafka_offsets move the offsets of
 * partitions the job already consumes).
 */
import { tokenize } from '../../sql/index.js';
import type { LoadDesc, RoutineLoadJob } from './job.js';
import type { CreateSpec } from './manager.js';
import {
  analysisError,
  customProperties,
  parseJobProperties,
  parseKafkaProperties,
  parsePartitionOffsets,
  type JobProperties,
  type KafkaProperties,
} from './properties.js';
import type { RoutineLoadStatement } from './statement.js';

const NO_DESC: LoadDesc = {
  columnSeparator: null,
  rowDelimiter: null,
  columns: null,
  where: null,
  partitions: null,
  temporaryPartitions: false,
};

/** CREATE ROUTINE LOAD → CreateSpec (db resolved by the caller). */
export function createSpecFrom(
  stmt: RoutineLoadStatement,
  db: string,
  text: string,
  sessionTimezone: string,
): CreateSpec {
  if (stmt.source === null || stmt.table === null) throw analysisError('FROM KAFKA (...) is required');
  if (stmt.source.type !== 'KAFKA')
    throw analysisError(`routine load job does not support this type ${stmt.source.type}`);
  const props = parseJobProperties(stmt.properties, sessionTimezone);
  return {
    name: stmt.name,
    dbName: db,
    tableName: stmt.table,
    props,
    kafka: parseKafkaProperties(stmt.source.properties, props.format),
    loadDesc: { ...NO_DESC, ...stmt.loadDesc },
    origStmt: text.trim().replace(/;\s*$/, ''),
  };
}

/** The raw PROPERTIES a job's normalized properties stand for (ALTER merges into them). */
export function rawProperties(p: JobProperties): Record<string, string> {
  const raw: Record<string, string> = {
    desired_concurrent_number: String(p.desiredConcurrentNumber),
    max_error_number: String(p.maxErrorNumber),
    max_filter_ratio: String(p.maxFilterRatio),
    max_batch_interval: String(p.maxBatchIntervalS),
    max_batch_rows: String(p.maxBatchRows),
    max_batch_size: String(p.maxBatchSize),
    format: p.format,
    jsonpaths: p.jsonpaths,
    json_root: p.jsonRoot,
    strip_outer_array: String(p.stripOuterArray),
    strict_mode: String(p.strictMode),
    timezone: p.timezone,
    partial_update: String(p.partialUpdate),
    trim_space: String(p.trimSpace),
    log_rejected_record_num: String(p.logRejectedRecordNum),
    task_consume_second: String(p.taskConsumeSecond),
    task_timeout_second: String(p.taskTimeoutSecond),
    enable_profile: String(p.enableProfile),
    pause_on_fatal_parse_error: String(p.pauseOnFatalParseError),
    warehouse: p.warehouse,
  };
  if (p.partialUpdateMode !== null) raw.partial_update_mode = p.partialUpdateMode;
  if (p.mergeCondition !== null) raw.merge_condition = p.mergeCondition;
  if (p.enclose !== null) raw.enclose = p.enclose;
  if (p.escape !== null) raw.escape = p.escape;
  return raw;
}

/** PROPERTIES ALTER ROUTINE LOAD may change (StarRocks' AlterRoutineLoadStmt). */
const ALTERABLE = new Set([
  'desired_concurrent_number',
  'max_error_number',
  'max_filter_ratio',
  'max_batch_interval',
  'max_batch_rows',
  'jsonpaths',
  'json_root',
  'strip_outer_array',
  'strict_mode',
  'timezone',
  'partial_update',
  'partial_update_mode',
  'merge_condition',
  'log_rejected_record_num',
  'task_consume_second',
  'task_timeout_second',
  'trim_space',
  'enclose',
  'escape',
  'pause_on_fatal_parse_error',
]);

export interface AlteredJob {
  readonly props: JobProperties;
  readonly kafka: KafkaProperties;
  readonly loadDesc: LoadDesc;
  /** New next offsets of partitions named by kafka_partitions/kafka_offsets. */
  readonly progressPatch: Record<string, number>;
}

/** ALTER ROUTINE LOAD on `job` (state checked by the manager). */
export function alterSpecFrom(job: RoutineLoadJob, stmt: RoutineLoadStatement): AlteredJob {
  for (const key of Object.keys(stmt.properties))
    if (!ALTERABLE.has(key)) throw analysisError(`${key} is invalid property`);
  const props = parseJobProperties({ ...rawProperties(job.props), ...stmt.properties }, job.props.timezone);
  let kafka = job.kafka;
  const progressPatch: Record<string, number> = {};
  if (stmt.source !== null) {
    const raw = stmt.source.properties;
    for (const key of Object.keys(raw)) {
      if (key !== 'kafka_partitions' && key !== 'kafka_offsets' && !key.startsWith('property.'))
        throw analysisError(`${key} is invalid kafka custom property`);
    }
    const custom = { ...job.kafka.custom, ...customProperties(raw) };
    kafka = { ...job.kafka, custom };
    if (raw.kafka_partitions !== undefined) {
      const pairs = parsePartitionOffsets(raw.kafka_partitions, raw.kafka_offsets, job.kafka.defaultOffset);
      for (const [p, o] of pairs) {
        if (job.progress[String(p)] === undefined)
          throw analysisError(`The specified partition ${p} is not in the consumed partitions`);
        progressPatch[String(p)] = o;
      }
    } else if (raw.kafka_offsets !== undefined) {
      throw analysisError('Partitions number should be equals to offsets number');
    }
  }
  return { props, kafka, loadDesc: { ...job.loadDesc, ...stmt.loadDesc }, progressPatch };
}

/** Split at top-level commas (source text of each item, trimmed). */
export function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (const t of tokenize(text)) {
    if (t.kind !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')') depth--;
    else if (t.value === ',' && depth === 0) {
      items.push(text.slice(start, t.start).trim());
      start = t.end;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') items.push(last);
  return items;
}
