/**
 * What the plan proves about a query's size (planner/lookup.ts) and the point-lookup templates the
 * code generator builds from it: the engine reads small results in one call and concurrent lookups
 * of one shape share a query (test/session/lookup-batch.test.ts runs them).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnDescriptor, TableDescriptor } from '../../src/catalog/index.js';
import { compileQuery, type CompiledQuery } from '../../src/codegen/index.js';
import { parseQuery, type KeysType } from '../../src/sql/index.js';
import { T } from '../../src/types/index.js';
import { col, context, FIXTURE, MemoryCatalog, table } from '../analyzer/kit.js';

function keyed(
  name: string,
  keysType: KeysType,
  columns: ColumnDescriptor[],
  keys: string[],
): TableDescriptor {
  const cols = columns.map((c) => (keys.includes(c.name) ? { ...c, isKey: true } : c));
  return { ...table('db1', name, cols), keysType };
}

const TABLES = [
  ...FIXTURE,
  keyed('pk', 'primary', [col('id', T.bigint, false), col('name', T.varchar(20)), col('n', T.int)], ['id']),
  keyed('sk', 'unique', [col('code', T.varchar(10), false), col('v', T.int)], ['code']),
  keyed('dup', 'duplicate', [col('id', T.bigint, false), col('v', T.int)], ['id']),
  keyed('pair', 'primary', [col('a', T.int, false), col('b', T.int, false), col('v', T.int)], ['a', 'b']),
];

const compile = (text: string, lookup = true): CompiledQuery =>
  compileQuery(parseQuery(text), context(new MemoryCatalog(TABLES)), { lookup });

test('row bounds the plan proves', () => {
  const cases: [string, number | null][] = [
    ['SELECT 1', 1],
    ['SELECT count(*) FROM t', 1],
    ['SELECT k, count(*) FROM t GROUP BY k', null],
    ['SELECT * FROM t LIMIT 5', 5],
    ['SELECT * FROM (SELECT * FROM t LIMIT 50) x ORDER BY id LIMIT 7', 7],
    ['SELECT * FROM t', null],
    ['SELECT * FROM t WHERE id = 3', null], // no key model: ids may repeat
    ['SELECT * FROM pk WHERE id = 3', 1],
    ['SELECT name FROM pk WHERE id = 3 AND n > 2', 1],
    ['SELECT * FROM pk WHERE id > 3', null],
    ['SELECT * FROM pk WHERE id = 3 OR id = 4', null],
    ['SELECT * FROM dup WHERE id = 3', null],
    ['SELECT * FROM pair WHERE a = 1', null],
    ['SELECT * FROM pair WHERE a = 1 AND b = 2', 1],
    ['SELECT * FROM pk JOIN u ON pk.id = u.id WHERE pk.id = 1', null],
  ];
  for (const [text, bound] of cases) assert.equal(compile(text).maxRows, bound, text);
});

test('a point lookup becomes a template around its key constant', () => {
  const c = compile('SELECT id, name FROM pk WHERE id = 42');
  assert.ok(c.lookup !== null);
  const l = c.lookup;
  assert.equal(c.sql, `${l.before}${l.keySql}${l.after}`);
  assert.match(l.before, / IN \($/);
  assert.match(l.keySql, /^CAST\(42 AS BIGINT\)$/);
  assert.equal(l.keyText, '42');
  assert.equal(l.keyOutput, 0);
  assert.equal(l.hiddenKey, null);
  // another key, the same shape
  const other = compile('SELECT id, name FROM pk WHERE id = 7').lookup;
  assert.equal(other?.before, l.before);
  assert.equal(other?.after, l.after);
  assert.equal(other?.keyText, '7');
});

test('a lookup that does not select its key carries it as a hidden last column', () => {
  const c = compile('SELECT name, n FROM pk WHERE n > 0 AND id = 5');
  assert.equal(c.columns.length, 2);
  assert.equal(c.lookup?.keyOutput, 2);
  assert.deepEqual(c.lookup?.hiddenKey, T.bigint);
  assert.match(c.sql, /^SELECT [^,]+, [^,]+, t\d+\."id" AS c\d+ FROM/);
  // without the option (CTAS, DML, MVs…) the SQL stays the plain query
  const plain = compile('SELECT name, n FROM pk WHERE n > 0 AND id = 5', false);
  assert.equal(plain.lookup, null);
  assert.doesNotMatch(plain.sql, / IN \(/);
  assert.match(plain.sql, /^SELECT [^,]+, [^,]+ FROM/);
});

test('string keys keep their exact text, quotes included', () => {
  const l = compile("SELECT * FROM sk WHERE code = 'it''s'").lookup;
  assert.equal(l?.keyText, "it's");
  assert.equal(l?.keySql, "'it''s'");
});

test('what is not a shareable lookup', () => {
  for (const text of [
    'SELECT * FROM dup WHERE id = 1', // keys may repeat
    'SELECT * FROM pair WHERE a = 1 AND b = 2', // two key columns
    "SELECT * FROM pk WHERE id = '5'", // a string compared with an integer key
    'SELECT * FROM pk WHERE id = 5 + 1', // not a literal
    'SELECT * FROM pk WHERE id IN (1, 2)',
    'SELECT count(*) FROM pk WHERE id = 1',
    'SELECT * FROM pk WHERE id = 1 LIMIT 1',
  ]) {
    assert.equal(compile(text).lookup, null, text);
  }
});
