/**
 * The constant-statement cache (src/session/statement-cache.ts): a SELECT of constants runs on
 * DuckDB once and is replayed from memory afterwards; anything that depends on state (variables,
 * functions, tables, sql_mode) is not served from it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database, type Session, type StatementResult } from '../../src/session/index.js';
import type { Value } from '../../src/types/index.js';

async function run(session: Session, sql: string): Promise<{ names: string[]; rows: Value[][] }[]> {
  const out: { names: string[]; rows: Value[][] }[] = [];
  for await (const r of session.query(sql)) out.push(await collect(r));
  return out;
}

async function collect(r: StatementResult): Promise<{ names: string[]; rows: Value[][] }> {
  if (r.kind !== 'rows') return { names: [], rows: [] };
  const rows: Value[][] = [];
  for await (const b of r.batches) for (const row of b) rows.push([...row]);
  return { names: r.columns.map((c) => c.name), rows };
}

describe('constant statement cache', () => {
  let db: Database;
  let s: Session;
  let engineCalls = 0;
  before(async () => {
    db = await openDatabase({ dataDir: ':memory:' });
    // count trips to DuckDB: a cached statement must not make one
    const engine = (db as unknown as { engine: { stream: (...a: unknown[]) => Promise<unknown> } }).engine;
    const stream = engine.stream.bind(engine);
    engine.stream = (...a: unknown[]) => {
      engineCalls++;
      return stream(...a);
    };
    s = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 7 });
  });
  after(async () => {
    await s.close();
    await db.close();
  });

  test('SELECT 1 reaches DuckDB once, then answers the same from memory', async () => {
    const first = await run(s, 'SELECT 1');
    const calls = engineCalls;
    assert.ok(calls >= 1);
    for (let i = 0; i < 5; i++) assert.deepEqual(await run(s, 'SELECT 1'), first);
    assert.equal(engineCalls, calls);
    assert.deepEqual(first, [{ names: ['1'], rows: [[1]] }]);
    const other = await db.openSession({ user: 'root', host: '127.0.0.1', database: null, connectionId: 8 });
    assert.deepEqual(await run(other, 'SELECT 1'), first);
    assert.equal(engineCalls, calls, 'the cache is shared by the sessions of a database');
    await other.close();
  });

  test('constant expressions keep names, types and values', async () => {
    const sql = "SELECT 1 + 2 AS x, 'a', NULL, 7 / 2, CAST('12' AS INT) IS NULL";
    const first = await run(s, sql);
    assert.deepEqual(await run(s, sql), first);
    assert.deepEqual(first[0]?.names.slice(0, 3), ['x', "'a'", 'NULL']);
    const row = first[0]?.rows[0] ?? [];
    assert.equal(Number(row[0]), 3);
    assert.deepEqual(row.slice(1, 3), ['a', null]);
    assert.equal(row.length, 5);
  });

  test('variables, functions and tables are evaluated every time', async () => {
    await run(s, 'SET @v = 1');
    assert.deepEqual((await run(s, 'SELECT @v'))[0]?.rows, [[1]]);
    await run(s, 'SET @v = 2');
    assert.deepEqual((await run(s, 'SELECT @v'))[0]?.rows, [[2]]);
    const calls = engineCalls;
    await run(s, 'SELECT connection_id()');
    await run(s, 'SELECT connection_id()');
    assert.ok(engineCalls >= calls + 2, 'functions are not cached');
    const a = (await run(s, 'SELECT rand()'))[0]?.rows[0]?.[0];
    const b = (await run(s, 'SELECT rand()'))[0]?.rows[0]?.[0];
    assert.notEqual(a, b);
  });

  test('sql_mode is part of the key (PIPES_AS_CONCAT changes what || means)', async () => {
    const before = (await run(s, "SELECT 'a' || 'b'"))[0]?.rows[0]?.[0];
    await run(s, "SET sql_mode = 'PIPES_AS_CONCAT'");
    const after = (await run(s, "SELECT 'a' || 'b'"))[0]?.rows[0]?.[0];
    assert.equal(after, 'ab');
    assert.notEqual(before, after);
    await run(s, 'SET sql_mode = DEFAULT');
    assert.deepEqual((await run(s, "SELECT 'a' || 'b'"))[0]?.rows[0]?.[0], before);
  });

  test('a cached hit still counts a question and clears warnings', async () => {
    await run(s, 'SELECT 1');
    const q = (text: string): number => Number(/Questions: (\d+)/.exec(text)?.[1]);
    const n = q(s.statistics());
    await run(s, 'SELECT 1');
    assert.equal(q(s.statistics()), n + 1);
    await assert.rejects(run(s, 'SELECT * FROM nowhere.t'));
    assert.equal(s.status.warningCount, 1);
    await run(s, 'SELECT 1');
    assert.equal(s.status.warningCount, 0);
  });
});
