/**
 * The recycle bin's hidden names carry the drop time; the sweep (at start-up, then hourly) drops
 * entries older than catalog_trash_expire_second (one day) and nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHiddenName, isRecycledBefore, RECYCLE_PREFIX } from '../../src/session/temp-tables.js';

test('recycled names older than the cutoff are swept; newer ones, temp and user tables are kept', () => {
  const at = (ms: number, name: string) => `${RECYCLE_PREFIX}${String(ms).padStart(15, '0')}_${name}`;
  const cutoff = 1_700_000_000_000;
  assert.equal(isRecycledBefore(at(cutoff - 1, 'orders'), cutoff), true);
  assert.equal(isRecycledBefore(at(cutoff, 'orders'), cutoff), false);
  assert.equal(isRecycledBefore(at(cutoff + 5, '123_digits_first'), cutoff), false);
  assert.equal(isRecycledBefore('orders', cutoff), false);
  assert.equal(isRecycledBefore('__rockling_temp_7_orders', cutoff), false);
  assert.equal(isHiddenName(at(1, 'orders')), true);
  assert.equal(isHiddenName('orders'), false);
});

test('the sweep drops a recycled table once expired, and RECOVER then fails', async () => {
  const { openDatabase } = await import('../../src/session/index.js');
  const { dropExpiredRecycled, RECYCLE_EXPIRE_MS } = await import('../../src/session/exec-temp-table.js');
  const db = await openDatabase({ dataDir: ':memory:' });
  try {
    const s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 1 });
    const run = async (sql: string): Promise<void> => {
      for await (const r of s.query(sql)) if (r.kind === 'rows') for await (const b of r.batches) void b;
    };
    await run('CREATE DATABASE r; CREATE TABLE r.a (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)');
    await run(
      'CREATE TABLE r.b (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k); DROP TABLE r.a; DROP TABLE r.b',
    );
    const binned = () =>
      db.catalog.listTables('default_catalog', 'r').filter((t) => isHiddenName(t.name)).length;
    assert.equal(binned(), 2);
    await dropExpiredRecycled(db.catalog, Date.now()); // nothing has expired yet
    assert.equal(binned(), 2);
    await run('RECOVER TABLE r.b');
    await dropExpiredRecycled(db.catalog, Date.now() + RECYCLE_EXPIRE_MS + 1000);
    assert.equal(binned(), 0);
    await assert.rejects(run('RECOVER TABLE r.a'));
    await run('SELECT * FROM r.b'); // the recovered table stays
    await s.close();
  } finally {
    await db.close();
  }
});
