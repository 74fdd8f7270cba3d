import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_DEPTH, parseStatements, printStatement } from '../../src/sql/index.js';
import { parseError } from './helpers.js';

const nest = (open: string, inner: string, close: string, n: number) =>
  open.repeat(n) + inner + close.repeat(n);

/** Deeply nested inputs of every recursive construct. */
const SHAPES: Record<string, (n: number) => string> = {
  parentheses: (n) => `SELECT ${nest('(', '1', ')', n)}`,
  'unary minus': (n) => `SELECT ${'- '.repeat(n)}1`,
  not: (n) => `SELECT ${'NOT '.repeat(n)}1`,
  calls: (n) => `SELECT ${nest('f(', '1', ')', n)}`,
  subqueries: (n) => `SELECT ${nest('(SELECT ', '1', ')', n)}`,
  arrays: (n) => `SELECT ${nest('[', '1', ']', n)}`,
  case: (n) => `SELECT ${'CASE WHEN 1 THEN '.repeat(n)}1${' END'.repeat(n)}`,
  'derived tables': (n) => `SELECT * FROM ${nest('(SELECT * FROM ', 't', ') x', n)}`,
  'nested joins': (n) => `SELECT * FROM ${nest('(a JOIN ', 'b', ' ON 1)', n)}`,
  'array types': (n) => `SELECT CAST(x AS ${nest('ARRAY<', 'INT', '>', n)})`,
};

describe('recursion limit: deep nesting fails cleanly with 1064', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    test(`${name}: 100 levels parse, 100000 levels are a syntax error`, () => {
      const ok = parseStatements(make(100));
      assert.equal(ok.length, 1);
      assert.ok(printStatement(ok[0]!.statement).length > 0);
      const e = parseError(() => parseStatements(make(100_000)));
      assert.match(e.message, new RegExp(`nested too deeply \\(more than ${MAX_DEPTH} levels\\)`));
    });
  }

  test('long flat operator chains, IN lists and UNION chains are not nesting', () => {
    const ors = Array.from({ length: 3000 }, (_, i) => `a = ${i}`).join(' OR ');
    const printed = printStatement(parseStatements(`SELECT 1 FROM t WHERE ${ors}`)[0]!.statement);
    assert.ok(printed.includes('a = 2999'));
    parseStatements(`SELECT 1 IN (${Array.from({ length: 50_000 }, (_, i) => i).join(', ')})`);
    parseStatements(Array.from({ length: 1000 }, () => 'SELECT 1').join(' UNION ALL '));
  });

  test('absurdly long chains are bounded too', () => {
    parseError(() => parseStatements(`SELECT 1${' + 1'.repeat(200_000)}`));
  });
});
