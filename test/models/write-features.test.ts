/**
 * Load options on the model-aware writer (`writeRows`): `__op` deletes, partial_update keeps the
 * columns a load does not provide, merge_condition only replaces rows whose condition value is not
 * smaller, and the options are refused on other models with StarRocks' texts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CATALOG, type TableEntry } from '../../src/catalog/index.js';
import { checkWriteFeatures, writeRows, type WriteFeatures } from '../../src/load/index.js';
import { openDatabase, type DatabaseImpl } from '../../src/session/database.js';
import type { Session } from '../../src/session/index.js';

let db: DatabaseImpl;
let session: Session;

async function sql(text: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const r of session.query(text)) {
    if (r.kind === 'rows') for await (const b of r.batches) for (const row of b) rows.push([...row]);
  }
  return rows;
}

function table(name: string): TableEntry {
  const t = db.catalog.getEntry(DEFAULT_CATALOG, 'wf', name);
  assert.ok(t !== null);
  return t;
}

async function write(name: string, source: string, f: Partial<WriteFeatures>): Promise<number> {
  const features: WriteFeatures = { opColumn: false, partialUpdate: false, mergeCondition: null, ...f };
  return db.engine.transaction((tx) => writeRows(tx, table(name), source, features));
}

before(async () => {
  db = await openDatabase({ dataDir: ':memory:' });
  session = await db.openInternalSession(null);
  await sql('CREATE DATABASE wf');
  await sql('USE wf');
  await sql(
    'CREATE TABLE pk (id INT NOT NULL, name VARCHAR(20) DEFAULT "none", score INT, ver INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)',
  );
  await sql('CREATE TABLE dup (id INT, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id)');
  await sql('CREATE TABLE big_pk (k BIGINT NOT NULL, v INT) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)');
  await sql('CREATE TABLE big_agg (k BIGINT NOT NULL, s BIGINT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)');
});

after(async () => {
  await session.close();
  await db.close();
});

describe('writeRows with load options', () => {
  test('__op: upsert and delete, last op per key wins, count = rows read', async () => {
    await sql("INSERT INTO pk VALUES (1, 'a', 10, 1), (2, 'b', 20, 1), (3, 'c', 30, 1)");
    const n = await write(
      'pk',
      `SELECT * FROM (VALUES (1, 'a2', 11, 2, '0'), (2, NULL, NULL, NULL, '1'), (4, 'd', 40, 1, 'upsert'), (3, 'x', 0, 0, '0'), (3, NULL, NULL, NULL, 'delete')) v(a, b, c, d, e)`,
      { opColumn: true },
    );
    assert.equal(n, 5);
    assert.deepEqual(await sql('SELECT id, name, score FROM pk ORDER BY id'), [
      [1, 'a2', 11],
      [4, 'd', 40],
    ]);
  });

  test('partial_update: only provided columns change; new keys get defaults', async () => {
    await write('pk', 'SELECT * FROM (VALUES (1, 99), (5, 50)) v(a, b)', {
      partialUpdate: true,
      columns: ['id', 'score'],
    });
    assert.deepEqual(await sql('SELECT id, name, score, ver FROM pk WHERE id IN (1, 5) ORDER BY id'), [
      [1, 'a2', 99, 2],
      [5, 'none', 50, null],
    ]);
  });

  test('partial_update without every key column is refused', async () => {
    await assert.rejects(
      write('pk', 'SELECT 1', { partialUpdate: true, columns: ['score'] }),
      /key column id not in partial update columns/,
    );
  });

  test('merge_condition: a row replaces the stored one only when its value is >= stored', async () => {
    await write(
      'pk',
      "SELECT * FROM (VALUES (1, 'old', 0, 1), (4, 'new', 41, 5), (4, 'newer', 42, 5)) v(a, b, c, d)",
      {
        mergeCondition: 'ver',
      },
    );
    assert.deepEqual(await sql('SELECT id, name, score, ver FROM pk WHERE id IN (1, 4) ORDER BY id'), [
      [1, 'a2', 99, 2],
      [4, 'newer', 42, 5],
    ]);
  });

  test('bulk batches (new keys by plain INSERT, existing by ON CONFLICT) keep the semantics', async () => {
    const plain = {};
    assert.equal(await write('big_pk', 'SELECT i::BIGINT, 1 FROM range(0, 60000) t(i)', plain), 60000);
    await write('big_pk', 'SELECT i::BIGINT, 2 FROM range(30000, 90000) t(i)', plain);
    assert.deepEqual(await sql('SELECT count(*), sum(v) FROM big_pk'), [[90000n, 150000n]]);
    // Repeated keys in a bulk batch: reduced first, then merged.
    await write('big_agg', 'SELECT (i % 50000)::BIGINT, 1 FROM range(0, 60000) t(i)', plain);
    await write('big_agg', 'SELECT (i % 70000)::BIGINT, 1 FROM range(0, 70000) t(i)', plain);
    assert.deepEqual(await sql('SELECT count(*), sum(s), max(s) FROM big_agg'), [[70000n, 130000n, 3n]]);
  });

  test('options on a DUPLICATE table are refused with StarRocks texts', () => {
    const plain = { opColumn: false, partialUpdate: false, mergeCondition: null };
    assert.throws(
      () => checkWriteFeatures(table('dup'), { ...plain, partialUpdate: true }),
      /Only primary key table support partial update/,
    );
    assert.throws(
      () => checkWriteFeatures(table('dup'), { ...plain, mergeCondition: 'v' }),
      /Conditional update only support primary key table dup/,
    );
    assert.throws(
      () => checkWriteFeatures(table('pk'), { ...plain, mergeCondition: 'nope' }),
      /does not exist/,
    );
  });
});
