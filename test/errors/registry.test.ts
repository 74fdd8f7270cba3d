import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, SqlError, notSupported, toSqlError } from '../../src/errors/index.js';

test('every registry entry has a MySQL errno and a five-character SQLSTATE', () => {
  for (const [code, spec] of Object.entries(ERROR_CODES)) {
    assert.ok(Number.isInteger(spec.errno) && spec.errno > 0, code);
    assert.match(spec.sqlState, /^[0-9A-Z]{5}$/, code);
  }
});

test('messages fill their parameters', () => {
  const e = new SqlError('no-such-table', { table: 'db.t' });
  assert.equal(e.message, "Table 'db.t' doesn't exist");
  assert.equal(e.errno, 1146);
  assert.equal(e.sqlState, '42S02');
});

test('not-supported names the feature with errno 1235', () => {
  const e = notSupported('function foo');
  assert.equal(e.errno, 1235);
  assert.equal(e.message, 'not supported: function foo');
});

test('unknown throwables become internal errors (1105)', () => {
  assert.equal(toSqlError(new Error('boom')).errno, 1105);
  assert.equal(toSqlError('x').sqlState, 'HY000');
});
