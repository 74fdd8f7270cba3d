/**
 * `abs(x) % k` over an integer of at most 64 bits compiles to 64-bit `abs(x % k)` (cast back to
 * LARGEINT, the type StarRocks gives it): DuckDB's 128-bit modulo is two orders of magnitude slower.
 * Values are checked in test/slt/queries-arith.slt; this checks the shape of the generated SQL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileQuery } from '../../src/codegen/index.js';
import { parseQuery } from '../../src/sql/index.js';
import { context } from '../analyzer/kit.js';

const sql = (text: string) => compileQuery(parseQuery(text), context()).sql;

test('abs(BIGINT) % constant runs as a 64-bit modulo', () => {
  const out = sql('SELECT abs(v) % 52 AS m, abs(v) % -7 AS n FROM t WHERE abs(v) % 52 = 3');
  assert.match(out, /CAST\(abs\(CAST\(t\d+\."v" AS BIGINT\) % 52\) AS HUGEINT\)/);
  assert.match(out, /CAST\(abs\(CAST\(t\d+\."v" AS BIGINT\) % -7\) AS HUGEINT\)/);
  assert.doesNotMatch(out, /AS HUGEINT\)\) %/);
});

test('zero, -1 and non-constant divisors keep the general modulo', () => {
  for (const text of ['SELECT abs(v) % 0 FROM t', 'SELECT abs(v) % -1 FROM t', 'SELECT abs(v) % id FROM t']) {
    assert.doesNotMatch(sql(text), /AS BIGINT\) %/, text);
  }
});
