/**
 * Dynamic partitions with an injected clock: the scheduler creates partitions `end` units ahead,
 * drops those older than `start`, keeps `partition_live_number`, and deletes the dropped rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { partitions } from '../../src/catalog/index.js';
import { openDatabase } from '../../src/session/index.js';

async function rows(db: Awaited<ReturnType<typeof openDatabase>>, sql: string): Promise<unknown[][]> {
  const s = await db.openInternalSession('dyn');
  const out: unknown[][] = [];
  for await (const r of s.query(sql))
    if (r.kind === 'rows') for await (const b of r.batches) out.push(...b.map((x) => [...x]));
  return out;
}

async function names(db: Awaited<ReturnType<typeof openDatabase>>, table: string): Promise<string[]> {
  const r = await rows(
    db,
    `SELECT partition_name FROM information_schema.partitions_meta WHERE table_name = '${table}' ORDER BY partition_name`,
  );
  return r.map((x) => String(x[0]));
}

test('dynamic partitions follow the clock: create ahead, drop expired rows and partitions', async () => {
  let now = '2024-03-10 08:00:00';
  const db = await openDatabase({
    dataDir: ':memory:',
    dynamicPartitionIntervalMs: 3_600_000,
    partitionClock: () => now,
  });
  try {
    const boot = await db.openInternalSession();
    for await (const r of boot.query('CREATE DATABASE dyn')) void r;
    const scheduler = db.scheduler as partitions.DynamicPartitionScheduler;
    await rows(
      db,
      `CREATE TABLE d (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) () DISTRIBUTED BY HASH(v)
       PROPERTIES ("dynamic_partition.time_unit" = "DAY", "dynamic_partition.start" = "-2",
                   "dynamic_partition.end" = "2", "dynamic_partition.prefix" = "p")`,
    );
    await scheduler.runOnce();
    assert.deepEqual(await names(db, 'd'), ['p20240310', 'p20240311', 'p20240312']);
    await rows(db, "INSERT INTO d VALUES ('2024-03-10', 1), ('2024-03-11', 2), ('2024-03-12', 3)");
    now = '2024-03-13 01:00:00';
    assert.equal(await scheduler.runOnce(), 4, 'two created ahead, two expired dropped');
    assert.deepEqual(await names(db, 'd'), ['p20240311', 'p20240312', 'p20240313', 'p20240314', 'p20240315']);
    assert.deepEqual(await rows(db, 'SELECT v FROM d ORDER BY v'), [[2], [3]]);

    await rows(
      db,
      `CREATE TABLE live (dt DATE, v INT) DUPLICATE KEY(dt)
       PARTITION BY RANGE(dt) (START ('2024-01-01') END ('2024-01-06') EVERY (INTERVAL 1 DAY))
       DISTRIBUTED BY HASH(v) PROPERTIES ("partition_live_number" = "2")`,
    );
    await scheduler.runOnce();
    assert.deepEqual(await names(db, 'live'), ['p20240104', 'p20240105']);
    await assert.rejects(
      rows(
        db,
        `CREATE TABLE bad (dt DATE, v INT) PARTITION BY RANGE(dt) () DISTRIBUTED BY HASH(v)
        PROPERTIES ("dynamic_partition.time_unit" = "DAY", "dynamic_partition.end" = "-1")`,
      ),
      /Dynamic partition end must greater than 0/,
    );
  } finally {
    await db.close();
  }
});
