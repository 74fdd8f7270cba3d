/**
 * Loads outside SQL refresh `REFRESH ASYNC` materialized views (no EVERY) over their base table,
 * as an INSERT does: a Stream Load and a transaction Stream Load COMMIT are followed by the MV
 * showing the new rows, while a transaction load not yet committed does not trigger anything.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { basic, httpFollow, startHarness, type Harness } from './harness.js';

let h: Harness;
const AUTH = { Authorization: basic('root', '') };

before(async () => {
  h = await startHarness();
  await h.sql('CREATE DATABASE mvr');
  await h.sql(
    'CREATE TABLE mvr.sales (id INT NOT NULL, shop INT, amount INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)',
  );
  await h.sql('INSERT INTO mvr.sales VALUES (1, 10, 5)');
  await h.sql(
    'CREATE MATERIALIZED VIEW mvr.per_shop REFRESH ASYNC AS SELECT shop, sum(amount) AS total, count(*) AS n FROM mvr.sales GROUP BY shop',
  );
});
after(async () => h.close());

async function mvRows(): Promise<number[][]> {
  const rows = await h.sql('SELECT shop, total, n FROM mvr.per_shop ORDER BY shop');
  return rows.map((r) => r.map((v) => Number(v)));
}

/** Poll the MV until it shows `want` (the refresh runs in the background). */
async function waitFor(want: number[][]): Promise<void> {
  let last: number[][] = [];
  for (let i = 0; i < 100; i++) {
    last = await mvRows();
    if (JSON.stringify(last) === JSON.stringify(want)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(last, want, 'the MV did not refresh after the load');
}

test('a Stream Load into the base table refreshes the REFRESH ASYNC MV', async () => {
  await waitFor([[10, 5, 1]]);
  const r = await httpFollow(
    'PUT',
    `${h.fe}/api/mvr/sales/_stream_load`,
    { ...AUTH, label: 'mvr_1', column_separator: ',' },
    '2,10,7\n3,20,1\n',
  );
  assert.equal(r.json.Status, 'Success', JSON.stringify(r.json));
  await waitFor([
    [10, 12, 2],
    [20, 1, 1],
  ]);
});

test('a transaction Stream Load refreshes the MV at COMMIT', async () => {
  const headers = { ...AUTH, db: 'mvr', table: 'sales', label: 'mvr_txn', column_separator: ',' };
  const call = (op: string, body?: string) =>
    httpFollow(op === 'load' ? 'PUT' : 'POST', `${h.fe}/api/transaction/${op}`, headers, body);
  assert.equal((await call('begin')).json.Status, 'OK');
  assert.equal((await call('load', '4,30,9\n')).json.Status, 'OK');
  assert.equal((await call('prepare')).json.Status, 'OK');
  const c = await call('commit');
  assert.equal(c.json.Status, 'OK', JSON.stringify(c.json));
  await waitFor([
    [10, 12, 2],
    [20, 1, 1],
    [30, 9, 1],
  ]);
});
