/**
 * SHOW CREATE TABLE round-trips: the text it prints for a table of every model (and the seeds'
 * tables) creates a table whose SHOW CREATE TABLE is the same text, and whose model behaves the same.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { open, type RocklingDb } from '../../src/index.js';

let db: RocklingDb;

const TABLES: Record<string, string> = {
  dup: `CREATE TABLE dup (a INT, b VARCHAR(20) DEFAULT 'x' COMMENT 'bee', c JSON) DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 3`,
  agg: `CREATE TABLE agg (d DATE NOT NULL, s VARCHAR(8) NOT NULL, pv BIGINT SUM DEFAULT "0", hi INT MAX, lo INT MIN, r VARCHAR(9) REPLACE, rn INT REPLACE_IF_NOT_NULL, u BITMAP BITMAP_UNION, h HLL HLL_UNION, p PERCENTILE PERCENTILE_UNION) AGGREGATE KEY(d, s) DISTRIBUTED BY HASH(s) BUCKETS 2`,
  uq: `CREATE TABLE uq (k INT, k2 VARCHAR(5), v INT) UNIQUE KEY(k, k2) COMMENT "unique one" DISTRIBUTED BY HASH(k) ORDER BY (k2, k)`,
  pk: `CREATE TABLE pk (id BIGINT NOT NULL, dt DATE NOT NULL, v DOUBLE, t DATETIME DEFAULT CURRENT_TIMESTAMP) PRIMARY KEY(id, dt) DISTRIBUTED BY HASH(id) BUCKETS 4 ORDER BY (dt) PROPERTIES ("enable_persistent_index" = "true")`,
  seeds_metrics: `CREATE TABLE seeds_metrics (metric_time DATETIME, metric_name VARCHAR(100), metric_value DOUBLE, tags JSON) ENGINE=OLAP DUPLICATE KEY(metric_time, metric_name) PARTITION BY RANGE(metric_time) () DISTRIBUTED BY HASH(metric_name) BUCKETS 16`,
};

async function showCreate(name: string): Promise<string> {
  const r = await db.query(`SHOW CREATE TABLE rt.${name}`);
  return String(r.rows[0]?.[1]);
}

before(async () => {
  db = await open(':memory:');
  await db.query('CREATE DATABASE rt');
  await db.query('USE rt');
});
after(async () => db.close());

for (const [name, ddl] of Object.entries(TABLES)) {
  test(`SHOW CREATE TABLE ${name} round-trips`, async () => {
    await db.query(ddl);
    const shown = await showCreate(name);
    await db.query(shown.replace(`CREATE TABLE \`${name}\``, `CREATE TABLE \`${name}_copy\``));
    const again = await showCreate(`${name}_copy`);
    assert.equal(again, shown.replace(`\`${name}\``, `\`${name}_copy\``));
  });
}

test('the copy keeps the model: PRIMARY KEY upserts, AGGREGATE sums', async () => {
  await db.query(`INSERT INTO pk_copy (id, dt, v) VALUES (1, '2024-01-01', 1.5), (1, '2024-01-01', 2.5)`);
  assert.deepEqual((await db.query('SELECT count(*), max(v) FROM pk_copy')).rows, [[1n, 2.5]]);
  await db.query(`INSERT INTO agg_copy (d, s, pv) VALUES ('2024-01-01', 'a', 2), ('2024-01-01', 'a', 3)`);
  assert.deepEqual((await db.query('SELECT pv FROM agg_copy')).rows, [[5n]]);
});
