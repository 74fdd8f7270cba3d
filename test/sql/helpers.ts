/** Test helpers for the SQL front end: AST comparison without positions and source texts. */
import assert from 'node:assert/strict';
import { SqlError } from '../../src/errors/index.js';
import {
  parseExpression,
  parseStatement,
  printStatement,
  type AstExpr,
  type AstQuery,
  type AstStatement,
} from '../../src/sql/index.js';

/** Deep copy without `pos`/`endPos` and `queryText` (they differ between original and printed SQL). */
export function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'pos' || k === 'endPos' || k === 'queryText') continue;
      out[k] = strip(v);
    }
    return out as T;
  }
  return value;
}

/** Parse one statement and return it without positions. */
export function stmt(sql: string): AstStatement {
  return strip(parseStatement(sql));
}

/** Parse an expression and return it without positions. */
export function expr(sql: string): AstExpr {
  return strip(parseExpression(sql));
}

/** The query of a `SELECT`-statement, without positions. */
export function query(sql: string): AstQuery {
  const s = stmt(sql);
  assert.equal(s.kind, 'query');
  return s as AstQuery;
}

/** Parse → print → parse gives the same AST, and printing is stable. */
export function assertRoundTrip(sql: string): string {
  const first = parseStatement(sql);
  const printed = printStatement(first);
  const second = parseStatement(printed);
  assert.deepEqual(strip(second), strip(first), `round trip of: ${sql}\nprinted: ${printed}`);
  assert.equal(printStatement(second), printed, `print is not stable for: ${sql}`);
  return printed;
}

/** Expect a 1064 parse error; returns it for further checks. */
export function parseError(fn: () => unknown): SqlError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SqlError, `expected SqlError, got ${String(e)}`);
    assert.equal(e.errno, 1064);
    assert.equal(e.code, 'parse-error');
    return e;
  }
  assert.fail('expected a parse error');
}
