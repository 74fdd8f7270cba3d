import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseJobProperties,
  parseKafkaProperties,
  type CreateSpec,
  type LoadDesc,
  type RoutineLoadJob,
} from '../../src/load/routine/index.js';
import { openDatabase } from '../../src/session/database.js';
import { startKafkaMock, type KafkaMock } from '../../src/testing/index.js';
import { until as pollUntil, sessionSql } from './fixtures.js';

let mock: KafkaMock;
let dir: string;
/** The open world, closed by `after` when a test fails midway (a running manager keeps the process alive). */
let current: { close(): Promise<void>; describe(): string } | null = null;

before(async () => {
  mock = await startKafkaMock();
  dir = mkdtempSync(join(tmpdir(), 'rockling-routine-'));
});
after(async () => {
  await current?.close();
  await mock.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open() {
  // The database's own Routine Load runtime: it resumes stored jobs when the database opens.
  const db = await openDatabase({
    dataDir: dir,
    threads: 2,
    routineLoad: { runner: { pollMs: 100, partitionRefreshMs: 1000 } },
  });
  const { manager } = await db.routine.get();
  const session = await db.openInternalSession();
  const sql = sessionSql(session);
  const world = {
    manager,
    sql,
    /**
     * count(*) of a table, the same text every poll: the engine must not answer from a prepared
     * plan whose folded statistics predate the batches committed since (it did once).
     */
    count: async (table: string) => Number((await sql(`SELECT count(*) FROM ${table}`))[0]?.[0]),
    describe: () =>
      JSON.stringify(
        manager.list({ includeHistory: true }).map((j) => ({ ...j, tasks: manager.tasks(j.id) })),
      ),
    async close() {
      current = null;
      await session.close();
      await db.close();
    },
  };
  current = world;
  return world;
}

const noDesc: LoadDesc = {
  columnSeparator: null,
  rowDelimiter: null,
  columns: null,
  where: null,
  partitions: null,
  temporaryPartitions: false,
};

function spec(
  name: string,
  table: string,
  props: Record<string, string>,
  kafka: Record<string, string>,
  desc: Partial<LoadDesc>,
): CreateSpec {
  const p = parseJobProperties(props, 'Asia/Shanghai');
  return {
    name,
    dbName: 'shop',
    tableName: table,
    props: p,
    kafka: parseKafkaProperties({ kafka_broker_list: mock.bootstrap, ...kafka }, p.format),
    loadDesc: { ...noDesc, ...desc },
    origStmt: `CREATE ROUTINE LOAD ${name} ON ${table} …`,
  };
}

function until(what: string, fn: () => Promise<boolean> | boolean): Promise<void> {
  return pollUntil(what, fn, 20_000, 50, () => current?.describe() ?? '');
}

test('CSV job with the seed properties and a JSON job with jsonpaths + COLUMNS load exactly the produced messages; progress and rows survive a restart', async () => {
  let w = await open();
  await w.sql('CREATE DATABASE shop');
  await w.sql(
    'CREATE TABLE shop.orders (order_id BIGINT, user_id INT, amount DECIMAL(10,2)) DUPLICATE KEY(order_id) DISTRIBUTED BY HASH(order_id) BUCKETS 1',
  );
  await w.sql(
    'CREATE TABLE shop.user_events (user_id BIGINT, event_type VARCHAR(20), event_time DATETIME, properties JSON) DUPLICATE KEY(user_id) DISTRIBUTED BY HASH(user_id) BUCKETS 1',
  );
  // CSV: 4 partitions × 25 orders, gzip and lz4 batches
  for (let p = 0; p < 4; p++) {
    const lines = Array.from({ length: 25 }, (_, i) => `${p * 1000 + i},${i},${(i * 1.5).toFixed(2)}`);
    await mock.produce('orders_topic', lines, { partition: p, compression: p % 2 === 0 ? 'gzip' : 'lz4' });
  }
  await w.manager.create(
    spec(
      'routine_load_orders',
      'orders',
      {
        desired_concurrent_number: '5',
        max_batch_interval: '10',
        max_batch_rows: '250000',
        max_error_number: '1000',
        strict_mode: 'false',
        timezone: 'Asia/Shanghai',
      },
      {
        kafka_topic: 'orders_topic',
        kafka_partitions: '0,1,2,3',
        'property.group.id': 'starrocks_group',
        'property.client.id': 'starrocks_client',
        'property.kafka_default_offsets': 'OFFSET_BEGINNING',
      },
      { columnSeparator: ',' },
    ),
  );
  // JSON: good events, one malformed message, one wrong type (strict off → NULL), one missing field
  const events = [
    '{"user_id": 1, "event_type": "click", "event_time": "2024-01-01 10:00:00", "properties": {"page": "home"}}',
    '{"user_id": 2, "event_type": "view", "event_time": "2024-01-01 10:00:01", "properties": {"page": "cart"}}',
    'not json at all',
    '{"user_id": 3, "event_type": "buy", "event_time": "2024-01-01 10:00:02", "properties": {"sku": 7}}',
  ];
  await mock.produce('user_events', events, { partition: 0, compression: 'snappy' });
  await mock.produce(
    'user_events',
    ['{"user_id": 4, "event_type": "zstd", "event_time": "2024-01-01 10:00:03", "properties": {}}'],
    {
      partition: 1,
      compression: 'zstd',
    },
  );
  await w.manager.create(
    spec(
      'json_routine_load',
      'user_events',
      {
        format: 'json',
        jsonpaths: '["$.user_id", "$.event_type", "$.event_time", "$.properties"]',
        max_error_number: '10',
      },
      {
        kafka_topic: 'user_events',
        'property.group.id': 'starrocks_events_group',
        'property.kafka_default_offsets': 'OFFSET_BEGINNING',
      },
      { columns: 'user_id, event_type, event_time, properties' },
    ),
  );
  await until('100 orders', async () => (await w.count('shop.orders')) === 100);
  await until('4 events', async () => (await w.count('shop.user_events')) === 4);
  const orders = w.manager.list({ name: 'routine_load_orders' })[0] as RoutineLoadJob;
  assert.equal(orders.state, 'RUNNING');
  assert.deepEqual(orders.progress, { '0': 25, '1': 25, '2': 25, '3': 25 });
  assert.equal(w.manager.currentTaskNum(orders.id), 4);
  const ids = await w.sql('SELECT count(DISTINCT order_id), sum(amount) FROM shop.orders');
  assert.equal(Number(ids[0]?.[0]), 100);
  const ev = w.manager.list({ name: 'json_routine_load' })[0] as RoutineLoadJob;
  await until(
    'events progress',
    () => (w.manager.list({ name: 'json_routine_load' })[0]?.stats.errorRows ?? 0) >= 1,
  );
  const evNow = w.manager.list({ name: 'json_routine_load' })[0] as RoutineLoadJob;
  assert.equal(evNow.stats.errorRows, 1, 'the malformed message is one error row');
  assert.equal(evNow.stats.loadedRows, 4);
  assert.equal(evNow.progress['0'], 4);
  assert.equal(ev.groupId, 'starrocks_events_group');
  const props = await w.sql('SELECT properties FROM shop.user_events WHERE user_id = 3');
  assert.match(String(props[0]?.[0]), /"sku"/);
  await w.close();

  // restart: the jobs come back from DuckDB with their progress and continue without duplicates
  w = await open();
  await mock.produce('orders_topic', ['9999,1,1.00'], { partition: 2 });
  await until('101 orders', async () => (await w.count('shop.orders')) === 101);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await w.count('shop.orders'), 101);
  assert.equal(w.manager.list({ name: 'routine_load_orders' })[0]?.progress['2'], 26);
  await w.close();
});
