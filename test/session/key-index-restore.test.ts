/**
 * A schema change drops a PRIMARY KEY table's key index and re-creates it after its commit. If the
 * process dies in between, the next start re-creates it: the writer's index path (ON CONFLICT) is
 * back, and the key is still enforced.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.js';
import { DATABASE_FILE, openDatabase } from '../../src/session/index.js';

const INDEXES =
  "SELECT schema_name || '.' || index_name FROM duckdb_indexes() WHERE table_name NOT LIKE '\\_\\_%' ESCAPE '\\'";

/** Run statements in a freshly opened database; returns the rows of the last one. */
async function run(dir: string, sqls: readonly string[]): Promise<unknown[][]> {
  const db = await openDatabase({ dataDir: dir });
  const s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 1 });
  const out: unknown[][] = [];
  try {
    for (const sql of sqls)
      for await (const r of s.query(sql))
        if (r.kind === 'rows') for await (const b of r.batches) out.push(...b.map((row) => [...row]));
  } finally {
    await s.close();
    await db.close();
  }
  return out;
}

async function keyIndexes(dir: string, drop: boolean): Promise<string[]> {
  const engine = await Engine.open({ path: join(dir, DATABASE_FILE) });
  try {
    const names = (await engine.queryAll(INDEXES)).rows.map((r) => String(r[0]));
    const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
    if (drop)
      for (const n of names) {
        const [schema = '', index = ''] = n.split('.');
        await engine.execute(`DROP INDEX ${quote(schema)}.${quote(index)}`);
      }
    return names;
  } finally {
    await engine.close();
  }
}

test('a key index lost between a schema change and its re-creation comes back at start-up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-keyidx-'));
  try {
    await run(dir, [
      'CREATE DATABASE k',
      'CREATE TABLE k.t (id BIGINT NOT NULL, v INT) PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1',
      'INSERT INTO k.t VALUES (1, 1), (2, 2)',
    ]);
    const before = await keyIndexes(dir, true);
    assert.equal(before.length, 1);
    assert.deepEqual(await keyIndexes(dir, false), []);
    await run(dir, ['INSERT INTO k.t VALUES (1, 10)']);
    assert.deepEqual(await keyIndexes(dir, false), before);
    const rows = await run(dir, [
      'INSERT INTO k.t VALUES (2, 20), (3, 30)',
      'SELECT id, v FROM k.t ORDER BY id',
    ]);
    assert.deepEqual(rows, [
      [1n, 10],
      [2n, 20],
      [3n, 30],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
