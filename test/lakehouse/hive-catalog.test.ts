/**
 * Hive catalogs end to end over the MySQL protocol against `rockling serve`: CREATE EXTERNAL
 * CATALOG pointing at the metastore TEST DOUBLE (support/hms-double.ts — no real Hive Metastore
 * can run on this machine; the double answers with the official Apache Thrift runtime, not with
 * Rockling's codec), Parquet files written by DuckDB, then StarRocks' SQL surface: SHOW DATABASES
 * FROM, SHOW TABLES FROM, DESC, SET CATALOG / USE catalog.db, SELECT, INSERT INTO … SELECT, and
 * the refusals (ORC/text formats, s3 locations, unknown tables, a metastore that is down).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mysql from 'mysql2/promise';
import { startRockling, type RocklingServer } from '../../src/testing/index.js';
import { startHmsDouble, type HmsDouble } from './support/hms-double.js';
import { USER_PROFILE_COLUMNS, userProfileSql, writeParquet } from './support/parquet.js';

let server: RocklingServer;
let hms: HmsDouble;
let conn: mysql.Connection;
const dir = mkdtempSync(join(tmpdir(), 'rockling-hive-'));

before(async () => {
  // user_profile: 2 files + a hidden one Hive ignores; events: partitioned, folder names that
  // disagree with the metastore's values (values must come from HMS), a NULL partition, an empty
  // one, and a column added after the first partition was written.
  await writeParquet(join(dir, 'up/part-0.parquet'), userProfileSql(0, 300));
  await writeParquet(join(dir, 'up/000001_0'), userProfileSql(300, 220));
  await writeParquet(join(dir, 'up/.hidden.parquet'), userProfileSql(9000, 5));
  await writeParquet(join(dir, 'ev/a/f.parquet'), 'SELECT range::INT AS id FROM range(3)');
  await writeParquet(
    join(dir, 'ev/b/f.parquet'),
    "SELECT range::INT + 10 AS id, 'x' || range AS note FROM range(4)",
  );
  await writeParquet(join(dir, 'ev/c/f.parquet'), "SELECT 99::INT AS id, 'n' AS note");
  writeFileSync(join(dir, 'ev/b/_SUCCESS'), '');
  const [server0, hms0] = await Promise.all([
    startRockling(),
    startHmsDouble([
      { db: 'ods', name: 'user_profile', columns: USER_PROFILE_COLUMNS, location: `file://${dir}/up` },
      {
        db: 'ods',
        name: 'events',
        columns: [
          { name: 'id', type: 'int' },
          { name: 'note', type: 'varchar(20)' },
        ],
        partitionKeys: [
          { name: 'dt', type: 'date' },
          { name: 'city', type: 'string' },
        ],
        location: `file:${dir}/ev`,
        partitions: [
          { values: ['2024-01-01', 'sh'], location: `file:${dir}/ev/a` },
          { values: ['2024-01-02', 'bj'], location: `${dir}/ev/b` },
          {
            values: ['__HIVE_DEFAULT_PARTITION__', '__HIVE_DEFAULT_PARTITION__'],
            location: `file://${dir}/ev/c`,
          },
          { values: ['2024-01-03', 'gz'], location: `file://${dir}/ev/missing` },
        ],
      },
      {
        db: 'ods',
        name: 'orc_t',
        columns: [{ name: 'id', type: 'int' }],
        location: `file://${dir}/orc`,
        inputFormat: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
        serde: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde',
      },
      {
        db: 'ods',
        name: 'text_t',
        columns: [{ name: 'id', type: 'int' }],
        location: `file://${dir}/text`,
        inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        serde: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
      },
      {
        db: 'ods',
        name: 's3_t',
        columns: [{ name: 'id', type: 'int' }],
        location: 's3://bucket/warehouse/s3_t',
      },
      {
        db: 'dw',
        name: 'empty_t',
        columns: [{ name: 'id', type: 'int' }],
        location: `file://${dir}/nothing`,
      },
    ]),
  ]);
  server = server0;
  hms = hms0;
  conn = await mysql.createConnection({ ...connOptions(), dateStrings: true });
  await conn.query(
    `CREATE EXTERNAL CATALOG hive PROPERTIES ("type" = "hive", "hive.metastore.type" = "hive", "hive.metastore.uris" = "${hms.uri}")`,
  );
});

function connOptions(): mysql.ConnectionOptions {
  return { host: server.host, port: server.port, user: 'root' };
}

after(async () => {
  await conn?.end();
  await server?.stop();
  await hms?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(sql: string): Promise<unknown[][]> {
  const [r] = await conn.query({ sql, rowsAsArray: true });
  return r as unknown[][];
}

test('SHOW DATABASES FROM / SHOW TABLES FROM / DESC answer from the metastore', async () => {
  assert.deepEqual(await rows('SHOW DATABASES FROM hive'), [['dw'], ['ods']]);
  assert.deepEqual(await rows("SHOW TABLES FROM hive.ods LIKE '%t'"), [['orc_t'], ['text_t'], ['s3_t']]);
  assert.deepEqual(await rows('SHOW FULL TABLES FROM hive.dw'), [['empty_t', 'BASE TABLE']]);
  assert.deepEqual(await rows('DESC hive.ods.events'), [
    ['id', 'int', 'YES', 'false', null, ''],
    ['note', 'varchar(20)', 'YES', 'false', null, ''],
    ['dt', 'date', 'YES', 'false', null, 'partition key'],
    ['city', 'varchar(1048576)', 'YES', 'false', null, 'partition key'],
  ]);
  const [create] = await rows('SHOW CREATE TABLE hive.ods.events');
  assert.equal(create?.[0], 'events');
  assert.equal(
    create?.[1],
    'CREATE TABLE `events` (\n  `id` int(11) DEFAULT NULL,\n  `note` varchar(20) DEFAULT NULL,\n' +
      '  `dt` date DEFAULT NULL,\n  `city` varchar(1048576) DEFAULT NULL\n)\nPARTITION BY (`dt`, `city`)\n' +
      `PROPERTIES ("location" = "file:${dir}/ev");`,
  );
  await assert.rejects(conn.query('SHOW TABLES FROM hive.nope'), /Unknown database 'nope'/);
  await conn.query('REFRESH EXTERNAL TABLE hive.ods.events');
  await assert.rejects(conn.query('REFRESH EXTERNAL TABLE hive.ods.nope'), /ods\.nope/);
  await assert.rejects(conn.query('SHOW DATABASES FROM nocat'), /Unknown catalog 'nocat'/);
});

test('SELECT reads the Parquet files the metastore points at (hidden files skipped)', async () => {
  assert.deepEqual(
    await rows(
      'SELECT count(*), count(DISTINCT abs(user_id) % 52), sum(age), min(register_time), max(last_active_time) FROM hive.ods.user_profile',
    ),
    [[520, 52, sumAges(520), '2024-01-01 00:00:00', '2025-06-01 12:08:39']],
  );
  assert.deepEqual(
    await rows('SELECT user_id, city, tag, gender FROM hive.ods.user_profile WHERE user_id = -301'),
    [[-301, 'bj', 'tag0', 1]],
  );
});

function sumAges(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += 18 + (i % 50);
  return s;
}

test('partition columns come from the metastore values, typed; NULL partition; missing column reads NULL', async () => {
  assert.deepEqual(
    await rows(
      'SELECT dt, city, count(*), count(note), sum(id) FROM hive.ods.events GROUP BY dt, city ORDER BY dt',
    ),
    [
      [null, null, 1, 1, 99],
      ['2024-01-01', 'sh', 3, 0, 3],
      ['2024-01-02', 'bj', 4, 4, 46],
    ],
  );
  assert.deepEqual(
    await rows("SELECT id FROM hive.ods.events WHERE dt > '2024-01-01' ORDER BY id DESC LIMIT 2"),
    [[13], [12]],
  );
  assert.deepEqual(await rows("SELECT datediff(dt, DATE '2023-12-31') FROM hive.ods.events WHERE id = 0"), [
    [1],
  ]);
  assert.deepEqual(await rows('SELECT count(*) FROM hive.dw.empty_t'), [[0]]);
  const plan = (await rows("EXPLAIN SELECT count(*) FROM hive.ods.events WHERE dt = '2024-01-02'")).join(
    '\n',
  );
  assert.match(plan, /events/);
});

test('concurrent readers on their own connections stage and read the same files', async () => {
  const conns = await Promise.all([1, 2, 3, 4].map(() => mysql.createConnection(connOptions())));
  try {
    const counts = await Promise.all(
      conns.map(async (c, i) => {
        const [r] = await c.query({
          sql:
            i % 2 === 0
              ? 'SELECT count(*) FROM hive.ods.user_profile'
              : 'SELECT count(*) FROM hive.ods.events',
          rowsAsArray: true,
        });
        return (r as unknown[][])[0]?.[0];
      }),
    );
    assert.deepEqual(counts, [520, 8, 520, 8]);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
});

test('SET CATALOG and USE catalog.db make one- and two-part names resolve in the Hive catalog', async () => {
  const c = await mysql.createConnection(connOptions());
  try {
    await c.query('SET CATALOG hive');
    const [a] = await c.query({ sql: 'SELECT count(*) FROM ods.events', rowsAsArray: true });
    assert.deepEqual(a, [[8]]);
    await c.query('USE hive.ods');
    const [b] = await c.query({
      sql: "SELECT count(*) FROM user_profile WHERE city = 'sh'",
      rowsAsArray: true,
    });
    assert.deepEqual(b, [[130]]);
    const [t] = await c.query({ sql: "SHOW TABLES LIKE 'e%'", rowsAsArray: true });
    assert.deepEqual(t, [['events']]);
    const [cat] = await c.query({ sql: 'SELECT catalog(), database()', rowsAsArray: true });
    assert.deepEqual(cat, [['hive', 'ods']]);
    // Server-side prepared statements (COM_STMT_PREPARE/EXECUTE) over a Hive table.
    const [p] = await c.execute(
      'SELECT city, count(*) AS n FROM events WHERE id >= ? GROUP BY city ORDER BY city',
      [10],
    );
    assert.deepEqual(p, [
      { city: null, n: 1 },
      { city: 'bj', n: 4 },
    ]);
    await assert.rejects(c.query('USE hive.nope'), /Unknown database 'nope'/);
    await c.query('USE default_catalog.information_schema');
  } finally {
    await c.end();
  }
});

test('INSERT INTO an internal table SELECT … FROM the Hive table, and a join of both', async () => {
  await conn.query('CREATE DATABASE IF NOT EXISTS lake');
  await conn.query(
    'CREATE TABLE lake.up (user_id BIGINT NOT NULL, city VARCHAR(64), age SMALLINT) PRIMARY KEY (user_id) DISTRIBUTED BY HASH(user_id)',
  );
  await conn.query(
    'INSERT INTO lake.up WITH LABEL up_even (user_id, city, age) SELECT user_id, city, age FROM hive.ods.user_profile WHERE abs(user_id) % 2 = 0',
  );
  assert.deepEqual(await rows('SELECT count(*), sum(age) FROM lake.up'), [[260, sumEvenAges()]]);
  await assert.rejects(
    conn.query('INSERT INTO lake.up WITH LABEL up_even SELECT user_id, city, age FROM hive.ods.user_profile'),
    /Label \[up_even\] has already been used/,
  );
  assert.deepEqual(
    await rows(
      'SELECT count(*) FROM lake.up u JOIN hive.ods.user_profile h ON u.user_id = h.user_id AND u.city = h.city',
    ),
    [[260]],
  );
  await assert.rejects(
    conn.query('INSERT INTO hive.ods.events (id) VALUES (1)'),
    /writing to tables of external catalog 'hive'/,
  );
  // An async MV over the Hive table: filled at creation, refreshed on demand from the files.
  await conn.query(
    'CREATE MATERIALIZED VIEW lake.mv_city DISTRIBUTED BY HASH(city) REFRESH ASYNC AS SELECT city, count(*) AS n FROM hive.ods.user_profile GROUP BY city',
  );
  assert.deepEqual(await rows('SELECT city, n FROM lake.mv_city ORDER BY city'), [
    ['bj', 130],
    ['gz', 130],
    ['sh', 130],
    ['sz', 130],
  ]);
  // A file added to the Hive table is seen by the next refresh (no metadata cache).
  await writeParquet(join(dir, 'up/extra.parquet'), userProfileSql(10_000, 4));
  try {
    await conn.query('REFRESH MATERIALIZED VIEW lake.mv_city WITH SYNC MODE');
    assert.deepEqual(await rows('SELECT sum(n) FROM lake.mv_city'), [[524]]);
  } finally {
    rmSync(join(dir, 'up/extra.parquet'));
  }
  // CREATE TABLE … AS SELECT from the Hive table.
  await conn.query('CREATE TABLE lake.ev AS SELECT dt, city, id FROM hive.ods.events WHERE dt IS NOT NULL');
  assert.deepEqual(await rows('SELECT count(*), min(dt), max(city) FROM lake.ev'), [[7, '2024-01-01', 'sh']]);
});

function sumEvenAges(): number {
  let s = 0;
  for (let i = 0; i < 520; i += 2) s += 18 + (i % 50);
  return s;
}

test('refusals: ORC and text tables, s3 locations, unknown tables, a metastore that is down; no file functions for users', async () => {
  await assert.rejects(
    conn.query('SELECT * FROM hive.ods.orc_t'),
    (e: { errno?: number; message: string }) => {
      assert.equal(e.errno, 1235);
      assert.match(
        e.message,
        /reading Hive table ods\.orc_t stored as ORC; Rockling reads Hive tables in Parquet only/,
      );
      return true;
    },
  );
  await assert.rejects(conn.query('SELECT * FROM hive.ods.text_t'), /stored as TEXTFILE/);
  await assert.rejects(
    conn.query('SELECT * FROM hive.ods.s3_t'),
    /reading files from s3 location 's3:\/\/bucket\/warehouse\/s3_t'/,
  );
  await assert.rejects(conn.query('SELECT * FROM hive.ods.nope'), /Unknown table 'ods\.nope'|ods\.nope/);
  await assert.rejects(conn.query("SELECT * FROM read_parquet('/etc/hostname')"), /read_parquet/);
  await conn.query(
    'CREATE EXTERNAL CATALOG hive_down PROPERTIES ("type"="hive", "hive.metastore.uris"="thrift://127.0.0.1:1")',
  );
  await assert.rejects(
    conn.query('SELECT * FROM hive_down.ods.events'),
    /Failed to access the Hive metastore: could not connect/,
  );
  assert.ok(hms.calls.includes('get_partitions ods.events'));
});

test('reading a catalog needs USAGE on it (root has it; GRANT USAGE ON CATALOG gives it)', async () => {
  await conn.query("CREATE USER 'analyst'@'%' IDENTIFIED BY 'pw'");
  const analyst = await mysql.createConnection({ ...connOptions(), user: 'analyst', password: 'pw' });
  try {
    await assert.rejects(analyst.query('SELECT count(*) FROM hive.ods.events'), /USAGE/);
    await assert.rejects(analyst.query('SHOW DATABASES FROM hive'), /USAGE/);
    await conn.query("GRANT USAGE ON CATALOG hive TO 'analyst'@'%'");
    const [r] = await analyst.query({ sql: 'SELECT count(*) FROM hive.ods.events', rowsAsArray: true });
    assert.deepEqual(r, [[8]]);
  } finally {
    await analyst.end();
  }
});
