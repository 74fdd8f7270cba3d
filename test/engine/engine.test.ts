import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Engine } from '../../src/engine/index.js';
import { SqlError } from '../../src/errors/index.js';
import { T, type SqlType, type Value } from '../../src/types/index.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function rows(engine: Engine, sql: string, types?: readonly SqlType[]): Promise<Value[][]> {
  const out: Value[][] = [];
  const result = await engine.stream(sql, types ? { types } : {});
  for await (const batch of result.batches) for (const r of batch) out.push([...r]);
  return out;
}

describe('engine value conversion', () => {
  test('temporal, decimal, integer and float values arrive in StarRocks form', async () => {
    const engine = await Engine.open({ path: null });
    try {
      const got = await rows(
        engine,
        `SELECT DATE '2024-01-31', DATE '0001-01-01', TIMESTAMP '2024-01-31 12:34:56',
                TIMESTAMP '1999-12-31 23:59:59.000123', TIMESTAMP '1969-12-31 23:59:59.5',
                12.30::DECIMAL(10,2), (-0.01)::DECIMAL(10,2), 0.5::DECIMAL(5,3),
                9007199254740993::BIGINT, 170141183460469231731687303715884105727::HUGEINT,
                0.1::FLOAT, 0.1::DOUBLE, 7::INTEGER, true, 'béta ☃', TIME '01:02:03'`,
        [
          T.date,
          T.date,
          T.datetime,
          T.datetime,
          T.datetime,
          T.decimal(10, 2),
          T.decimal(10, 2),
          T.decimal(5, 3),
          T.bigint,
          T.largeint,
          T.float,
          T.double,
          T.int,
          T.boolean,
          T.string,
          T.time,
        ],
      );
      assert.deepEqual(got, [
        [
          '2024-01-31',
          '0001-01-01',
          '2024-01-31 12:34:56',
          '1999-12-31 23:59:59.000123',
          '1969-12-31 23:59:59.500000',
          '12.30',
          '-0.01',
          '0.500',
          9007199254740993n,
          170141183460469231731687303715884105727n,
          0.1,
          0.1,
          7,
          true,
          'béta ☃',
          '01:02:03',
        ],
      ]);
    } finally {
      await engine.close();
    }
  });

  test('JSON and nested values render as StarRocks prints them', async () => {
    const engine = await Engine.open({ path: null });
    try {
      const got = await rows(
        engine,
        `SELECT '{"a":1,"b":[1,2],"c":"x, y: z"}'::JSON, [1, NULL, 3], ['a', 'b'],
                MAP {1: 'x'}, {'f1': 1, 'f2': 'q'}, [DATE '2024-01-01'], NULL::INTEGER`,
        [
          T.json,
          T.array(T.int),
          T.array(T.string),
          { kind: 'map', key: T.int, value: T.string },
          {
            kind: 'struct',
            fields: [
              { name: 'f1', type: T.int },
              { name: 'f2', type: T.string },
            ],
          },
          T.array(T.date),
          T.int,
        ],
      );
      assert.deepEqual(got, [
        [
          '{"a": 1, "b": [1, 2], "c": "x, y: z"}',
          '[1,null,3]',
          '["a","b"]',
          '{1:"x"}',
          '{"f1":1,"f2":"q"}',
          '["2024-01-01"]',
          null,
        ],
      ]);
    } finally {
      await engine.close();
    }
  });

  test('a DECIMAL column is printed with the scale of its StarRocks type', async () => {
    const engine = await Engine.open({ path: null });
    try {
      assert.deepEqual(
        await rows(engine, 'SELECT 1.5::DECIMAL(4,1), 2::INTEGER, 0.125::DOUBLE', [
          T.decimal(10, 3),
          T.decimal(5, 2),
          T.decimal(6, 2),
        ]),
        [['1.500', '2.00', '0.13']],
      );
    } finally {
      await engine.close();
    }
  });
});

describe('engine sandbox, errors and lifecycle', () => {
  test('external access, extensions and configuration changes are refused', async () => {
    const engine = await Engine.open({ path: null });
    try {
      for (const sql of [
        "SELECT * FROM read_csv('/etc/passwd')",
        "COPY (SELECT 1) TO '/tmp/rockling-should-not-exist.csv'",
        "ATTACH '/tmp/rockling-should-not-exist.duckdb'",
        'INSTALL httpfs',
        'SET enable_external_access = true',
        "SET memory_limit = '1GB'",
      ]) {
        await assert.rejects(engine.execute(sql), SqlError, sql);
      }
    } finally {
      await engine.close();
    }
  });

  test('constraint and conversion failures map to StarRocks/MySQL errors', async () => {
    const engine = await Engine.open({ path: null });
    try {
      await engine.execute('CREATE TABLE t (a INTEGER NOT NULL)');
      await assert.rejects(
        engine.execute('INSERT INTO t VALUES (NULL)'),
        (e: SqlError) => e.errno === 1048 && /'a'/.test(e.message),
      );
      await assert.rejects(
        engine.execute("SELECT 'abc'::INTEGER"),
        (e: SqlError) => e.errno === 1064 && !/^Conversion/.test(e.message),
      );
    } finally {
      await engine.close();
    }
  });

  test('a running query can be interrupted with an abort signal', async () => {
    const engine = await Engine.open({ path: null });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await assert.rejects(
        (async () => {
          const result = await engine.stream('SELECT count(*) FROM range(1000000000) a, range(1000) b', {
            signal: controller.signal,
          });
          for await (const _ of result.batches) void _;
        })(),
        (e: SqlError) => e.errno === 1317,
      );
      assert.ok(Date.now() - started < 5000, 'interrupt took effect quickly');
      assert.deepEqual(await rows(engine, 'SELECT 42'), [[42]]);
    } finally {
      await engine.close();
    }
  });

  test('committed data survives close and reopen; rolled-back data does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rockling-engine-'));
    dirs.push(dir);
    const path = join(dir, 'db.duckdb');
    let engine = await Engine.open({ path });
    await engine.execute('CREATE TABLE t (a INTEGER)');
    await engine.transaction((tx) => tx.execute('INSERT INTO t VALUES (1), (2)'));
    await assert.rejects(
      engine.transaction(async (tx) => {
        await tx.execute('INSERT INTO t VALUES (3)');
        throw new Error('boom');
      }),
    );
    await engine.close();
    engine = await Engine.open({ path });
    try {
      assert.deepEqual(await rows(engine, 'SELECT a FROM t ORDER BY a'), [[1], [2]]);
    } finally {
      await engine.close();
    }
  });

  test('a repeated query sees writes made after it was first prepared (statistics are not frozen)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rockling-engine-'));
    dirs.push(dir);
    const path = join(dir, 'db.duckdb');
    let engine = await Engine.open({ path });
    await engine.execute('CREATE TABLE t (a INTEGER)');
    await engine.execute('INSERT INTO t VALUES (1), (2)');
    await engine.close();
    // Reopened: the table's statistics come from disk, which DuckDB folds into prepared plans.
    engine = await Engine.open({ path, maxIdle: 2 });
    try {
      const q = 'SELECT count(*), max(a) FROM t WHERE a > 2 OR a < 5';
      assert.deepEqual(await rows(engine, q), [[2n, 2]]);
      const writer = await engine.acquire();
      try {
        await writer.execute('INSERT INTO t VALUES (3), (40)');
      } finally {
        engine.release(writer);
      }
      assert.deepEqual(await rows(engine, q), [[4n, 40]]);
    } finally {
      await engine.close();
    }
  });

  test('a small result (read in one call) is right the first time, once prepared, and after writes', async () => {
    const engine = await Engine.open({ path: null, maxIdle: 1 });
    try {
      await engine.execute('CREATE TABLE t (a INTEGER)');
      await engine.execute('INSERT INTO t VALUES (1), (2)');
      const small = async (): Promise<Value[][]> => {
        const out: Value[][] = [];
        const result = await engine.stream('SELECT count(*), max(a) FROM t', { maxRows: 1 });
        for await (const batch of result.batches) for (const r of batch) out.push([...r]);
        return out;
      };
      // first sight runs the text as is; from the second on it runs a prepared statement
      for (let i = 0; i < 3; i++) assert.deepEqual(await small(), [[2n, 2]]);
      await engine.execute('INSERT INTO t VALUES (3), (40)');
      for (let i = 0; i < 2; i++) assert.deepEqual(await small(), [[4n, 40]]);
    } finally {
      await engine.close();
    }
  });

  test('a repeated sorted query keeps values that outgrew the range seen when it was first prepared', async () => {
    const engine = await Engine.open({ path: null, maxIdle: 2 });
    try {
      await engine.execute('CREATE TABLE pk (k INTEGER NOT NULL, v BIGINT, s VARCHAR)');
      await engine.execute("INSERT INTO pk VALUES (1, 30, 'a'), (2, 21, 'b'), (3, NULL, 'c')");
      const q = 'SELECT k, v, s FROM pk ORDER BY k';
      assert.deepEqual(await rows(engine, q), [
        [1, 30n, 'a'],
        [2, 21n, 'b'],
        [3, null, 'c'],
      ]);
      await engine.transaction(async (tx) => {
        await tx.execute("INSERT INTO pk VALUES (4, 300, 'dd')");
        await tx.execute("UPDATE pk SET v = 1000, s = s || '!' WHERE k = 1");
      });
      assert.deepEqual(await rows(engine, q), [
        [1, 1000n, 'a!'],
        [2, 21n, 'b'],
        [3, null, 'c'],
        [4, 300n, 'dd'],
      ]);
    } finally {
      await engine.close();
    }
  });

  test('an early-stopped stream returns its connection to the pool', async () => {
    const engine = await Engine.open({ path: null, maxIdle: 1 });
    try {
      for (let i = 0; i < 20; i++) {
        const result = await engine.stream('SELECT * FROM range(100000)');
        for await (const batch of result.batches) {
          assert.ok(batch.length > 0);
          break;
        }
      }
      assert.deepEqual(await rows(engine, 'SELECT 1'), [[1]]);
    } finally {
      await engine.close();
    }
  });
});
