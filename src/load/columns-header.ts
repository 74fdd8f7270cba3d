/**
 * The `columns` header: `c1, tmp, c2 = tmp * 2, dt = str_to_date(s, '%Y%m%d')`, names optionally
 * back-quoted. Split at top-level commas with the SQL tokenizer (commas inside parentheses,
 * brackets and strings do not split); each item is a source column name or `name = expression`,
 * the expression parsed by the SQL parser (never pasted into DuckDB SQL).
 */
import { parseExpression, tokenize, type AstExpr } from '../sql/index.js';
import { SqlError } from '../errors/index.js';
import { LoadError } from './errors.js';

export interface ColumnItem {
  /** Source column (expr null) or mapping target. */
  readonly name: string;
  readonly expr: AstExpr | null;
}

function parseError(text: string, error: unknown): LoadError {
  const detail = error instanceof SqlError || error instanceof Error ? error.message : String(error);
  return new LoadError(`Failed to parse columns header: ${text}. ${detail}`);
}

/** Parse the header; throws LoadError with the parser's message. */
export function parseColumnsHeader(text: string): ColumnItem[] {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch (e) {
    throw parseError(text, e);
  }
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    if (t.kind === 'op' && (t.value === '(' || t.value === '[')) depth++;
    else if (t.kind === 'op' && (t.value === ')' || t.value === ']')) depth--;
    else if (t.kind === 'op' && t.value === ',' && depth === 0) {
      pieces.push(text.slice(start, t.start));
      start = t.end;
    }
  }
  pieces.push(text.slice(start));
  const items: ColumnItem[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    if (piece.trim() === '') throw parseError(text, 'empty column name');
    let expr: AstExpr;
    try {
      expr = parseExpression(piece);
    } catch (e) {
      throw parseError(text, e);
    }
    const item = toItem(expr, text);
    const key = item.name.toLowerCase();
    if (seen.has(key)) throw new LoadError(`Duplicate column: ${item.name}`);
    seen.add(key);
    items.push(item);
  }
  return items;
}

function toItem(expr: AstExpr, text: string): ColumnItem {
  if (expr.kind === 'column' && expr.parts.length === 1) return { name: expr.parts[0] as string, expr: null };
  if (
    expr.kind === 'binary' &&
    expr.op === '=' &&
    expr.left.kind === 'column' &&
    expr.left.parts.length === 1
  ) {
    return { name: expr.left.parts[0] as string, expr: expr.right };
  }
  throw parseError(text, 'expected a column name or `column = expression`');
}

const SUBQUERY_KINDS = new Set(['subquery', 'exists', 'in-subquery']);

/** Load expressions cannot contain subqueries (StarRocks rejects them too). */
export function assertNoSubquery(expr: AstExpr, what: string): void {
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const kind = (v as { kind?: unknown }).kind;
    if (typeof kind === 'string' && SUBQUERY_KINDS.has(kind))
      throw new LoadError(`Subquery is not supported in the ${what} of a load`);
    for (const x of Object.values(v)) visit(x);
  };
  visit(expr);
}
