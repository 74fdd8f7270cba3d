/**
 * A Routine Load batch committed into the base table of a `REFRESH ASYNC` materialized view
 * refreshes the MV in the background, as an INSERT does (the load service's committed-load
 * listener the database registers).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/session/database.js';
import { startKafkaMock, type KafkaMock } from '../../src/testing/index.js';
import { sessionSql } from './fixtures.js';

let mock: KafkaMock;
let dir: string;
let close: (() => Promise<void>) | null = null;

before(async () => {
  mock = await startKafkaMock();
  dir = mkdtempSync(join(tmpdir(), 'rockling-routine-mv-'));
});
after(async () => {
  await close?.();
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('rows a Routine Load commits show in the REFRESH ASYNC MV over the table', async () => {
  const db = await openDatabase({
    dataDir: dir,
    threads: 2,
    routineLoad: { runner: { pollMs: 100, partitionRefreshMs: 1000 } },
  });
  const session = await db.openInternalSession();
  close = async () => {
    await session.close();
    await db.close();
  };
  const sql = sessionSql(session);
  await sql('CREATE DATABASE rl');
  await sql('CREATE TABLE rl.ev (id BIGINT, kind VARCHAR(10)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)');
  await sql(
    'CREATE MATERIALIZED VIEW rl.per_kind REFRESH ASYNC AS SELECT kind, count(*) AS n FROM rl.ev GROUP BY kind',
  );
  await mock.produce('ev_topic', ['1,a', '2,a', '3,b'], { partition: 0 });
  await sql(`CREATE ROUTINE LOAD rl.ev_job ON ev COLUMNS TERMINATED BY ","
    PROPERTIES ("max_batch_interval" = "5")
    FROM KAFKA ("kafka_broker_list" = "${mock.bootstrap}", "kafka_topic" = "ev_topic",
      "kafka_partitions" = "0", "property.kafka_default_offsets" = "OFFSET_BEGINNING")`);
  const want = JSON.stringify([
    ['a', 2],
    ['b', 1],
  ]);
  let last = '';
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    const rows = await sql('SELECT kind, n FROM rl.per_kind ORDER BY kind');
    last = JSON.stringify(rows.map((r) => [r[0], Number(r[1])]));
    if (last === want) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(last, want, 'the MV did not refresh after the Routine Load commit');
  await sql('STOP ROUTINE LOAD FOR rl.ev_job');
});
