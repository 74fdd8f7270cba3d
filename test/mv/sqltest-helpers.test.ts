import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, renderText } from '../../src/index.js';
import { runHelper, type HelperContext } from '../../src/tools/sqltest/functions.js';

test('wait_async_materialized_view_finish waits for the MV refresh and fails for an unknown MV', async () => {
  const db = await open(':memory:');
  try {
    const ctx: HelperContext = {
      query: async (sql) => {
        const r = await db.query(sql);
        return r.rows.map((row) => row.map((v, i) => renderText(v, r.columns[i]!.type) ?? 'None'));
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    await db.query('CREATE DATABASE mvh');
    await db.query('CREATE TABLE mvh.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1');
    await db.query('INSERT INTO mvh.t VALUES (1, 2), (1, 3)');
    await db.query(
      'CREATE MATERIALIZED VIEW mvh.mv REFRESH ASYNC AS SELECT k, sum(v) AS s FROM mvh.t GROUP BY k',
    );
    await db.query('REFRESH MATERIALIZED VIEW mvh.mv');
    assert.equal(await runHelper(ctx, `wait_async_materialized_view_finish("mvh", 'mv')`), 'None');
    // A refresh of an MV triggers the REFRESH ASYNC MVs built on it (nested MVs).
    await db.query('CREATE MATERIALIZED VIEW mvh.mv_top REFRESH DEFERRED ASYNC AS SELECT k, s FROM mvh.mv');
    await db.query('INSERT INTO mvh.t VALUES (1, 10)');
    assert.equal(await runHelper(ctx, `wait_async_materialized_view_finish("mvh", "mv", 3)`), 'None');
    assert.equal(await runHelper(ctx, `wait_async_materialized_view_finish("mvh", "mv_top", 1)`), 'None');
    assert.deepEqual(
      (await db.query('SELECT s FROM mvh.mv_top')).rows.map((r) => String(r[0])),
      ['15'],
    );
    const { rows } = await db.query('SELECT s FROM mvh.mv');
    assert.deepEqual(
      rows.map((r) => String(r[0])),
      ['15'],
    );
    await assert.rejects(runHelper(ctx, `wait_async_materialized_view_finish("mvh", "nope")`), /not found/);
  } finally {
    await db.close();
  }
});
