/**
 * Compiler/function fixes found by the differential test, each pinned by the query that found
 * it (executed through compileQuery on Rockling's engine).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateTables } from './data.js';
import { Targets } from './targets.js';

let targets: Targets;
before(async () => {
  targets = await Targets.create(generateTables(1));
});
after(() => targets.close());

async function row(sql: string): Promise<(string | null)[]> {
  const r = await targets.direct(sql);
  return r.rows[0] ?? [];
}

test('a narrowing CAST of an integer literal that does not fit is NULL', async () => {
  assert.deepEqual(
    await row('SELECT CAST(100000 AS SMALLINT), CAST(32767 AS SMALLINT), CAST(-2147483649 AS INT)'),
    [null, '32767', null],
  );
});

test('integer DIV and % never raise overflow: MIN DIV -1 wraps, MIN % -1 is 0, x DIV 0 is NULL', async () => {
  assert.deepEqual(
    await row(
      'SELECT CAST(-128 AS TINYINT) DIV CAST(-1 AS TINYINT), -2147483648 DIV -1, CAST(-2147483648 AS INT) DIV -1, -2147483648 % -1, 7 DIV 0, -7 DIV 2, -7 % 2, CAST(-9223372036854775808 AS BIGINT) DIV -1',
    ),
    ['-128', '-2147483648', '-2147483648', '0', null, '-3', '-1', '-9223372036854775808'],
  );
});

test('floor/ceil of a DOUBLE beyond BIGINT is NULL, not an error', async () => {
  assert.deepEqual(await row('SELECT floor(1e20), ceil(-1e20), floor(-2.5e0), ceil(2.5)'), [
    null,
    null,
    '-3',
    '3',
  ]);
});

test('SUM of BIGINT wraps around like StarRocks (no out-of-range error)', async () => {
  const from = 'FROM (SELECT 9223372036854775807 AS x UNION ALL SELECT 2) t';
  assert.deepEqual(await row(`SELECT sum(x), sum(DISTINCT x) ${from}`), [
    '-9223372036854775807',
    '-9223372036854775807',
  ]);
  assert.deepEqual(await row(`SELECT sum(x) OVER () ${from}`), ['-9223372036854775807']);
});

test('IF/IFNULL/COALESCE over DECIMALs wider than 38 digits are DOUBLE, like CASE', async () => {
  const r = await targets.direct(
    'SELECT if(id > 1, round(d, 0), e), coalesce(round(d, 0), e), CASE WHEN id > 1 THEN round(d, 0) ELSE e END, ifnull(d, e) FROM t1',
  );
  assert.deepEqual(
    r.types.map((t) => t.kind),
    ['double', 'double', 'double', 'decimal'],
  );
});

test('a string with a negative year does not cast to DATE/DATETIME', async () => {
  assert.deepEqual(
    await row(
      "SELECT CAST(concat('-', '2024-01-05') AS DATE), CAST(concat('-', '2024-01-05') AS DATETIME), CAST(concat('', '2024-01-05') AS DATE)",
    ),
    [null, null, '2024-01-05'],
  );
});

test('DECIMAL(s,s) casts to text with its integer digit', async () => {
  assert.deepEqual(
    await row(
      "SELECT CAST(0.125 AS VARCHAR), CAST(-0.5 AS VARCHAR), concat('', 0.125), CAST(1.50 AS VARCHAR)",
    ),
    ['0.125', '-0.5', '0.125', '1.50'],
  );
});
