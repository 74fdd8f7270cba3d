import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { formatType, T, type SqlType } from '../../src/types/index.js';
import { emit, evalOver, openDuck, raw, type Arg, type CallOptions } from './harness.js';

let conn: DuckDBConnection;
before(async () => {
  conn = await openDuck();
  await conn.run(`CREATE TABLE t AS SELECT * FROM (VALUES
    (1, 10, 1.5::DECIMAL(10,2), 'b', 'x', 1),
    (1, 20, 2.25::DECIMAL(10,2), 'a', NULL, 2),
    (1, NULL, NULL, 'c', 'x', 3),
    (2, 5, 1.00::DECIMAL(10,2), NULL, 'y', 4),
    (2, 5, 3.00::DECIMAL(10,2), 'd', 'z', 5)
  ) v(g, x, m, s, u, o)`);
});
after(() => conn.closeSync());

const col = (name: string, type: SqlType): Arg => raw(name, type);
const g = col('g', T.int);
const x = col('x', T.int);
const m = col('m', T.decimal(10, 2));
const sc = col('s', T.varchar());
const u = col('u', T.varchar());

/** Aggregate per group g, rendered as StarRocks would print it. */
async function perGroup(name: string, args: readonly Arg[], o: CallOptions = {}): Promise<(string | null)[]> {
  const { sql, type } = emit(name, args, o);
  return evalOver(conn, `SELECT ${sql} FROM t GROUP BY g ORDER BY g`, type);
}

function typeOf(name: string, args: readonly Arg[], o: CallOptions = {}): string {
  return formatType(emit(name, args, o).type);
}

describe('aggregate result types follow StarRocks', () => {
  test('COUNT BIGINT, SUM(int) BIGINT, AVG(int) DOUBLE, SUM/AVG of DECIMAL keep scale rules', () => {
    assert.equal(typeOf('count', [x]), 'bigint');
    assert.equal(typeOf('sum', [x]), 'bigint');
    assert.equal(typeOf('avg', [x]), 'double');
    assert.equal(typeOf('sum', [m]), 'decimal(38,2)');
    assert.equal(typeOf('avg', [m]), 'decimal(38,8)');
    assert.equal(typeOf('avg', [col('q', T.decimal(20, 10))]), 'decimal(38,12)');
    assert.equal(typeOf('avg', [col('q', T.decimal(30, 14))]), 'decimal(38,14)');
    assert.equal(typeOf('min', [m]), 'decimal(10,2)');
    assert.equal(typeOf('sum', [col('q', T.double)]), 'double');
    assert.equal(typeOf('group_concat', [sc]), 'varchar(65533)');
    assert.equal(typeOf('array_agg', [x]), 'array<int>');
    assert.equal(typeOf('percentile_approx', [x, raw('0.5', T.double)]), 'double');
  });
});

describe('aggregate values', () => {
  test('COUNT(*), COUNT(x), COUNT(DISTINCT a, b) ignores rows with a NULL', async () => {
    assert.deepEqual(await perGroup('count', [], { star: true }), ['3', '2']);
    assert.deepEqual(await perGroup('count', [x]), ['2', '2']);
    assert.deepEqual(await perGroup('count', [x], { distinct: true }), ['2', '1']);
    assert.deepEqual(await perGroup('count', [sc, u], { distinct: true }), ['2', '1']);
  });

  test('SUM/AVG/MIN/MAX with NULLs and DECIMAL scale', async () => {
    assert.deepEqual(await perGroup('sum', [x]), ['30', '10']);
    assert.deepEqual(await perGroup('avg', [x]), ['15', '5']);
    assert.deepEqual(await perGroup('sum', [m]), ['3.75', '4.00']);
    assert.deepEqual(await perGroup('avg', [m]), ['1.87500000', '2.00000000']);
    assert.deepEqual(await perGroup('min', [sc]), ['a', 'd']);
    assert.deepEqual(await perGroup('max', [m]), ['2.25', '3.00']);
    assert.deepEqual(await perGroup('sum', [x], { distinct: true }), ['30', '5']);
  });

  test('GROUP_CONCAT default separator, SEPARATOR, ORDER BY, DISTINCT; NULLs skipped', async () => {
    assert.deepEqual(await perGroup('group_concat', [sc], { orderBy: 'ORDER BY s' }), ['a,b,c', 'd']);
    assert.deepEqual(
      await perGroup('group_concat', [sc], { orderBy: 'ORDER BY o DESC', separator: "'; '" }),
      ['c; a; b', 'd'],
    );
    assert.deepEqual(await perGroup('group_concat', [u], { distinct: true, orderBy: 'ORDER BY u' }), [
      'x',
      'y,z',
    ]);
    assert.deepEqual(await perGroup('group_concat', [sc, u], { orderBy: 'ORDER BY o' }), ['bx,cx', 'dz']);
  });

  test('ARRAY_AGG keeps NULLs, ANY_VALUE, MAX_BY/MIN_BY, COUNT_IF, BOOL_OR, stddev family, percentiles', async () => {
    assert.deepEqual(await perGroup('array_agg', [x], { orderBy: 'ORDER BY o' }), ['[10,20,null]', '[5,5]']);
    assert.deepEqual(await perGroup('max_by', [sc, col('o', T.int)]), ['c', 'd']);
    assert.deepEqual(await perGroup('min_by', [u, col('o', T.int)]), ['x', 'y']);
    assert.deepEqual(await perGroup('count_if', [raw('x > 6', T.boolean)]), ['2', '0']);
    assert.deepEqual(await perGroup('bool_or', [raw('x > 6', T.boolean)]), ['1', '0']);
    assert.deepEqual(await perGroup('stddev', [x]), ['5', '0']);
    assert.deepEqual(await perGroup('variance_samp', [x]), ['50', '0']);
    assert.deepEqual(await perGroup('percentile_cont', [x, raw('0.5', T.double)]), ['15', '5']);
    assert.deepEqual(await perGroup('percentile_approx', [x, raw('0.5', T.double)]), ['15', '5']);
    assert.deepEqual(await perGroup('ndv', [sc]), ['3', '1']);
    assert.deepEqual(await perGroup('approx_count_distinct', [u]), ['1', '2']);
    assert.deepEqual(await perGroup('any_value', [g]), ['1', '2']);
  });
});

describe('window functions', () => {
  async function window(
    name: string,
    args: readonly Arg[],
    over: string,
    o: CallOptions = {},
  ): Promise<(string | null)[]> {
    const { sql, type } = emit(name, args, { ...o, over });
    return evalOver(conn, `SELECT ${sql} FROM t ORDER BY o`, type);
  }
  test('ranking', async () => {
    assert.deepEqual(await window('row_number', [], 'OVER (PARTITION BY g ORDER BY o)'), [
      '1',
      '2',
      '3',
      '1',
      '2',
    ]);
    assert.deepEqual(await window('rank', [], 'OVER (ORDER BY x NULLS FIRST)'), ['4', '5', '1', '2', '2']);
    assert.deepEqual(await window('dense_rank', [], 'OVER (ORDER BY g)'), ['1', '1', '1', '2', '2']);
    assert.deepEqual(await window('ntile', [raw('2', T.bigint)], 'OVER (ORDER BY o)'), [
      '1',
      '1',
      '1',
      '2',
      '2',
    ]);
    assert.deepEqual(await window('cume_dist', [], 'OVER (ORDER BY g)'), ['0.6', '0.6', '0.6', '1', '1']);
    assert.deepEqual(await window('percent_rank', [], 'OVER (ORDER BY g)'), ['0', '0', '0', '0.75', '0.75']);
  });
  test('LAG/LEAD with default, FIRST_VALUE/LAST_VALUE IGNORE NULLS, aggregates over frames', async () => {
    assert.deepEqual(await window('lag', [x, raw('1', T.bigint), raw('-1', T.int)], 'OVER (ORDER BY o)'), [
      '-1',
      '10',
      '20',
      null,
      '5',
    ]);
    assert.deepEqual(await window('lead', [x], 'OVER (ORDER BY o)'), ['20', null, '5', '5', null]);
    assert.deepEqual(
      await window('last_value', [x], 'OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)', {
        ignoreNulls: true,
      }),
      ['10', '20', '20', '5', '5'],
    );
    assert.deepEqual(await window('first_value', [sc], 'OVER (PARTITION BY g ORDER BY o)'), [
      'b',
      'b',
      'b',
      null,
      null,
    ]);
    assert.deepEqual(
      await window(
        'sum',
        [x],
        'OVER (PARTITION BY g ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      ),
      ['10', '30', '30', '5', '10'],
    );
    assert.deepEqual(await window('avg', [m], 'OVER (PARTITION BY g)'), [
      '1.87500000',
      '1.87500000',
      '1.87500000',
      '2.00000000',
      '2.00000000',
    ]);
  });
});
