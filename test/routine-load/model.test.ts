import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyAbort,
  applyCommit,
  divide,
  concurrentTaskNum,
  formatReason,
  normalizeTimezone,
  offsetLag,
  parseJobProperties,
  parseKafkaProperties,
  pauseJob,
  readableProgress,
  resumeJob,
  routineLoadsRow,
  setLatest,
  setProgress,
  showRoutineLoadRow,
  SHOW_ROUTINE_LOAD_COLUMNS,
  stopJob,
  cancelJob,
  markRunning,
  addPartitions,
  REASON,
  type BatchOutcome,
} from '../../src/load/routine/index.js';
import { SqlError } from '../../src/errors/index.js';
import { makeJob } from './fixtures.js';

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SqlError);
    return e.message;
  }
  assert.fail('expected an error');
};

test('job properties: defaults', () => {
  const p = parseJobProperties({}, 'Asia/Shanghai');
  assert.equal(p.desiredConcurrentNumber, 3);
  assert.equal(p.maxBatchIntervalS, 10);
  assert.equal(p.maxBatchRows, 200000);
  assert.equal(p.maxErrorNumber, 0);
  assert.equal(p.maxFilterRatio, 1);
  assert.equal(p.format, 'csv');
  assert.equal(p.strictMode, false);
  assert.equal(p.timezone, 'Asia/Shanghai');
  assert.equal(p.taskConsumeSecond, 15);
  assert.equal(p.taskTimeoutSecond, 60);
});

test('job properties: the seed values and StarRocks validation messages', () => {
  const seed = parseJobProperties(
    {
      desired_concurrent_number: '5',
      max_batch_interval: '10',
      max_batch_rows: '250000',
      max_error_number: '1000',
      strict_mode: 'false',
      timezone: 'Asia/Shanghai',
    },
    'UTC',
  );
  assert.equal(seed.desiredConcurrentNumber, 5);
  assert.equal(seed.maxBatchRows, 250000);
  assert.equal(seed.maxErrorNumber, 1000);
  const json = parseJobProperties(
    { format: 'JSON', jsonpaths: '["$.a"]', strip_outer_array: 'true', json_root: '$.r' },
    'UTC',
  );
  assert.deepEqual(
    [json.format, json.jsonpaths, json.stripOuterArray, json.jsonRoot],
    ['json', '["$.a"]', true, '$.r'],
  );
  const cases: Array<[Record<string, string>, string]> = [
    [{ foo: '1' }, 'Getting analyzing error. Detail message: foo is invalid property.'],
    [
      { desired_concurrent_number: '0' },
      'Getting analyzing error. Detail message: desired_concurrent_number should > 0.',
    ],
    [{ max_error_number: '-1' }, 'Getting analyzing error. Detail message: max_error_number should >= 0.'],
    [{ max_batch_interval: '4' }, 'Getting analyzing error. Detail message: max_batch_interval should >= 5.'],
    [{ max_batch_rows: '1000' }, 'Getting analyzing error. Detail message: max_batch_rows should >= 200000.'],
    [{ max_batch_rows: 'x' }, 'Getting analyzing error. Detail message: max_batch_rows should >= 200000.'],
    [{ strict_mode: 'yes' }, 'Getting analyzing error. Detail message: strict_mode should be a boolean.'],
    [{ max_filter_ratio: '2' }, 'max_filter_ratio must between 0.0 and 1.0.'],
    [{ max_filter_ratio: 'abc' }, 'Incorrect format of max_filter_ratio'],
    [{ format: 'xml' }, 'Format type is invalid. format=`xml`'],
    [{ timezone: 'Mars/Base' }, "Unknown or incorrect time zone: 'Mars/Base'"],
  ];
  for (const [props, text] of cases)
    assert.equal(
      message(() => parseJobProperties(props, 'UTC')),
      text,
    );
  assert.equal(normalizeTimezone('+08:00'), '+08:00');
  assert.equal(normalizeTimezone('CST'), 'Asia/Shanghai');
  const t = parseJobProperties({ task_consume_second: '3' }, 'UTC');
  assert.deepEqual([t.taskConsumeSecond, t.taskTimeoutSecond], [3, 12]);
});

test('kafka properties: partitions, offsets, defaults and errors', () => {
  const k = parseKafkaProperties(
    {
      kafka_broker_list: 'kafka1:9092, kafka2:9092',
      kafka_topic: 'orders_topic',
      kafka_partitions: '0,1,2',
      kafka_offsets: 'OFFSET_BEGINNING, 5, OFFSET_END',
      'property.group.id': 'g',
      'property.security.protocol': 'SASL_PLAINTEXT',
    },
    'csv',
  );
  assert.equal(k.brokerList, 'kafka1:9092,kafka2:9092');
  assert.deepEqual(k.fixedPartitions, [
    [0, -2],
    [1, 5],
    [2, -1],
  ]);
  assert.equal(k.defaultOffset, -1); // StarRocks starts at the END unless told otherwise
  assert.deepEqual(k.custom, { 'group.id': 'g', 'security.protocol': 'SASL_PLAINTEXT' });
  const d = parseKafkaProperties(
    {
      kafka_broker_list: 'k:1',
      kafka_topic: 't',
      kafka_partitions: '3',
      'property.kafka_default_offsets': 'OFFSET_BEGINNING',
    },
    'csv',
  );
  assert.deepEqual(d.fixedPartitions, [[3, -2]]);
  const base = { kafka_broker_list: 'k:1', kafka_topic: 't' };
  const cases: Array<[Record<string, string>, string]> = [
    [{ kafka_topic: 't' }, 'kafka_broker_list is a required property'],
    [{ kafka_broker_list: 'k:1' }, 'kafka_topic is a required property'],
    [{ ...base, foo: 'x' }, 'foo is invalid kafka custom property'],
    [{ ...base, kafka_partitions: 'a,b' }, 'kafka_partitions must be a number string with comma-separated'],
    [
      { ...base, kafka_partitions: '0,1', kafka_offsets: '1' },
      'Partitions number should be equals to offsets number',
    ],
    [{ ...base, kafka_partitions: '0', kafka_offsets: '-3' }, 'Can not specify offset smaller than 0'],
    [{ ...base, 'property.kafka_default_offsets': 'LATEST' }, 'kafka offset: LATEST is not a number'],
  ];
  for (const [props, text] of cases) {
    assert.equal(
      message(() => parseKafkaProperties(props, 'csv')),
      `Getting analyzing error. Detail message: ${text}.`,
    );
  }
  assert.match(
    message(() => parseKafkaProperties(base, 'avro')),
    /confluent.schema.registry.url is a required property/,
  );
});

test('transitions: NEED_SCHEDULE → RUNNING ↔ PAUSED, STOPPED/CANCELLED final, PAUSED→PAUSED refused', () => {
  const job = makeJob();
  assert.equal(job.state, 'NEED_SCHEDULE');
  const running = markRunning(job);
  assert.equal(running.state, 'RUNNING');
  const paused = pauseJob(
    running,
    { code: REASON.MANUAL_PAUSE, msg: 'User root pauses routine load job' },
    5000,
  );
  assert.equal(paused.state, 'PAUSED');
  assert.equal(paused.pauseTime, 5000);
  assert.equal(
    message(() => pauseJob(paused, { code: 100, msg: '' }, 1)),
    'Could not transform PAUSED to PAUSED',
  );
  const resumed = resumeJob(paused);
  assert.equal(resumed.state, 'NEED_SCHEDULE');
  const stopped = stopJob(resumed, 9000);
  assert.equal(stopped.endTime, 9000);
  assert.equal(
    message(() => resumeJob(stopped)),
    'Could not transform STOPPED to NEED_SCHEDULE',
  );
  const cancelled = cancelJob(running, { code: REASON.TABLE, msg: 'table dropped' }, 1);
  assert.equal(
    message(() => pauseJob(cancelled, { code: 100, msg: '' }, 1)),
    'Could not transform CANCELLED to PAUSED',
  );
  assert.equal(formatReason({ code: 102, msg: 'x' }), "ErrorReason{errCode = 102, msg='x'}");
});

const outcome = (over: Partial<BatchOutcome>): BatchOutcome => ({
  totalRows: 0,
  loadedRows: 0,
  filteredRows: 0,
  unselectedRows: 0,
  receivedBytes: 0,
  executeTimeMs: 1,
  next: new Map(),
  timestamps: new Map(),
  ...over,
});

test('progress shows next − 1, OFFSET_* names before consumption, lag = high − next', () => {
  let job = makeJob({}, { kafka_partitions: '0,1,2,3', kafka_offsets: 'OFFSET_BEGINNING,OFFSET_END,0,7' });
  assert.deepEqual(readableProgress(job), {
    '0': 'OFFSET_BEGINNING',
    '1': 'OFFSET_END',
    '2': 'OFFSET_ZERO',
    '3': '6',
  });
  job = setProgress(
    job,
    new Map([
      [0, 0],
      [1, 10],
    ]),
  );
  job = applyCommit(markRunning(job), outcome({ totalRows: 6, loadedRows: 6, next: new Map([[0, 6]]) }), 1);
  assert.deepEqual(readableProgress(job), { '0': '5', '1': '9', '2': 'OFFSET_ZERO', '3': '6' });
  job = setLatest(
    job,
    new Map([
      [0, 10],
      [1, 10],
      [2, 3],
      [3, 7],
    ]),
  );
  assert.deepEqual(offsetLag(job), { perPartition: { '0': 4, '1': 0, '2': 3, '3': 0 }, total: 7 });
  assert.deepEqual(Object.keys(addPartitions(job, [4, 5]).progress), ['0', '1', '2', '3', '4', '5']);
});

test('max_error_number window: pause with the reason when errors exceed it, window resets', () => {
  let job = markRunning(makeJob({ max_error_number: '2' }));
  job = applyCommit(job, outcome({ totalRows: 10, loadedRows: 8, filteredRows: 2 }), 1);
  assert.equal(job.state, 'RUNNING');
  job = applyCommit(
    job,
    outcome({ totalRows: 5, loadedRows: 4, filteredRows: 1, next: new Map([[0, 15]]) }),
    2,
  );
  assert.equal(job.state, 'PAUSED');
  assert.equal(job.pauseReason?.code, 102);
  assert.match(job.pauseReason?.msg ?? '', /^Current error rows: 3 is more than max error num: 2\. /);
  assert.equal(job.progress['0'], 15, 'the batch that trips the window still commits');
  assert.equal(job.stats.errorRows, 3);
  assert.equal(job.stats.currentErrorRows, 0);
  assert.equal(job.stats.committedTaskNum, 2);
  // window full (> 10 × max_batch_rows rows) without too many errors: reset, keep running
  let big = markRunning(makeJob({ max_error_number: '5' }));
  big = applyCommit(big, outcome({ totalRows: 2_000_001, filteredRows: 5, loadedRows: 1_999_996 }), 1);
  assert.equal(big.state, 'RUNNING');
  assert.equal(big.stats.currentTotalRows, 0);
  assert.equal(applyAbort(big, 'boom').stats.abortedTaskNum, 1);
});

test('tasks: round-robin over min(desired, partitions, 5)', () => {
  assert.deepEqual(divide([0, 1, 2, 3, 4, 5], 3), [
    [0, 3],
    [1, 4],
    [2, 5],
  ]);
  assert.equal(concurrentTaskNum(makeJob({ desired_concurrent_number: '5' }), 4), 4);
  assert.equal(concurrentTaskNum(makeJob({ desired_concurrent_number: '9' }), 12), 5);
  assert.equal(concurrentTaskNum(makeJob({ desired_concurrent_number: '2' }), 12), 2);
});

test('SHOW ROUTINE LOAD row and the routine_loads alias row', () => {
  let job = markRunning(
    makeJob({ max_error_number: '100' }, { 'property.kafka_default_offsets': 'OFFSET_BEGINNING' }),
  );
  job = setProgress(job, new Map([[0, 0]]));
  job = applyCommit(
    job,
    outcome({
      totalRows: 10,
      loadedRows: 9,
      filteredRows: 1,
      receivedBytes: 100,
      executeTimeMs: 500,
      next: new Map([[0, 10]]),
    }),
    1,
  );
  const row = showRoutineLoadRow(job, 1, (ms) => `T${ms}`);
  assert.equal(row.length, SHOW_ROUTINE_LOAD_COLUMNS.length);
  const col = (name: (typeof SHOW_ROUTINE_LOAD_COLUMNS)[number]) =>
    row[SHOW_ROUTINE_LOAD_COLUMNS.indexOf(name)];
  assert.equal(col('State'), 'RUNNING');
  assert.equal(col('DataSourceType'), 'KAFKA');
  assert.equal(col('Progress'), '{"0":"9"}');
  assert.equal(col('PauseTime'), null);
  assert.deepEqual(JSON.parse(String(col('CustomProperties'))), {
    kafka_default_offsets: 'OFFSET_BEGINNING',
    'group.id': 'job1_u-1',
  });
  const stat = JSON.parse(String(col('Statistic')));
  assert.deepEqual(stat, {
    receivedBytes: 100,
    errorRows: 1,
    committedTaskNum: 1,
    loadedRows: 9,
    loadRowsRate: 18,
    abortedTaskNum: 0,
    totalRows: 10,
    unselectedRows: 0,
    receivedBytesRate: 200,
    taskExecuteTimeMs: 500,
  });
  assert.deepEqual(routineLoadsRow(job), [1, 'job1', 'db', 't', 'RUNNING', 18, 0.1, 1, 0, 9, 1, 0]);
  const paused = pauseJob(job, { code: 100, msg: 'User root pauses routine load job' }, 7);
  const prow = showRoutineLoadRow(paused, 0, (ms) => `T${ms}`);
  assert.equal(
    prow[SHOW_ROUTINE_LOAD_COLUMNS.indexOf('ReasonOfStateChanged')],
    "ErrorReason{errCode = 100, msg='User root pauses routine load job'}",
  );
  assert.equal(prow[SHOW_ROUTINE_LOAD_COLUMNS.indexOf('PauseTime')], 'T7');
});
