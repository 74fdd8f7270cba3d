import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database, type Session, type StatementResult } from '../../src/session/index.js';
import type { Value } from '../../src/types/index.js';

/** BIGINT cells arrive as bigint; compare as numbers (every value here is a safe integer). */
function num(v: Value): Value {
  return typeof v === 'bigint' ? Number(v) : v;
}

async function rows(result: StatementResult): Promise<Value[][]> {
  assert.equal(result.kind, 'rows');
  const out: Value[][] = [];
  if (result.kind === 'rows') for await (const b of result.batches) for (const r of b) out.push(r.map(num));
  return out;
}

async function all(session: Session, sql: string): Promise<void> {
  for await (const r of session.query(sql)) if (r.kind === 'rows') await rows(r);
}

// Integer parameters are bound as `$n` so one DuckDB prepared statement serves every execution:
// each execution must still see its own values, the current data and the current schema.
describe('prepared statements reused across executions', () => {
  let db: Database;
  let s: Session;
  before(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 7 });
    await all(
      s,
      'CREATE DATABASE r; CREATE TABLE r.t (id BIGINT NOT NULL, small TINYINT, name VARCHAR(10)) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)',
    );
    await all(s, "INSERT INTO r.t VALUES (1, 1, 'a'), (2, -2, 'b'), (3, 100, 'c'), (300, NULL, 'd')");
  });
  after(async () => {
    await db.close();
  });

  test('a point lookup answers each parameter value', async () => {
    const p = await s.prepare('SELECT id, name FROM r.t WHERE id = ?');
    const expected: Record<string, string> = { '1': 'a', '2': 'b', '3': 'c', '300': 'd' };
    for (let round = 0; round < 3; round++) {
      for (const id of [1, 2, 3, 300, 4, -1, 9_007_199_254_740_991]) {
        const name = expected[String(id)];
        assert.deepEqual(await rows(await s.executePrepared(p.id, [id])), name ? [[id, name]] : []);
      }
      assert.deepEqual(await rows(await s.executePrepared(p.id, [2n])), [[2, 'b']]);
    }
  });

  test('narrow columns, out-of-range values, arithmetic and mixed parameter kinds', async () => {
    const small = await s.prepare('SELECT id FROM r.t WHERE small = ? ORDER BY id');
    assert.deepEqual(await rows(await s.executePrepared(small.id, [100])), [[3]]);
    assert.deepEqual(await rows(await s.executePrepared(small.id, [-2])), [[2]]);
    assert.deepEqual(await rows(await s.executePrepared(small.id, [100000])), []);
    assert.deepEqual(await rows(await s.executePrepared(small.id, [1])), [[1]]);
    const expr = await s.prepare('SELECT ? + 1, id FROM r.t WHERE id >= ? AND name <> ? ORDER BY id');
    assert.deepEqual(await rows(await s.executePrepared(expr.id, [5, 2, 'c'])), [
      [6, 2],
      [6, 300],
    ]);
    assert.deepEqual(await rows(await s.executePrepared(expr.id, [-5, 3, 'x'])), [
      [-4, 3],
      [-4, 300],
    ]);
    const limit = await s.prepare('SELECT id FROM r.t WHERE id > ? ORDER BY id LIMIT 2');
    assert.deepEqual(await rows(await s.executePrepared(limit.id, [0])), [[1], [2]]);
    assert.deepEqual(await rows(await s.executePrepared(limit.id, [2])), [[3], [300]]);
  });

  test('writes and catalog changes between executions are seen', async () => {
    const p = await s.prepare('SELECT id, name FROM r.t WHERE id = ?');
    const count = await s.prepare('SELECT COUNT(*) FROM r.t WHERE id > ?');
    assert.deepEqual(await rows(await s.executePrepared(count.id, [0])), [[4]]);
    assert.deepEqual(await rows(await s.executePrepared(p.id, [5])), []);
    await all(s, "INSERT INTO r.t VALUES (5, 5, 'e')");
    assert.deepEqual(await rows(await s.executePrepared(p.id, [5])), [[5, 'e']]);
    assert.deepEqual(await rows(await s.executePrepared(count.id, [0])), [[5]]);
    await all(s, "INSERT INTO r.t VALUES (5, 5, 'E')");
    assert.deepEqual(await rows(await s.executePrepared(p.id, [5])), [[5, 'E']]);

    await all(s, 'ALTER TABLE r.t ADD COLUMN extra INT DEFAULT "7"');
    assert.deepEqual(await rows(await s.executePrepared(p.id, [1])), [[1, 'a']]);
    assert.deepEqual(await rows(await s.executePrepared(p.id, [5])), [[5, 'E']]);

    await all(
      s,
      'DROP TABLE r.t; CREATE TABLE r.t (id BIGINT NOT NULL, name VARCHAR(10)) PRIMARY KEY(id) DISTRIBUTED BY HASH(id)',
    );
    assert.deepEqual(await rows(await s.executePrepared(p.id, [1])), []);
    await all(s, "INSERT INTO r.t VALUES (1, 'new')");
    assert.deepEqual(await rows(await s.executePrepared(p.id, [1])), [[1, 'new']]);
    assert.deepEqual(await rows(await s.executePrepared(count.id, [0])), [[1]]);
    await all(s, 'DROP TABLE r.t');
    await assert.rejects(s.executePrepared(p.id, [1]));
  });
});
