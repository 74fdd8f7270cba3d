/** Parser entry points: statements, single statement, expressions, queries. */
import type { AstExpr, AstQuery, AstStatement, ParsedStatement } from '../ast/index.js';
import { tokenize } from '../tokenizer/index.js';
import { Cursor, type ParseOptions } from './cursor.js';
import { parseExpr } from './expressions/pratt.js';
import { parseOneStatement } from './statements/dispatch.js';
import { parseQuery as parseQueryAt } from './statements/query.js';

export { MAX_DEPTH, type ParseOptions } from './cursor.js';

function expectEnd(p: Cursor): void {
  if (p.atEnd()) return;
  p.note('<EOF>');
  p.note("';'");
  p.fail();
}

/** Parse `;`-separated statements; bare `;` are empty statements and skipped. */
export function parseStatements(text: string, options: ParseOptions = {}): ParsedStatement[] {
  const p = new Cursor(tokenize(text), text, options);
  const out: ParsedStatement[] = [];
  while (true) {
    while (p.acceptOp(';'));
    if (p.peek().kind === 'eof') return out;
    const startIndex = p.i;
    const first = p.peek();
    p.paramCount = 0;
    p.clearExpected();
    let statement = parseOneStatement(p);
    expectEnd(p);
    const stmtText = p.textBetween(startIndex, p.i);
    if (statement.kind === 'generic') statement = { ...statement, text: stmtText };
    out.push({ statement, text: stmtText, pos: p.pos(first), paramCount: p.paramCount });
  }
}

/** Parse exactly one statement (an optional trailing `;` is allowed). */
export function parseStatement(text: string, options: ParseOptions = {}): AstStatement {
  const all = parseStatements(text, options);
  const only = all[0];
  if (all.length === 1 && only) return only.statement;
  const p = new Cursor(tokenize(text), text, options);
  if (all.length === 0) {
    p.i = p.tokens.length - 1;
    p.note("'SELECT'");
    return p.fail();
  }
  // Point at the start of the second statement.
  const second = all[1] as ParsedStatement;
  const idx = p.tokens.findIndex((t) => t.line === second.pos.line && t.column === second.pos.column);
  p.i = Math.max(0, idx - 1);
  p.note('<EOF>');
  return p.fail();
}

/** Parse a standalone expression. */
export function parseExpression(text: string, options: ParseOptions = {}): AstExpr {
  const p = new Cursor(tokenize(text), text, options);
  const e = parseExpr(p);
  if (p.peek().kind !== 'eof') {
    p.note('<EOF>');
    p.fail();
  }
  return e;
}

/** Parse a standalone query (`SELECT …`, `WITH …`, `(…) UNION …`). */
export function parseQuery(text: string, options: ParseOptions = {}): AstQuery {
  const p = new Cursor(tokenize(text), text, options);
  const q = parseQueryAt(p);
  expectEnd(p);
  p.acceptOp(';');
  if (p.peek().kind !== 'eof') {
    p.note('<EOF>');
    p.fail();
  }
  return q;
}
