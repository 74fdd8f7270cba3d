/**
 * End-to-end compiler tests: StarRocks SQL text → parse → bind → plan → DuckDB SQL, executed on a
 * real in-memory DuckDB (external access off) holding the fixture in kit.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './kit.js';

/** [StarRocks SQL, expected rows as DuckDB JSON (BIGINT/HUGEINT/DECIMAL as strings)]. */
const CASES: readonly [string, unknown[][]][] = [
  [
    'select id, k from t where v > 10 order by id',
    [
      [2, 'a'],
      [4, null],
      [5, 'c'],
    ],
  ],
  [
    'select k, count(*), sum(amount) from t group by k order by k',
    [
      [null, '1', '4.00'],
      ['a', '2', '3.75'],
      ['b', '1', null],
      ['c', '1', '5.00'],
    ],
  ],
  // StarRocks: int/int is DOUBLE, DIV truncates, '=' of string and number compares as strings.
  ["select 1+1, 7/2, 7 div 2, 'a' = 1, '1' = 1, -7 div 2, -7 % 2", [[2, 3.5, 3, false, true, -3, -1]]],
  ['select 10/0, 10 % 0, 1.5 * 2, 3.0 / 4', [[null, null, '3.0', '0.7500000']]],
  // BIGINT arithmetic wraps around like StarRocks' C++ integers.
  [
    'select 9223372036854775807 + 1, -9223372036854775807 - 3',
    [['-9223372036854775808', '9223372036854775806']],
  ],
  ['select t.id, u.name from t join u using (id) where t.k = u.k order by 1', [[1, 'alice']]],
  ['select id, name from t join u using (id, k)', [[1, 'alice']]],
  ['select * from t natural join u', [[1, 'a', '10', '2024-01-01', '1.50', 0.5, 'alice']]],
  // MySQL-isms: comma join, HAVING on a select alias without GROUP BY, CONVERT(x, UNSIGNED), IF.
  [
    'select t.id, u.name from t, u where t.id = u.id order by t.id desc',
    [
      [3, 'carol'],
      [2, 'bob'],
      [1, 'alice'],
    ],
  ],
  [
    'select k, v as x from t having x > 10 order by x',
    [
      ['a', '20'],
      [null, '40'],
      ['c', '50'],
    ],
  ],
  [
    "select convert('12', unsigned integer), if(1 > 0, 'y', 'n'), cast('abc' as int), cast(1.7 as int)",
    [[12, 'y', null, 1]],
  ],
  ['select k, count(*) c from t group by k having c > 1', [['a', '2']]],
  // Without GROUP BY the HAVING name is the select alias even when a column has the same name.
  ["select count(*) from (select 'VIEW' as k from t having k = 'VIEW') s", [['5']]],
  [
    'select k, sum(v) s, grouping(k) g from t group by rollup(k) order by k, g',
    [
      [null, '40', '0'],
      [null, '120', '1'],
      ['a', '30', '0'],
      ['b', null, '0'],
      ['c', '50', '0'],
    ],
  ],
  [
    'select k, count(*) from t group by cube(k) order by 1, 2',
    [
      [null, '1'],
      [null, '5'],
      ['a', '2'],
      ['b', '1'],
      ['c', '1'],
    ],
  ],
  [
    'select k, d, count(*) from t where id < 3 group by grouping sets ((k), (d), ()) order by 1, 2, 3',
    [
      [null, null, '2'],
      [null, '2024-01-01', '1'],
      [null, '2024-01-02', '1'],
      ['a', null, '2'],
    ],
  ],
  ['select k, count(*) from t group by 1 order by 2 desc, 1 limit 1', [['a', '2']]],
  [
    'select id, row_number() over (partition by k order by id desc) rn from t qualify rn = 1 order by id',
    [
      [2, '1'],
      [3, '1'],
      [4, '1'],
      [5, '1'],
    ],
  ],
  [
    'select k, first_value(id) over w, sum(v) over (w rows between unbounded preceding and current row) from t window w as (partition by k order by id) order by k, 2, 3',
    [
      [null, 4, '40'],
      ['a', 1, '10'],
      ['a', 1, '30'],
      ['b', 3, null],
      ['c', 5, '50'],
    ],
  ],
  [
    'select id, rank() over (order by sum(v) desc) from t group by id order by id',
    [
      [1, '4'],
      [2, '3'],
      [3, '5'],
      [4, '2'],
      [5, '1'],
    ],
  ],
  [
    'select * from v order by k',
    [
      [null, '40'],
      ['a', '30'],
      ['b', null],
      ['c', '50'],
    ],
  ],
  ['select id from t where id in (select id from u where u.k = t.k)', [[1]]],
  ['select id from t where id not in (select id from u) order by id', [[4], [5]]],
  [
    'select id, (select count(*) from u where u.id <= t.id) c from t order by id',
    [
      [1, '1'],
      [2, '2'],
      [3, '3'],
      [4, '3'],
      [5, '3'],
    ],
  ],
  ['select id from t where exists (select 1 from u where u.id = t.id) order by id', [[1], [2], [3]]],
  ['select id from t where not exists (select 1 from u where u.id = t.id) order by id', [[4], [5]]],
  ['select id from t where v > (select avg(v) from t) order by id', [[4], [5]]],
  [
    'with a as (select id from t where id < 3) select x.id, y.id from a x join a y on x.id = y.id order by 1',
    [
      [1, 1],
      [2, 2],
    ],
  ],
  ['with a(n) as (select id from t), b as (select n * 2 m from a) select max(m) from b', [['10']]],
  ['select id from t union select id from u order by id desc limit 2', [[5], [4]]],
  ['select k from t union all select k from u order by 1 limit 3', [[null], ['a'], ['a']]],
  ['select k from t intersect select k from u order by 1', [['a'], ['b']]],
  ['select k from t except select k from u order by 1', [[null], ['c']]],
  ['select 1 as x union select 2.5 order by x', [['1.0'], ['2.5']]],
  [
    'select id, x from arr, unnest(xs) as q(x) order by id, x',
    [
      [1, 1],
      [1, 2],
      [1, 3],
    ],
  ],
  ['select * from generate_series(1, 3)', [[1], [2], [3]]],
  ['select id from t left semi join u on t.id = u.id order by id', [[1], [2], [3]]],
  ['select id from t left anti join u on t.id = u.id order by id', [[4], [5]]],
  ['select name from t right semi join u on t.k = u.k order by 1', [['alice'], ['bob']]],
  ['select t.id from t full join u on t.id = u.id + 3 order by 1', [[null], [1], [2], [3], [4], [5]]],
  ["select coalesce(t.k, 'none') from t right join u using (k) order by 1", [['a'], ['a'], ['b'], ['none']]],
  [
    'select t.id, u.id from t left join u on t.id = u.id where t.id > 2 order by 1',
    [
      [3, 3],
      [4, null],
      [5, null],
    ],
  ],
  ['select count(distinct k), avg(amount), max(d) from t', [['3', '3.18750000', '2024-03-01']]],
  ["select d = '2024-01-01', d > '2024-01-01 10:00:00' from t where id = 1", [[true, false]]],
  ["select id from t where d between '2024-01-01' and '2024-01-31' order by id", [[1], [2]]],
  [
    "select date_format(d, '%Y-%m') m, count(*) from t where d >= date_sub('2024-03-01', interval 2 month) group by m order by m",
    [
      ['2024-01', '2'],
      ['2024-02', '1'],
      ['2024-03', '1'],
    ],
  ],
  ["select id from t where d >= date('2024-03-01') - interval 1 day order by id", [[5]]],
  ["select id from t where k like 'a%' and k not like '%\\_%' order by id", [[1], [2]]],
  [
    "select case when id < 2 then 'x' when id < 4 then 'y' end c, count(*) from t group by c order by c",
    [
      [null, '2'],
      ['x', '1'],
      ['y', '2'],
    ],
  ],
  ["select case k when 'a' then 1 else 0 end from t order by id", [[1], [1], [0], [0], [0]]],
  ['select array_map(x -> x * 2, xs) from arr order by id', [[['2', '4', '6']], [[]], [null]]],
  [
    'select id, cast(amount as varchar), cast(f as varchar), cast(d as datetime) from t order by id limit 2',
    [
      [1, '1.50', '0.5', '2024-01-01 00:00:00'],
      [2, '2.25', null, '2024-01-02 00:00:00'],
    ],
  ],
  [
    "select * from (values (1,'a'),(2,NULL)) as q(n, s) order by n desc",
    [
      [2, null],
      [1, 'a'],
    ],
  ],
  ['select @x, @@version, database(), connection_id()', [[42, '8.0.33', 'db1', '7']]],
  ['select k from t order by v limit 1 offset 1', [['a']]],
  ['select k from t order by v limit 1, 1', [['a']]],
  ['select distinct k from t order by k desc', [['c'], ['b'], ['a'], [null]]],
  // StarRocks default null ordering: NULLS FIRST for ASC, NULLS LAST for DESC.
  ['select v from t order by v', [[null], ['10'], ['20'], ['40'], ['50']]],
  ['select v from t order by v desc', [['50'], ['40'], ['20'], ['10'], [null]]],
  ['select v from t order by v asc nulls last', [['10'], ['20'], ['40'], ['50'], [null]]],
  ['select A from Mixed', [[7]]],
  ['select mixed.a from Mixed as mixed', [[7]]],
  ['select db1.t.id from db1.t where db1.t.id = 1', [[1]]],
  ['select default_catalog.db1.t.id from default_catalog.db1.t where id = 2', [[2]]],
  ['select 1, 2 + 3', [[1, 5]]],
  ["select sum(v) filter (where id > 1), count(*) filter (where k = 'a') from t", [['110', '2']]],
  [
    'select id, lag(id) over (order by id) from t order by id limit 2',
    [
      [1, null],
      [2, 1],
    ],
  ],
  ['select (1, 2) in ((1, 2), (3, 4)), 5 in (1, 2), null in (1)', [[true, false, null]]],
  ['select 3 between 1 and 5, 1 <=> null, null <=> null, not 1', [[true, false, true, false]]],
  ['select k is null, f is not null, (id > 2) is true from t where id = 4', [[true, true, true]]],
  ["select [1, 2, 3][2], map{1: 'a'}[1]", [[2, 'a']]],
  ["select id from (select id, k from t) s where s.k = 'a' order by id", [[1], [2]]],
  [
    'select * from (select k, sum(v) s from t group by k) q where s > 20 order by k',
    [
      [null, '40'],
      ['a', '30'],
      ['c', '50'],
    ],
  ],
  ['select 2 * -v from t where id = 1', [['-20']]],
  ['select 5 & 3, 5 | 3, 5 ^ 3, ~0, 1 << 4', [[1, 7, 6, '-1', 16]]],
];

for (const [sql, expected] of CASES) {
  test(sql, async () => {
    const r = await run(sql);
    assert.deepEqual(r.rows, expected, r.sql);
  });
}
