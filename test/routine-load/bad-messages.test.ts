/**
 * Bad Kafka messages in Routine Load, as StarRocks filters and counts them: wrong types, missing
 * NOT NULL / nullable fields, oversize VARCHAR values, CSV column-count mismatches; strict_mode on
 * vs off; pausing at max_error_number and carrying on after ALTER + RESUME.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import {
  freePort,
  startKafkaMock,
  startRockling,
  type KafkaMock,
  type RocklingServer,
} from '../../src/testing/index.js';
import { until as pollUntil } from './fixtures.js';

const until = (what: string, fn: () => Promise<boolean>) => pollUntil(what, fn, 15_000);

let mock: KafkaMock;
let server: RocklingServer;
let conn: Connection;
let bePort: number;

before(async () => {
  bePort = await freePort();
  [mock, server] = await Promise.all([
    startKafkaMock(),
    startRockling({ extraArgs: ['--be-http-port', String(bePort)] }),
  ]);
  const c = await createConnection({ host: server.host, port: server.port, user: 'root' });
  await c.query('CREATE DATABASE bad');
  await c.end();
  conn = await createConnection({ host: server.host, port: server.port, user: 'root', database: 'bad' });
});
after(async () => {
  await conn?.end().catch(() => undefined);
  await server?.stop();
  await mock?.stop();
});

async function rows(sql: string): Promise<RowDataPacket[]> {
  const [r] = await conn.query<RowDataPacket[]>(sql);
  return r;
}

async function job(name: string): Promise<RowDataPacket> {
  return (await rows(`SHOW ROUTINE LOAD FOR ${name}`))[0] as RowDataPacket;
}

function stat(j: RowDataPacket): { loadedRows: number; errorRows: number; totalRows: number } {
  return JSON.parse(j.Statistic as string) as { loadedRows: number; errorRows: number; totalRows: number };
}

async function table(name: string): Promise<unknown[][]> {
  const r = await rows(`SELECT * FROM ${name} ORDER BY id`);
  return r.map((x) => Object.values(x).map((v) => (v === null ? null : String(v))));
}

const jsonJob = (
  name: string,
  tbl: string,
  topic: string,
  props: string,
) => `CREATE ROUTINE LOAD ${name} ON ${tbl}
PROPERTIES ("format" = "json", "max_batch_interval" = "5", ${props})
FROM KAFKA ("kafka_broker_list" = "${mock.bootstrap}", "kafka_topic" = "${topic}",
  "kafka_partitions" = "0", "kafka_offsets" = "OFFSET_BEGINNING")`;

const j = (o: Record<string, unknown>) => JSON.stringify(o);

/** Every error log a job lists in ErrorLogUrls (at most three, oldest first), fetched from the BE port. */
async function errorLog(r: RowDataPacket): Promise<string> {
  const urls = String(r.ErrorLogUrls).split(', ');
  assert.ok(urls.length >= 1 && urls.length <= 3, String(r.ErrorLogUrls));
  assert.match(
    String(r.TrackingSQL),
    /^select tracking_log from information_schema\.load_tracking_logs where job_id=/,
  );
  let text = '';
  for (const url of urls) {
    // An absolute URL on the BE role's HTTP port, as StarRocks gives it.
    assert.ok(url.startsWith(`http://${server.host}:${bePort}/api/_load_error_log?file=`), url);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    text += await res.text();
  }
  return text;
}

const TABLE = (name: string) =>
  `CREATE TABLE ${name} (id INT NOT NULL, qty INT, name VARCHAR(5) NOT NULL, note VARCHAR(10)) ` +
  `DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1`;

/** Good rows 1, 6; (a) wrong type for nullable INT; (b) NOT NULL field missing; (c) nullable
 * field missing; (d) VARCHAR(5) overflow; wrong type for the NOT NULL INT key; malformed JSON; VARCHAR(10) overflow in a
 * nullable column (a failed conversion per the strict-mode page: NULL when strict_mode is off). */
const MIXED = [
  j({ id: 1, qty: 10, name: 'a', note: 'x' }),
  j({ id: 2, qty: 'abc', name: 'b', note: 'y' }),
  j({ id: 3, qty: 3, note: 'z' }),
  j({ id: 4, qty: 4, name: 'd' }),
  j({ id: 5, qty: 5, name: 'toolong', note: 'w' }),
  j({ id: 'seven', qty: 7, name: 'g' }),
  j({ id: 6, qty: '6', name: 'f', note: 'v' }),
  '{"id": 9, broken',
  j({ id: 8, qty: 8, name: 'h', note: 'elevenchars' }),
];

test('JSON: wrong types, missing fields and oversize strings under strict_mode false and true', async () => {
  await rows(TABLE('lax'));
  await rows(TABLE('strict'));
  await mock.produce('mixed', MIXED, { partition: 0 });
  await rows(jsonJob('lax_job', 'lax', 'mixed', '"max_error_number" = "100", "strict_mode" = "false"'));
  await rows(jsonJob('strict_job', 'strict', 'mixed', '"max_error_number" = "100", "strict_mode" = "true"'));
  await until('both jobs consumed 9 messages', async () => {
    const [a, b] = [stat(await job('lax_job')), stat(await job('strict_job'))];
    return a.totalRows === 9 && b.totalRows === 9;
  });
  // strict_mode false: "abc" becomes NULL in the nullable column and the row loads; the missing
  // NOT NULL field, the oversize VARCHAR and the failed NOT NULL key conversion are filtered;
  // the missing nullable field loads as NULL.
  assert.deepEqual(await table('lax'), [
    ['1', '10', 'a', 'x'],
    ['2', null, 'b', 'y'],
    ['4', '4', 'd', null],
    ['6', '6', 'f', 'v'],
    ['8', '8', 'h', null],
  ]);
  // strict_mode true: the failed conversion filters its row too; NULL from a missing field is not
  // a conversion failure, so row 4 still loads.
  assert.deepEqual(await table('strict'), [
    ['1', '10', 'a', 'x'],
    ['4', '4', 'd', null],
    ['6', '6', 'f', 'v'],
  ]);
  const lax = await job('lax_job');
  const strict = await job('strict_job');
  assert.deepEqual(
    [stat(lax).loadedRows, stat(lax).errorRows, stat(strict).loadedRows, stat(strict).errorRows],
    [5, 4, 3, 6],
  );
  for (const r of [lax, strict]) {
    assert.equal(r.State, 'RUNNING', 'errors within max_error_number do not pause');
    assert.equal(r.ReasonOfStateChanged, '');
  }
  // ErrorLogUrls points at the rejected-row log the BE role serves.
  const log = await errorLog(strict);
  assert.match(log, /NULL value in non-nullable column 'name'\. Row: \{"id":"3"/);
  assert.match(log, /Type: VARCHAR\(5\), Value length: 7, Value: toolong\./);
  assert.match(log, /\(name = qty, pos = 1\) is out of range\. Type: INT, Value length: 3, Value: abc\./);
  assert.match(log, /parse json failed: .*\. Row: \{"id": 9, broken/);
  assert.match(log, /Type: VARCHAR\(10\), Value length: 11, Value: elevenchars\./);
  assert.equal(log.trim().split('\n').length, 6, 'one line per filtered row');
});

test('JSON: errors past max_error_number pause the job with the reason; ALTER + RESUME carries on', async () => {
  await rows(TABLE('win'));
  await mock.produce(
    'win',
    [
      j({ id: 1, qty: 1, name: 'a' }),
      j({ id: 2, qty: 2 }),
      j({ id: 3, qty: 3, name: 'c' }),
      j({ id: 4, qty: 4, name: 'waytoolong' }),
    ],
    { partition: 0 },
  );
  await rows(jsonJob('win_job', 'win', 'win', '"max_error_number" = "1"'));
  const clean = await job('win_job');
  assert.deepEqual([clean.ErrorLogUrls, clean.TrackingSQL], ['', ''], 'no error log yet, no tracking SQL');
  await until('win_job paused', async () => (await job('win_job')).State === 'PAUSED');
  let w = await job('win_job');
  assert.match(
    w.ReasonOfStateChanged as string,
    /^ErrorReason\{errCode = 102, msg='Current error rows: 2 is more than max error num: 1\. .*max_error_number/,
  );
  assert.deepEqual([stat(w).loadedRows, stat(w).errorRows, stat(w).totalRows], [2, 2, 4]);
  // The batch that tripped the window still committed its good rows and its offsets.
  assert.deepEqual(await table('win'), [
    ['1', '1', 'a', null],
    ['3', '3', 'c', null],
  ]);
  assert.deepEqual(JSON.parse(w.Progress as string), { '0': '3' });
  assert.match(await errorLog(w), /waytoolong/);

  // While paused: two more bad rows and a good one; raise the limit, resume.
  await mock.produce(
    'win',
    [j({ id: 5, qty: 'x', name: 'e' }), j({ name: 'noid' }), j({ id: 6, qty: 6, name: 'f' })],
    { partition: 0 },
  );
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await table('win')).length, 2, 'a paused job loads nothing');
  await rows('ALTER ROUTINE LOAD FOR win_job PROPERTIES ("max_error_number" = "5")');
  await rows('RESUME ROUTINE LOAD FOR win_job');
  await until('rows 5 and 6 loaded', async () => (await table('win')).length === 4);
  w = await job('win_job');
  assert.equal(w.State, 'RUNNING');
  assert.deepEqual([stat(w).loadedRows, stat(w).errorRows, stat(w).totalRows], [4, 3, 7]);
  // strict_mode is false here: qty "x" loads as NULL (row 5); the row without its key is filtered.
  assert.match(await errorLog(w), /NULL value in non-nullable column 'id'\. Row: \{"id":null/);
  assert.deepEqual((await table('win')).slice(2), [
    ['5', null, 'e', null],
    ['6', '6', 'f', null],
  ]);

  // Only good messages from here on: the job keeps running.
  await mock.produce('win', [j({ id: 7, qty: 7, name: 'g' })], { partition: 0 });
  await until('row 7', async () => (await table('win')).length === 5);
  assert.equal((await job('win_job')).State, 'RUNNING');
});

test('CSV: a wrong column count is an error row', async () => {
  await rows(
    'CREATE TABLE c (id INT, a INT, b VARCHAR(10)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1',
  );
  await mock.produce('csv', ['1,2,x', '2,3', '3,4,y,extra', '4,5,z'], { partition: 0 });
  await rows(`CREATE ROUTINE LOAD csv_job ON c COLUMNS TERMINATED BY ","
PROPERTIES ("max_error_number" = "10", "max_batch_interval" = "5")
FROM KAFKA ("kafka_broker_list" = "${mock.bootstrap}", "kafka_topic" = "csv",
  "kafka_partitions" = "0", "kafka_offsets" = "OFFSET_BEGINNING")`);
  await until('csv rows consumed', async () => stat(await job('csv_job')).totalRows === 4);
  assert.deepEqual(await table('c'), [
    ['1', '2', 'x'],
    ['4', '5', 'z'],
  ]);
  const c = await job('csv_job');
  assert.deepEqual([stat(c).loadedRows, stat(c).errorRows, c.State], [2, 2, 'RUNNING']);
  const log = await errorLog(c);
  assert.match(log, /2,3/);
  assert.match(log, /3,4,y,extra/);
});
