/**
 * Crash-test workload: opens the data directory in-process and runs a mixed stream of INSERTs,
 * labelled INSERTs, CREATE/DROP TABLE, CTAS and statements that must fail, printing one line per
 * step with fs.writeSync (unbuffered, so a line the parent reads is really acknowledged):
 *   begin <kind> <id>   before a statement runs
 *   ok <kind> <id>      after it was acknowledged
 *   fail <kind> <id>    after it failed as intended
 * Usage: durability-child.ts <dataDir> <firstId>
 */
import { writeSync } from 'node:fs';
import { open } from '../../../src/index.js';

const [dataDir, firstArg] = process.argv.slice(2);
if (dataDir === undefined || firstArg === undefined)
  throw new Error('usage: durability-child.ts <dataDir> <firstId>');
let id = Number(firstArg);
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

/** Rows per INSERT batch: every batch must be all there or not there at all. */
export const BATCH = 50;

const db = await open(dataDir);
await db.query('CREATE DATABASE IF NOT EXISTS crash');
await db.query(
  'CREATE TABLE IF NOT EXISTS crash.batches (batch BIGINT NOT NULL, n INT NOT NULL, note VARCHAR(8)) DUPLICATE KEY(batch)',
);
say('ready');

function batchValues(batch: number): string {
  return Array.from({ length: BATCH }, (_, n) => `(${batch}, ${n}, 'r${n % 10}')`).join(', ');
}

for (;;) {
  const i = id++;
  const pick = i % 7;
  try {
    if (pick <= 2) {
      say(`begin insert ${i}`);
      await db.query(`INSERT INTO crash.batches VALUES ${batchValues(i)}`);
      say(`ok insert ${i}`);
    } else if (pick === 3) {
      say(`begin label ${i}`);
      await db.query(`INSERT INTO crash.batches WITH LABEL lbl_${i} VALUES ${batchValues(i)}`);
      say(`ok label ${i}`);
    } else if (pick === 4) {
      say(`begin create ${i}`);
      await db.query(
        `CREATE TABLE crash.t_${i} AS SELECT batch, n FROM crash.batches WHERE batch = ${i - 1}`,
      );
      say(`ok create ${i}`);
      if (i % 2 === 0) {
        say(`begin drop ${i}`);
        await db.query(`DROP TABLE crash.t_${i}`);
        say(`ok drop ${i}`);
      }
    } else if (pick === 5) {
      // Fails in strict mode on the last row: nothing of the batch may remain.
      say(`begin bad ${i}`);
      await db.query(`INSERT INTO crash.batches VALUES ${batchValues(i)}, (${i}, 999, 'far too long')`).then(
        () => say(`ok bad ${i}`),
        () => say(`fail bad ${i}`),
      );
    } else {
      // An invalid CREATE TABLE: no table may appear.
      say(`begin badddl ${i}`);
      await db.query(`CREATE TABLE crash.bad_${i} (a INT, A INT)`).then(
        () => say(`ok badddl ${i}`),
        () => say(`fail badddl ${i}`),
      );
    }
  } catch (error) {
    say(`error ${i} ${(error as Error).message.replace(/\s+/g, ' ')}`);
  }
}
