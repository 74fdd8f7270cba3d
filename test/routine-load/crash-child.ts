/**
 * Child process for the crash test: opens the database in argv[2] (which resumes stored Routine
 * Load jobs), on first start creates the table and the job with SQL (topic argv[4] on brokers
 * argv[3]), and consumes until killed. Prints "ready" once the job runs, then its progress.
 */
import { openDatabase } from '../../src/session/database.js';

const [dir, bootstrap, topic] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({
  dataDir: dir,
  threads: 1,
  routineLoad: { runner: { pollMs: 100 }, log: (m) => process.stderr.write(`${m}\n`) },
});
const { manager } = await db.routine.get();
if (manager.list({ includeHistory: true }).length === 0) {
  const session = await db.openInternalSession();
  for (const sql of [
    'CREATE DATABASE IF NOT EXISTS crash',
    'CREATE TABLE IF NOT EXISTS crash.events (k BIGINT, v VARCHAR(32)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1',
    `CREATE ROUTINE LOAD crash.crash_job ON events
       PROPERTIES ("format" = "json", "desired_concurrent_number" = "4", "timezone" = "UTC")
       FROM KAFKA ("kafka_broker_list" = "${bootstrap}", "kafka_topic" = "${topic}",
         "property.kafka_default_offsets" = "OFFSET_BEGINNING")`,
  ]) {
    for await (const r of session.query(sql)) void r;
  }
  await session.close();
}
process.stdout.write('ready\n');
setInterval(() => {
  const job = manager.list()[0];
  if (job) process.stdout.write(`progress ${JSON.stringify(job.progress)} ${job.state} ${job.otherMsg}\n`);
}, 500);
