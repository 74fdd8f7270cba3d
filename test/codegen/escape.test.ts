import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duckdbType, quoteBlob, quoteIdent, quoteString } from '../../src/codegen/escape.js';
import { T } from '../../src/types/index.js';

test('quoteIdent doubles quotes and always quotes', () => {
  assert.equal(quoteIdent('a'), '"a"');
  assert.equal(quoteIdent('Select'), '"Select"');
  assert.equal(quoteIdent('a"b'), '"a""b"');
  assert.equal(quoteIdent('"; DROP TABLE x; --'), '"""; DROP TABLE x; --"');
  assert.throws(() => quoteIdent('a\0b'));
});

test('quoteString doubles single quotes, keeps backslashes, splices NUL', () => {
  assert.equal(quoteString("it's"), "'it''s'");
  assert.equal(quoteString('a\\'), "'a\\'");
  assert.equal(quoteString(''), "''");
  assert.equal(quoteString('a\0b'), "('a' || chr(0) || 'b')");
});

test('quoteBlob hex-escapes every byte', () => {
  assert.equal(quoteBlob(new Uint8Array([0, 39, 255])), "'\\x00\\x27\\xFF'::BLOB");
});

test('duckdbType maps StarRocks types', () => {
  assert.equal(duckdbType(T.int), 'INTEGER');
  assert.equal(duckdbType(T.largeint), 'HUGEINT');
  assert.equal(duckdbType(T.datetime), 'TIMESTAMP');
  assert.equal(duckdbType(T.varchar(10)), 'VARCHAR');
  assert.equal(duckdbType(T.decimal(27, 9)), 'DECIMAL(27,9)');
  assert.equal(duckdbType(T.array(T.array(T.bigint))), 'BIGINT[][]');
  assert.equal(duckdbType({ kind: 'map', key: T.string, value: T.double }), 'MAP(VARCHAR, DOUBLE)');
  assert.equal(
    duckdbType({ kind: 'struct', fields: [{ name: 'a"b', type: T.int }] }),
    'STRUCT("a""b" INTEGER)',
  );
  assert.throws(() => duckdbType(T.decimal(39, 0)));
});
