/** Engine.preopen: a later open with the same options takes the instance over; leftovers are closed. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.js';

test('open takes over a pre-opened file; a different file is opened anew; discard closes the rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rockling-preopen-'));
  try {
    Engine.preopen({ path: join(dir, 'a.duckdb') });
    Engine.preopen({ path: join(dir, 'b.duckdb') });
    const a = await Engine.open({ path: join(dir, 'a.duckdb') });
    await a.execute('CREATE TABLE t AS SELECT 42 AS x');
    assert.deepEqual((await a.queryAll('SELECT x FROM t')).rows, [[42]]);
    await Engine.discardPreopened(); // closes b: its file lock is released
    const b = await Engine.open({ path: join(dir, 'b.duckdb') });
    assert.deepEqual((await b.queryAll('SELECT 1 AS one')).rows, [[1]]);
    await b.close();
    await a.close();
    const again = await Engine.open({ path: join(dir, 'a.duckdb') });
    assert.deepEqual((await again.queryAll('SELECT x FROM t')).rows, [[42]]);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
