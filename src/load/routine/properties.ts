/**
 * CREATE/ALTER ROUTINE LOAD properties: the job's PROPERTIES (…) and the FROM KAFKA (…) data
 * source properties, validated with StarRocks' rules and messages (CreateRoutineLoadStmt,
 * AlterRoutineLoadStmt). Pure: strings in, plain data or SqlError out.
 */
import { SqlError } from '../../errors/index.js';
import { OFFSET_BEGINNING, OFFSET_END } from '../kafka/index.js';

/** Normalized job properties (defaults filled in). */
export interface JobProperties {
  readonly desiredConcurrentNumber: number;
  readonly maxErrorNumber: number;
  readonly maxFilterRatio: number;
  readonly maxBatchIntervalS: number;
  readonly maxBatchRows: number;
  /** Deprecated in StarRocks; Rockling still ends a batch at this many bytes. */
  readonly maxBatchSize: number;
  readonly taskConsumeSecond: number;
  readonly taskTimeoutSecond: number;
  readonly format: 'csv' | 'json' | 'avro';
  readonly jsonpaths: string;
  readonly jsonRoot: string;
  readonly stripOuterArray: boolean;
  readonly strictMode: boolean;
  readonly timezone: string;
  readonly partialUpdate: boolean;
  readonly partialUpdateMode: string | null;
  readonly mergeCondition: string | null;
  readonly trimSpace: boolean;
  readonly enclose: string | null;
  readonly escape: string | null;
  readonly logRejectedRecordNum: number;
  readonly enableProfile: boolean;
  readonly pauseOnFatalParseError: boolean;
  readonly warehouse: string;
}

/** FROM KAFKA (…) after validation. */
export interface KafkaProperties {
  readonly brokerList: string;
  readonly topic: string;
  /** Partitions fixed by kafka_partitions with their start offsets (−2/−1 = BEGINNING/END); null = all, discovered. */
  readonly fixedPartitions: ReadonlyArray<readonly [number, number]> | null;
  /** Start offset for discovered partitions: kafka_default_offsets, else OFFSET_END. */
  readonly defaultOffset: number;
  /** `property.*` without the prefix (librdkafka keys + kafka_default_offsets + group.id). */
  readonly custom: Readonly<Record<string, string>>;
  readonly schemaRegistryUrl: string | null;
}

export const JOB_PROPERTY_KEYS = [
  'desired_concurrent_number',
  'max_error_number',
  'max_filter_ratio',
  'max_batch_interval',
  'max_batch_rows',
  'max_batch_size',
  'format',
  'jsonpaths',
  'strip_outer_array',
  'json_root',
  'strict_mode',
  'timezone',
  'partial_update',
  'partial_update_mode',
  'merge_condition',
  'trim_space',
  'enclose',
  'escape',
  'log_rejected_record_num',
  'enable_profile',
  'task_consume_second',
  'task_timeout_second',
  'pause_on_fatal_parse_error',
  'warehouse',
] as const;

const KAFKA_KEYS = new Set([
  'kafka_broker_list',
  'kafka_topic',
  'kafka_partitions',
  'kafka_offsets',
  'confluent.schema.registry.url',
]);

/** FE defaults (StarRocks docs / Config.java). */
export const DEFAULTS = {
  desiredConcurrentNumber: 3,
  maxBatchIntervalS: 10,
  maxBatchRows: 200_000,
  maxBatchSize: 4_294_967_296,
  taskConsumeSecond: 15,
  taskTimeoutSecond: 60,
  maxConcurrentTasks: 5,
} as const;

const ENDPOINT = /^[-A-Za-z0-9+&@#/%?=~_|!:,.;]+[-A-Za-z0-9+&@#/%=~_|]$/;

/** StarRocks' AnalysisException (errno 1064, "Getting analyzing error…"). */
export function analysisError(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

/** StarRocks' UserException/DdlException (errno 1064, plain message). */
export function userError(message: string): SqlError {
  return new SqlError('runtime-error', { message });
}

function longProperty(
  raw: string | undefined,
  fallback: number,
  ok: (v: number) => boolean,
  message: string,
): number {
  if (raw === undefined) return fallback;
  const t = raw.trim();
  if (!/^-?\d+$/.test(t)) throw analysisError(message);
  const v = Number(t);
  if (!ok(v)) throw analysisError(message);
  return v;
}

function boolProperty(raw: string | undefined, fallback: boolean, message: string): boolean {
  if (raw === undefined) return fallback;
  const t = raw.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw analysisError(message);
}

/** Java's Boolean.valueOf: anything but "true" (case-insensitive) is false. */
function javaBool(raw: string | undefined): boolean {
  return raw !== undefined && raw.trim().toLowerCase() === 'true';
}

/** IANA names, `+08:00`-style offsets and CST (StarRocks' alias for Asia/Shanghai). */
export function normalizeTimezone(zone: string): string {
  const z = zone.trim();
  if (/^[+-]\d{1,2}:\d{2}$/.test(z)) {
    const [h, m] = z.slice(1).split(':').map(Number);
    if ((h ?? 99) <= 14 && (m ?? 99) < 60) return z;
  } else if (z.toUpperCase() === 'CST') {
    return 'Asia/Shanghai';
  } else if (z !== '') {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: z });
      return z;
    } catch {
      // fall through to the error
    }
  }
  throw new SqlError('unknown-time-zone', { zone });
}

function formatOf(raw: string | undefined): 'csv' | 'json' | 'avro' {
  if (raw === undefined) return 'csv';
  const f = raw.toLowerCase();
  if (f === 'csv' || f === 'json' || f === 'avro') return f;
  throw userError(`Format type is invalid. format=\`${raw}\``);
}

function taskSeconds(raw: Readonly<Record<string, string>>): { consume: number; timeout: number } {
  const consume = longProperty(raw.task_consume_second, -1, (v) => v > 0, 'task_consume_second should > 0');
  const timeout = longProperty(raw.task_timeout_second, -1, (v) => v > 0, 'task_timeout_second should > 0');
  // One defaults from the other (×4 / ÷4), as StarRocks 3.1+ does.
  if (consume > 0 && timeout < 0) return { consume, timeout: consume * 4 };
  if (timeout > 0 && consume < 0) return { consume: Math.max(1, Math.floor(timeout / 4)), timeout };
  if (consume > 0 && timeout > 0) return { consume, timeout };
  return { consume: DEFAULTS.taskConsumeSecond, timeout: DEFAULTS.taskTimeoutSecond };
}

/** Validate PROPERTIES (…) of CREATE ROUTINE LOAD. `sessionTimezone` is the default timezone. */
export function parseJobProperties(
  raw: Readonly<Record<string, string>>,
  sessionTimezone: string,
): JobProperties {
  const known = new Set<string>(JOB_PROPERTY_KEYS);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw analysisError(`${key} is invalid property`);
  let maxFilterRatio = 1;
  if (raw.max_filter_ratio !== undefined) {
    maxFilterRatio = Number(raw.max_filter_ratio);
    if (raw.max_filter_ratio.trim() === '' || Number.isNaN(maxFilterRatio)) {
      throw userError('Incorrect format of max_filter_ratio');
    }
    if (maxFilterRatio < 0 || maxFilterRatio > 1)
      throw userError('max_filter_ratio must between 0.0 and 1.0.');
  }
  const format = formatOf(raw.format);
  const tasks = taskSeconds(raw);
  return {
    desiredConcurrentNumber: longProperty(
      raw.desired_concurrent_number,
      DEFAULTS.desiredConcurrentNumber,
      (v) => v > 0,
      'desired_concurrent_number should > 0',
    ),
    maxErrorNumber: longProperty(raw.max_error_number, 0, (v) => v >= 0, 'max_error_number should >= 0'),
    maxFilterRatio,
    maxBatchIntervalS: longProperty(
      raw.max_batch_interval,
      DEFAULTS.maxBatchIntervalS,
      (v) => v >= 5,
      'max_batch_interval should >= 5',
    ),
    maxBatchRows: longProperty(
      raw.max_batch_rows,
      DEFAULTS.maxBatchRows,
      (v) => v >= 200_000,
      'max_batch_rows should >= 200000',
    ),
    maxBatchSize: longProperty(
      raw.max_batch_size,
      DEFAULTS.maxBatchSize,
      (v) => v > 0,
      'max_batch_size should > 0',
    ),
    taskConsumeSecond: tasks.consume,
    taskTimeoutSecond: tasks.timeout,
    format,
    jsonpaths: format === 'csv' ? '' : (raw.jsonpaths ?? ''),
    jsonRoot: format === 'json' ? (raw.json_root ?? '') : '',
    stripOuterArray: format === 'json' && javaBool(raw.strip_outer_array),
    strictMode: boolProperty(raw.strict_mode, false, 'strict_mode should be a boolean'),
    timezone: normalizeTimezone(raw.timezone ?? sessionTimezone),
    partialUpdate: boolProperty(raw.partial_update, false, 'partial_update should be a boolean'),
    partialUpdateMode: raw.partial_update_mode ?? null,
    mergeCondition: raw.merge_condition ?? null,
    trimSpace: format === 'csv' && javaBool(raw.trim_space),
    enclose: format === 'csv' && raw.enclose !== undefined ? raw.enclose.charAt(0) : null,
    escape: format === 'csv' && raw.escape !== undefined ? raw.escape.charAt(0) : null,
    logRejectedRecordNum: longProperty(
      raw.log_rejected_record_num,
      0,
      (v) => v >= -1,
      'log_rejected_record_num should >= -1',
    ),
    enableProfile: boolProperty(raw.enable_profile, false, 'enable_profileshould be a boolean'),
    pauseOnFatalParseError: boolProperty(
      raw.pause_on_fatal_parse_error,
      false,
      'pause_on_fatal_parse_error should be a boolean',
    ),
    warehouse: raw.warehouse ?? 'default_warehouse',
  };
}

/** OFFSET_BEGINNING / OFFSET_END / a non-negative number. */
export function parseKafkaOffset(text: string): number {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) {
    const v = Number(t);
    if (v >= 0) return v;
    throw analysisError('Can not specify offset smaller than 0');
  }
  if (t.toUpperCase() === 'OFFSET_BEGINNING') return OFFSET_BEGINNING;
  if (t.toUpperCase() === 'OFFSET_END') return OFFSET_END;
  throw analysisError(`kafka offset: ${text} is not a number`);
}

/** Custom `property.*` entries, prefix removed. */
export function customProperties(raw: Readonly<Record<string, string>>): Record<string, string> {
  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith('property.')) continue;
    const name = key.slice('property.'.length);
    if (name === '') throw analysisError('kafka property value could not be a empty string');
    custom[name] = value;
  }
  if (custom.kafka_default_offsets !== undefined) parseKafkaOffset(custom.kafka_default_offsets);
  return custom;
}

/** `kafka_partitions` [+ `kafka_offsets`] → [partition, start offset] pairs. */
export function parsePartitionOffsets(
  partitionsText: string,
  offsetsText: string | undefined,
  defaultOffset: number,
): Array<[number, number]> {
  const p = partitionsText.replace(/ /g, '');
  if (p === '') throw analysisError('kafka_partitions could not be a empty string');
  const pairs: Array<[number, number]> = p.split(',').map((s) => {
    if (!/^\d+$/.test(s))
      throw analysisError('kafka_partitions must be a number string with comma-separated');
    return [Number(s), defaultOffset];
  });
  if (offsetsText !== undefined) {
    const o = offsetsText.replace(/ /g, '');
    if (o === '') throw analysisError('kafka_offsets could not be a empty string');
    const list = o.split(',');
    if (list.length !== pairs.length)
      throw analysisError('Partitions number should be equals to offsets number');
    list.forEach((s, i) => ((pairs[i] as [number, number])[1] = parseKafkaOffset(s)));
  }
  return pairs;
}

/** Validate FROM KAFKA (…). */
export function parseKafkaProperties(raw: Readonly<Record<string, string>>, format: string): KafkaProperties {
  for (const key of Object.keys(raw)) {
    if (!KAFKA_KEYS.has(key) && !key.startsWith('property.'))
      throw analysisError(`${key} is invalid kafka custom property`);
  }
  const brokerList = (raw.kafka_broker_list ?? '').replace(/ /g, '');
  if (brokerList === '') throw analysisError('kafka_broker_list is a required property');
  for (const broker of brokerList.split(',')) {
    if (!ENDPOINT.test(broker)) {
      throw analysisError(`kafka_broker_list:${broker} not match pattern ${ENDPOINT.source.slice(1, -1)}`);
    }
  }
  const topic = (raw.kafka_topic ?? '').replace(/ /g, '');
  if (topic === '') throw analysisError('kafka_topic is a required property');
  const custom = customProperties(raw);
  const defaultOffset =
    custom.kafka_default_offsets !== undefined ? parseKafkaOffset(custom.kafka_default_offsets) : OFFSET_END;
  let fixedPartitions: Array<[number, number]> | null = null;
  if (raw.kafka_partitions !== undefined) {
    fixedPartitions = parsePartitionOffsets(raw.kafka_partitions, raw.kafka_offsets, defaultOffset);
  } else if (raw.kafka_offsets !== undefined) {
    throw analysisError('Partitions number should be equals to offsets number');
  }
  const registry = raw['confluent.schema.registry.url'] ?? null;
  if (format === 'avro' && registry === null)
    throw analysisError('confluent.schema.registry.url is a required property');
  return { brokerList, topic, fixedPartitions, defaultOffset, custom, schemaRegistryUrl: registry };
}
