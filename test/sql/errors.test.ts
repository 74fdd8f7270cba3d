import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExpression, parseStatement, parseStatements } from '../../src/sql/index.js';
import { parseError } from './helpers.js';

/** The message StarRocks gives (0-based column in the text) and the 1-based pos. */
function err(sql: string): { message: string; line?: number; column?: number } {
  const e = parseError(() => parseStatements(sql));
  return { message: e.message, ...(e.pos ? { line: e.pos.line, column: e.pos.column } : {}) };
}

describe('syntax errors: StarRocks wording, line and column', () => {
  test('trailing garbage expects end of statement', () => {
    assert.deepEqual(err('SELECT * FORM t'), {
      message:
        "Getting syntax error at line 1, column 9. Detail message: Unexpected input 'FORM', the most similar input is {<EOF>, ';'}.",
      line: 1,
      column: 10,
    });
  });

  test('missing closing parenthesis at end of input', () => {
    assert.deepEqual(err('SELECT (1 + 2'), {
      message:
        "Getting syntax error at line 1, column 13. Detail message: Unexpected input '<EOF>', the most similar input is {')'}.",
      line: 1,
      column: 14,
    });
  });

  test('positions on later lines', () => {
    const e = err('SELECT a,\n       b\nFROM t\nWHERE a = = 1');
    assert.equal(e.line, 4);
    assert.equal(e.column, 11);
    assert.match(
      e.message,
      /^Getting syntax error at line 4, column 10\. Detail message: Unexpected input '='/,
    );
  });

  test('an identifier expected', () => {
    assert.match(err('SELECT * FROM t JOIN').message, /Unexpected input '<EOF>'/);
    assert.match(err('CREATE TABLE (a INT)').message, /the most similar input is \{a legal identifier\}/);
    assert.match(
      err('DROP TABLE select').message,
      /Unexpected input 'select', the most similar input is \{a legal identifier\}/,
    );
  });

  test('unknown statements', () => {
    const e = err('elect 1');
    assert.equal(e.column, 1);
    assert.match(
      e.message,
      /^Getting syntax error at line 1, column 0\. Detail message: Unexpected input 'elect', the most similar input is \{'SELECT'/,
    );
  });

  test('errors in the second statement of a batch point into it', () => {
    const e = err('SELECT 1;\nSELECT FROM');
    assert.equal(e.line, 2);
    assert.equal(e.column, 8);
  });

  test('reserved words need back-quotes; with them they are identifiers', () => {
    parseError(() => parseStatement('SELECT order FROM t'));
    assert.equal(parseStatement('SELECT `order` FROM t').kind, 'query');
    parseError(() => parseStatement('CREATE TABLE t (select INT)'));
  });

  test('unterminated strings and comments', () => {
    assert.equal(err("SELECT 'abc").column, 8);
    assert.equal(err('SELECT 1 /* open').column, 10);
  });

  test('errno 1064 and SQLSTATE 42000', () => {
    const e = parseError(() => parseExpression('1 +'));
    assert.equal(e.errno, 1064);
    assert.equal(e.sqlState, '42000');
  });
});
