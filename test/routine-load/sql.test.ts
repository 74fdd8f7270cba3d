/**
 * The seeds' Routine Load statements over the MySQL protocol against a real `rockling serve`
 * and the kcat mock cluster: CREATE (broker list substituted), SHOW / SHOW TASK / PAUSE / RESUME,
 * ALTER, the monitoring view over information_schema.routine_loads, max_error_number pausing the
 * job with its reason, and jobs resuming after a kill -9 of the server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import {
  startKafkaMock,
  startRockling,
  type KafkaMock,
  type RocklingServer,
} from '../../src/testing/index.js';
import { until } from './fixtures.js';

let mock: KafkaMock;
let server: RocklingServer;
let conn: Connection | null = null;

before(async () => {
  [mock, server] = await Promise.all([startKafkaMock(), startRockling()]);
});
after(async () => {
  await conn?.end().catch(() => undefined);
  await server?.stop();
  await mock?.stop();
});

async function connect(): Promise<Connection> {
  await conn?.end().catch(() => undefined);
  conn = await createConnection({ host: server.host, port: server.port, user: 'root', database: 'shop' });
  return conn;
}

async function rows(sql: string): Promise<RowDataPacket[]> {
  const [r] = await (conn as Connection).query<RowDataPacket[]>(sql);
  return r;
}

/** The same text every poll: a cached plan must see rows committed since it was prepared. */
async function count(table: string): Promise<number> {
  return Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
}

async function job(name: string): Promise<RowDataPacket> {
  return (await rows(`SHOW ROUTINE LOAD FOR ${name}`))[0] as RowDataPacket;
}

const ordersJob = (partitions: string) => `CREATE ROUTINE LOAD routine_load_orders ON orders
COLUMNS TERMINATED BY ","
PROPERTIES (
    "desired_concurrent_number" = "5",
    "max_batch_interval" = "10",
    "max_batch_rows" = "250000",
    "max_error_number" = "1000",
    "strict_mode" = "false",
    "timezone" = "Asia/Shanghai"
)
FROM KAFKA (
    "kafka_broker_list" = "${mock.bootstrap}",
    "kafka_topic" = "orders_topic",
    "kafka_partitions" = "${partitions}",
    "property.group.id" = "starrocks_group",
    "property.client.id" = "starrocks_client",
    "property.kafka_default_offsets" = "OFFSET_BEGINNING"
);`;

const eventsJob = () => `CREATE ROUTINE LOAD json_routine_load ON user_events
COLUMNS (
    user_id,
    event_type,
    event_time,
    properties = JSON_EXTRACT(message, '$.properties')
)
PROPERTIES (
    "format" = "json",
    "jsonpaths" = "[\\"$.user_id\\", \\"$.event_type\\", \\"$.event_time\\", \\"$.properties\\"]"
)
FROM KAFKA (
    "kafka_broker_list" = "${mock.bootstrap}",
    "kafka_topic" = "user_events",
    "property.group.id" = "starrocks_events_group"
);`;

const event = (id: number, type: string) =>
  JSON.stringify({ user_id: id, event_type: type, event_time: '2024-01-01 10:00:00', properties: { n: id } });

test('seed jobs over MySQL: load, SHOW, PAUSE/RESUME, ALTER, monitor view, error pause, kill -9', async () => {
  const c = await createConnection({ host: server.host, port: server.port, user: 'root' });
  await c.query('CREATE DATABASE shop');
  await c.end();
  await connect();
  await rows(
    'CREATE TABLE orders (order_id BIGINT, user_id INT, amount DECIMAL(10,2)) DUPLICATE KEY(order_id) DISTRIBUTED BY HASH(order_id) BUCKETS 4',
  );
  await rows(
    'CREATE TABLE user_events (user_id BIGINT, event_type VARCHAR(20), event_time DATETIME, properties JSON) DUPLICATE KEY(user_id) DISTRIBUTED BY HASH(user_id) BUCKETS 4',
  );
  for (let p = 0; p < 4; p++) {
    const lines = Array.from({ length: 30 }, (_, i) => `${p * 1000 + i},${i},${i}.25`);
    await mock.produce('orders_topic', lines, { partition: p, compression: p % 2 ? 'zstd' : 'gzip' });
  }
  // The seed names partitions 0-5; the mock's topics have 4, and StarRocks refuses unknown ones.
  await assert.rejects(rows(ordersJob('0,1,2,3,4,5')), /custom kafka partition 4 which is invalid for topic/);
  await rows(ordersJob('0,1,2,3'));
  await until('120 orders', async () => (await count('orders')) === 120);
  let o = await job('routine_load_orders');
  assert.equal(o.State, 'RUNNING');
  assert.deepEqual(JSON.parse(o.Progress as string), { '0': '29', '1': '29', '2': '29', '3': '29' });
  assert.equal(JSON.parse(o.Statistic as string).loadedRows, 120);
  assert.match(o.CustomProperties as string, /"group.id":"starrocks_group"/);
  const tasks = await rows("SHOW ROUTINE LOAD TASK WHERE job_name = 'routine_load_orders'");
  assert.equal(tasks.length, 4);
  assert.match(tasks[0]?.DataSourceProperties as string, /^Progress:\{"\d":\d+\},LatestOffset:/);

  // PAUSE: new messages wait; ALTER while paused; RESUME loads them.
  await rows('PAUSE ROUTINE LOAD FOR routine_load_orders');
  o = await job('routine_load_orders');
  assert.equal(o.State, 'PAUSED');
  assert.match(o.ReasonOfStateChanged as string, /errCode = 100, msg='User root pauses routine load job'/);
  await mock.produce('orders_topic', ['5000,1,1.00'], { partition: 1 });
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(await count('orders'), 120);
  await assert.rejects(rows('ALTER ROUTINE LOAD FOR routine_load_orders PROPERTIES ("format" = "json")'));
  await rows('ALTER ROUTINE LOAD FOR routine_load_orders PROPERTIES ("desired_concurrent_number" = "2")');
  await rows('RESUME ROUTINE LOAD FOR routine_load_orders');
  await until('121 orders', async () => (await count('orders')) === 121);
  o = await job('routine_load_orders');
  assert.equal(JSON.parse(o.JobProperties as string).desireTaskConcurrentNum, '2');

  // JSON seed job: the default is OFFSET_END, so it reads what arrives after CREATE.
  await rows(eventsJob());
  await until('events job running', async () => (await job('json_routine_load')).State === 'RUNNING');
  await mock.produce('user_events', [event(1, 'click'), event(2, 'view')], { partition: 0 });
  await until('2 events', async () => (await count('user_events')) === 2);
  const ev = await rows('SELECT user_id, properties FROM user_events ORDER BY user_id');
  assert.deepEqual(JSON.parse(String(ev[0]?.properties)), { n: 1 });
  // A malformed message is an error row; max_error_number 0 (default) pauses the job (batch kept).
  await mock.produce('user_events', ['not json', event(3, 'buy')], { partition: 2 });
  await until('events job paused', async () => (await job('json_routine_load')).State === 'PAUSED');
  const paused = await job('json_routine_load');
  assert.match(paused.ReasonOfStateChanged as string, /errCode = 102/);
  assert.equal(JSON.parse(paused.Statistic as string).errorRows, 1);
  assert.equal(await count('user_events'), 3);

  // The seed's monitoring view, verbatim.
  await rows(`CREATE VIEW routine_load_monitor AS
SELECT 
    job_name,
    state,
    consume_rate,
    error_rate,
    committed_task_num,
    abort_task_num
FROM information_schema.routine_loads;`);
  const alerts = await rows(`SELECT * FROM routine_load_monitor 
WHERE error_rate > 0.01 OR state != 'RUNNING';`);
  assert.deepEqual(
    alerts.map((r) => [r.job_name, r.state]),
    [['json_routine_load', 'PAUSED']],
  );
  const jobs = await rows('SELECT NAME, STATE FROM information_schema.routine_load_jobs ORDER BY ID');
  assert.deepEqual(
    jobs.map((r) => r.STATE),
    ['RUNNING', 'PAUSED'],
  );
  await rows('RESUME ROUTINE LOAD FOR json_routine_load');

  // kill -9: jobs come back with their state and offsets and keep loading, nothing twice.
  await server.kill9();
  await mock.produce('orders_topic', ['6000,1,1.00', '6001,2,2.00'], { partition: 3 });
  await mock.produce('user_events', [event(4, 'late')], { partition: 3 });
  await server.restart();
  await connect();
  await until('123 orders', async () => (await count('orders')) === 123);
  await until('4 events', async () => (await count('user_events')) === 4);
  assert.equal(Number((await rows('SELECT count(DISTINCT order_id) AS n FROM orders'))[0]?.n), 123);
  assert.equal((await job('json_routine_load')).State, 'RUNNING');
  await rows('STOP ROUTINE LOAD FOR json_routine_load');
  assert.equal((await rows('SHOW ROUTINE LOAD')).length, 1);
  assert.equal((await rows('SHOW ALL ROUTINE LOAD')).length, 2);
  await assert.rejects(rows('RESUME ROUTINE LOAD FOR json_routine_load'), /There is no job named/);
});
