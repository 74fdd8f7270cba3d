/**
 * Concurrent schema changes on one PRIMARY KEY table, then kill -9 and a restart. A schema change
 * drops the table's key index, alters the storage and re-creates the index after commit. When the
 * re-creation ran after the table lock was released, the next ALTER could begin before it and commit
 * after it; DuckDB accepts that live, but its WAL then holds an ALTER of an indexed table, and replay
 * refuses ("Cannot alter entry … because there are entries that depend on it"): the data directory
 * could no longer be opened. A process killed between commit and re-creation must also get its key
 * index back at start-up.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createConnection, type Connection } from 'mysql2/promise';
import { startRockling, type RocklingServer } from '../../src/testing/index.js';

let server: RocklingServer;
const conns: Connection[] = [];

async function connect(): Promise<Connection> {
  const c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root', database: 'r' });
  conns.push(c);
  return c;
}

before(async () => {
  server = await startRockling({ startTimeoutMs: 60_000 });
  const c = await createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
  await c.query('CREATE DATABASE r');
  await c.query(
    'CREATE TABLE r.t (id BIGINT NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1',
  );
  await c.query(
    'INSERT INTO r.t SELECT generate_series, generate_series FROM TABLE(generate_series(1, 1000))',
  );
  await c.end();
});

after(async () => {
  for (const c of conns) await c.end().catch(() => undefined);
  await server?.stop();
});

test('ALTERs racing on a PRIMARY KEY table leave a WAL that replays after kill -9', async () => {
  const workers = await Promise.all([0, 1, 2].map(() => connect()));
  await Promise.all(
    workers.map(async (c, w) => {
      for (let i = 0; i < 12; i++) {
        await c.query(`ALTER TABLE t ADD COLUMN c${w}_${i} INT`);
        await c.query(`ALTER TABLE t DROP COLUMN c${w}_${i}`);
      }
    }),
  );
  await server.kill9();
  conns.length = 0;
  await server.restart();
  const c = await connect();
  const [rows] = await c.query('SELECT count(*) AS n, count(DISTINCT id) AS k, sum(v) AS s FROM t');
  assert.deepEqual(rows, [{ n: 1000, k: 1000, s: 500500 }]);
  const [cols] = await c.query('DESC t');
  assert.deepEqual(
    (cols as { Field: string }[]).map((r) => r.Field),
    ['id', 'v'],
  );
  // The key still holds: an upsert replaces, it does not add.
  await c.query('INSERT INTO t VALUES (1, 7)');
  const [one] = await c.query('SELECT count(*) AS n, max(v) AS v FROM t WHERE id = 1');
  assert.deepEqual(one, [{ n: 1, v: 7 }]);
});
