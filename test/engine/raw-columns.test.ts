/**
 * The raw vector readers (src/engine/raw-columns.ts) must give exactly what the per-item
 * converters give: inlined and heap strings (copied in runs, also out of pointer order), NULLs,
 * multi-byte UTF-8, every integer width and doubles, across many chunks.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/engine/index.js';
import type { Value } from '../../src/types/index.js';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

async function rows(engine: Engine, sql: string): Promise<Value[][]> {
  const out: Value[][] = [];
  const result = await engine.stream(sql);
  for await (const batch of result.batches) for (const r of batch) out.push([...r]);
  return out;
}

describe('raw column readers', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.open({ path: null });
  });
  after(async () => {
    await engine.close();
  });

  test('strings, NULLs and every numeric width over 20k shuffled rows', async () => {
    const n = 20_000;
    const got = await rows(
      engine,
      `SELECT i, md5(i::VARCHAR), CASE WHEN i % 7 = 0 THEN NULL ELSE repeat('é☃', (i % 9)::INTEGER) END,
              CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 100)::TINYINT END, (i % 30000)::SMALLINT,
              CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 1000)::INTEGER END, i / 4.0, 'constant string over twelve'
       FROM range(${n}) t(i) ORDER BY hash(i)`,
    );
    assert.equal(got.length, n);
    const seen = new Set<bigint>();
    for (const [i, h, s, tiny, small, int, dbl, k] of got) {
      assert.equal(typeof i, 'bigint');
      const x = Number(i);
      seen.add(i as bigint);
      assert.equal(h, md5(String(x)));
      assert.equal(s, x % 7 === 0 ? null : 'é☃'.repeat(x % 9));
      assert.equal(tiny, x % 5 === 0 ? null : x % 100);
      assert.equal(small, x % 30000);
      assert.equal(int, x % 3 === 0 ? null : x * 1000);
      assert.equal(dbl, x / 4);
      assert.equal(k, 'constant string over twelve');
    }
    assert.equal(seen.size, n);
  });

  test('very long strings and long strings out of heap order', async () => {
    const got = await rows(
      engine,
      `SELECT i, repeat(chr(65 + (i % 26)::INTEGER), (CASE WHEN i % 50 = 0 THEN 1500000 ELSE 13 + i % 200 END)::INTEGER)
       FROM range(300) t(i) ORDER BY i DESC`,
    );
    assert.equal(got.length, 300);
    for (const [i, s] of got) {
      const x = Number(i);
      const len = x % 50 === 0 ? 1_500_000 : 13 + (x % 200);
      assert.equal((s as string).length, len);
      assert.equal(s, String.fromCharCode(65 + (x % 26)).repeat(len));
    }
  });

  test('stopping early waits for the prefetched chunk before the connection is reused', async () => {
    for (let i = 0; i < 20; i++) {
      const result = await engine.stream(`SELECT i, md5(i::VARCHAR) FROM range(200000) t(i)`);
      const it = result.batches[Symbol.asyncIterator]();
      assert.equal((await it.next()).done, false);
      await it.return?.();
      // the pooled connection is free and clean again
      assert.deepEqual(await rows(engine, `SELECT ${i} + 1`), [[i + 1]]);
    }
  });

  test('BIGINT extremes and NULL-only columns', async () => {
    const got = await rows(
      engine,
      `SELECT * FROM (VALUES (9223372036854775807::BIGINT, NULL::VARCHAR, NULL::INTEGER),
                             ((-9223372036854775807 - 1)::BIGINT, '', 0::INTEGER)) v(a, b, c)`,
    );
    assert.deepEqual(got, [
      [9223372036854775807n, null, null],
      [-9223372036854775808n, '', 0],
    ]);
  });
  test('runs of equal strings (reused) next to strings that differ in one byte', async () => {
    // equal neighbours are reused by the reader; a change in any byte, in the length, or a NULL
    // in between must still give the right text
    const got = await rows(
      engine,
      `SELECT i,
              CASE WHEN i % 11 = 0 THEN NULL ELSE 'same long value é☃ ' || ((i // 4) % 3)::VARCHAR END,
              CASE WHEN i % 13 = 0 THEN NULL ELSE 'short' || ((i // 5) % 2)::VARCHAR END,
              CASE WHEN i % 17 < 8 THEN 'abcdefghijklmnopq' ELSE 'abcdefghijklmnopr' END,
              CASE WHEN i % 9 < 4 THEN 'twelve bytes' ELSE 'twelve bytes!' END
       FROM range(10000) t(i) ORDER BY i`,
    );
    assert.equal(got.length, 10_000);
    for (const [i, a, b, c, d] of got) {
      const x = Number(i);
      assert.equal(a, x % 11 === 0 ? null : `same long value é☃ ${Math.floor(x / 4) % 3}`, `row ${x}`);
      assert.equal(b, x % 13 === 0 ? null : `short${Math.floor(x / 5) % 2}`, `row ${x}`);
      assert.equal(c, x % 17 < 8 ? 'abcdefghijklmnopq' : 'abcdefghijklmnopr', `row ${x}`);
      assert.equal(d, x % 9 < 4 ? 'twelve bytes' : 'twelve bytes!', `row ${x}`);
    }
  });
});
