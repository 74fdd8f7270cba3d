/**
 * Child process for the crash test: opens the database in argv[2], creates the table and the
 * Routine Load job on first start (topic argv[4] on brokers argv[3]), and consumes until killed.
 * Prints "ready" once the manager runs.
 */
import { LoadService } from '../../src/load/index.js';
import { KafkajsSource } from '../../src/load/kafka/index.js';
import {
  DuckJobStore,
  PipelineCommitter,
  RoutineLoadManager,
  parseJobProperties,
  parseKafkaProperties,
} from '../../src/load/routine/index.js';
import { openDatabase } from '../../src/session/database.js';

const [dir, bootstrap, topic] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({ dataDir: dir, threads: 1 });
const load = await LoadService.open(db.engine, db.catalog);
const store = await DuckJobStore.open(db.engine);
const manager = await RoutineLoadManager.open({
  store,
  committer: new PipelineCommitter(load),
  sourceFactory: (c) => new KafkajsSource(c),
  runner: { pollMs: 100 },
});
if (manager.list({ includeHistory: true }).length === 0) {
  const session = await db.openInternalSession();
  for (const sql of [
    'CREATE DATABASE IF NOT EXISTS crash',
    'CREATE TABLE IF NOT EXISTS crash.events (k BIGINT, v VARCHAR(32)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1',
  ]) {
    for await (const r of session.query(sql)) void r;
  }
  await session.close();
  const props = parseJobProperties({ format: 'json', desired_concurrent_number: '4' }, 'UTC');
  await manager.create({
    name: 'crash_job',
    dbName: 'crash',
    tableName: 'events',
    props,
    kafka: parseKafkaProperties(
      {
        kafka_broker_list: bootstrap,
        kafka_topic: topic,
        'property.kafka_default_offsets': 'OFFSET_BEGINNING',
      },
      'json',
    ),
    loadDesc: {
      columnSeparator: null,
      rowDelimiter: null,
      columns: null,
      where: null,
      partitions: null,
      temporaryPartitions: false,
    },
    origStmt: 'CREATE ROUTINE LOAD crash_job ON events …',
  });
}
process.stdout.write('ready\n');
setInterval(() => {
  const job = manager.list()[0];
  if (job) process.stdout.write(`progress ${JSON.stringify(job.progress)} ${job.state} ${job.otherMsg}\n`);
}, 500);
