/** The SQL-tester comparison: `[REGEX]` expectations are searched in error texts too. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSqlResult } from '../../../src/tools/sqltest/compare.js';

test('[REGEX] matches an error text (the corpus expects errors so)', () => {
  const actual = `E: (1064, "Getting syntax error at line 1, column 16.")`;
  assert.equal(compareSqlResult(['[REGEX].*Getting syntax error at line.*'], actual, false, false).ok, true);
  assert.equal(compareSqlResult(['[REGEX].*not supported with OVER.*'], actual, false, false).ok, false);
  // Relaxed error matching never excuses a [REGEX] that does not match.
  assert.equal(compareSqlResult(['[REGEX].*not supported with OVER.*'], actual, false, true).ok, false);
});

test('an expected value never matches an error, and an expected error needs an error', () => {
  assert.equal(compareSqlResult(['1'], 'E: (1064, "x")', false, true).ok, false);
  assert.equal(compareSqlResult(['E: (1064, "x")'], '1', false, true).ok, false);
  assert.equal(compareSqlResult(['E: (1064, "x")'], 'E: (1064, "y")', false, false).ok, false);
  assert.equal(compareSqlResult(['E: (1064, "x")'], 'E: (1064, "y")', false, true).ok, true);
});

test('a {…} expectation that is not JSON is compared as text, as upstream falls back', () => {
  assert.equal(compareSqlResult(['{1:1}'], '{1:1}', false, false).ok, true);
  assert.equal(compareSqlResult(['{1:1}'], '{1:2}', false, false).ok, false);
  assert.equal(compareSqlResult(['{"a": 1, "b": 2}'], '{"b":2,"a":1}', false, false).ok, true);
});
