/**
 * Binder semantics without execution: StarRocks error codes and texts, result column metadata and
 * types, parameters, EXPLAIN text, INSERT sources and standalone expressions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileExpression, compileInsertSource, compileQuery, explain } from '../../src/codegen/index.js';
import { SqlError } from '../../src/errors/index.js';
import { parseExpression, parseQuery, parseStatement } from '../../src/sql/index.js';
import { formatType, T } from '../../src/types/index.js';
import { FIXTURE, MemoryCatalog, col, context, duck, table } from './kit.js';

const compile = (sql: string, ctx = context()) => compileQuery(parseQuery(sql), ctx);

function expectError(sql: string, errno: number, message: RegExp, ctx = context()): void {
  assert.throws(
    () => compile(sql, ctx),
    (e: unknown) => {
      assert.ok(e instanceof SqlError, `not a SqlError: ${String(e)}`);
      assert.equal(e.errno, errno, e.message);
      assert.match(e.message, message);
      return true;
    },
  );
}

const ERRORS: readonly [string, number, RegExp][] = [
  [
    'select nosuch from t',
    1064,
    /^Getting analyzing error\. Detail message: Column 'nosuch' cannot be resolved\.$/,
  ],
  ['select t.nosuch from t', 1064, /Column '`t`\.`nosuch`' cannot be resolved/],
  ['select idd from t', 1064, /cannot be resolved; did you mean 'id'\?/],
  ['select id from t, u', 1064, /Column 'id' is ambiguous/],
  ['select * from mixed', 5502, /^Getting analyzing error\. Detail message: Unknown table 'db1\.mixed'\.$/],
  ['select 1 from nosuch', 5502, /Unknown table 'db1\.nosuch'/],
  ['select 1 from nodb.t', 5501, /Unknown database 'nodb'/],
  ['select sum(sum(v)) from t', 1064, /aggregate function cannot contain aggregate parameters/],
  ['select k, v from t group by k', 1064, /'v' must be an aggregate expression or appear in GROUP BY clause/],
  ['select id, count(*) from t', 1064, /'id' must be an aggregate expression/],
  ['select id from t order by 9', 1064, /ORDER BY position 9 is not in select list/],
  ['select id from t where sum(v) > 1', 1064, /WHERE clause cannot contain aggregations/],
  ['select distinct k from t order by v', 1064, /ORDER BY expressions must appear in select list/],
  ['select nosuchfn(1)', 1305, /No matching function with signature: nosuchfn\(tinyint\)/],
  ["select id from t for system_time as of '2024-01-01'", 1235, /not supported: time travel/],
  ['with recursive r as (select 1) select * from r', 1235, /not supported: WITH RECURSIVE/],
  ['select 1 union select 1, 2', 1064, /different numbers of columns/],
  ['select @@no_such_var', 1193, /Unknown system variable 'no_such_var'/],
  ["select d like 'x' from t", 1064, /left operand of LIKE must be of type STRING/],
  ['select row_number() from t', 1305, /No matching function with signature: row_number\(\)/],
  ['select id from t limit -1', 1064, /.*/],
];

for (const [sql, errno, message] of ERRORS) test(`error: ${sql}`, () => expectError(sql, errno, message));

test('no database selected is errno 1046', () => {
  expectError('select 1 from t', 1046, /No database selected/, context(undefined, { currentDb: null }));
});

test('result columns carry StarRocks types, nullability and origin', () => {
  const c = compile(
    'select id, k as kk, v + 1, id / 2, amount * 2, amount + amount, count(*), d, 1.50, 1e3 from t group by id, k, v, amount, d',
  );
  const types = c.columns.map((x) => formatType(x.type));
  assert.deepEqual(types, [
    'int',
    'varchar(20)',
    'bigint',
    'double',
    'decimal(19,2)',
    'decimal(11,2)',
    'bigint',
    'date',
    'decimal(3,2)',
    'double',
  ]);
  assert.deepEqual(
    c.columns.map((x) => x.name),
    ['id', 'kk', 'v + 1', 'id / 2', 'amount * 2', 'amount + amount', 'count(*)', 'd', '1.50', '1e3'],
  );
  assert.equal(c.columns[0]!.nullable, false);
  assert.equal(c.columns[3]!.nullable, true, 'division may yield NULL');
  assert.equal(c.columns[6]!.nullable, false, 'count is never NULL');
  assert.deepEqual(
    { orgName: c.columns[1]!.orgName, orgTable: c.columns[1]!.orgTable, db: c.columns[1]!.db },
    { orgName: 'k', orgTable: 't', db: 'db1' },
  );
});

test('StarRocks integer widening: tinyint+tinyint is smallint, int+int bigint, -int bigint', () => {
  const c = compile('select 1 + 1, 100 * 100, id + id, -id, 7 div 2, 7 % 2, 1 / 1 from t');
  assert.deepEqual(
    c.columns.map((x) => x.type.kind),
    ['smallint', 'smallint', 'bigint', 'bigint', 'tinyint', 'tinyint', 'double'],
  );
});

test('outer joins make the other side nullable', () => {
  const c = compile('select t.id, u.id from t left join u on t.id = u.id');
  assert.deepEqual(
    c.columns.map((x) => x.nullable),
    [false, true],
  );
});

test('parameters compile to $n and count; given values bind as literals', async () => {
  const prepared = compile('select id from t where id > ? and k = ?');
  assert.equal(prepared.paramCount, 2);
  assert.match(prepared.sql, /\$1/);
  const bound = compile(
    'select id from t where id > ? and k = ? order by id',
    context(undefined, { params: [1, 'a'] }),
  );
  assert.doesNotMatch(bound.sql, /\$1/);
  const rows = (await (await duck()).runAndReadAll(bound.sql)).getRowsJson();
  assert.deepEqual(rows, [[2]]);
});

test('explain prints one indented line per operator', () => {
  const lines = explain(
    parseQuery('select k, sum(v) s from t where id > 1 group by k having s > 1 order by s desc limit 3'),
    context(),
  );
  assert.deepEqual(lines, [
    'Limit 3',
    '  Sort [s DESC NULLS LAST]',
    '    Project [k, s:=sum]',
    '      Filter (sum > 1)',
    '        Aggregate keys=[k] aggs=[sum:=sum(v)]',
    '          Filter (id > 1)',
    '            Scan db1.t [id, k, v, d, amount, f]',
  ]);
  const sub = explain(
    parseQuery('select id from t where exists (select 1 from u where u.id = t.id)'),
    context(),
  );
  assert.equal(sub[0], 'Project [id]');
  assert.match(sub[1]!, /^ {2}Filter EXISTS\(subquery #1\)$/);
  assert.ok(sub.some((l) => l.includes('Scan db1.u')));
});

test('insert source: listed columns cast to target types, others get defaults', async () => {
  const target = table('db1', 'ins', [
    col('a', T.int, false),
    { ...col('b', T.varchar(10)), defaultValue: 'dflt' },
    col('c', T.decimal(5, 1)),
    col('d', T.date),
  ]);
  const ctx = context(new MemoryCatalog([...FIXTURE, target]));
  const stmt = parseStatement(
    "insert into ins (d, a, c) values ('2024-05-06', '7', 1.26), ('bad', 8, DEFAULT)",
  );
  assert.equal(stmt.kind, 'insert');
  if (stmt.kind !== 'insert') return;
  const compiled = compileInsertSource(stmt, target, ctx);
  assert.deepEqual(compiled.targetColumns, ['a', 'b', 'c', 'd']);
  const rows = (await (await duck()).runAndReadAll(compiled.sql)).getRowsJson();
  assert.deepEqual(rows, [
    [7, 'dflt', '1.3', '2024-05-06'],
    [8, 'dflt', null, null],
  ]);
  const bad = parseStatement('insert into ins (a, nosuch) values (1, 2)');
  if (bad.kind === 'insert')
    assert.throws(() => compileInsertSource(bad, target, ctx), /Unknown column 'nosuch'/);
  const count = parseStatement('insert into ins (a) values (1, 2)');
  if (count.kind === 'insert')
    assert.throws(() => compileInsertSource(count, target, ctx), /Column count doesn't match/);
  const missing = parseStatement('insert into ins (b) values (1)');
  if (missing.kind === 'insert')
    assert.throws(() => compileInsertSource(missing, target, ctx), /'a' must be explicitly mentioned/);
});

test('insert from select over the source table', async () => {
  const target = table('db1', 'ins2', [col('x', T.bigint), col('y', T.varchar())]);
  const ctx = context(new MemoryCatalog([...FIXTURE, target]));
  const stmt = parseStatement('insert into ins2 select id, k from t where id < 3');
  if (stmt.kind !== 'insert') throw new Error('not an insert');
  const rows = (await (await duck()).runAndReadAll(compileInsertSource(stmt, target, ctx).sql)).getRowsJson();
  assert.deepEqual(
    rows.map((r) => r.map(String)),
    [
      ['1', 'a'],
      ['2', 'a'],
    ],
  );
});

test('compileExpression evaluates SET values and defaults', async () => {
  const e = compileExpression(parseExpression("concat('a', 'b')"), context());
  assert.equal(e.type.kind, 'varchar');
  const rows = (await (await duck()).runAndReadAll(e.sql)).getRowsJson();
  assert.deepEqual(rows, [['ab']]);
  assert.throws(() => compileExpression(parseExpression('id + 1'), context()), /cannot be resolved/);
});

test('views are parsed and bound in the view database', () => {
  const c = compile("select total from v where k = 'a'");
  assert.deepEqual(
    c.columns.map((x) => x.name),
    ['total'],
  );
  assert.match(c.sql, /GROUP BY/);
});
