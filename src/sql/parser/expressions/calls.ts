/**
 * Function calls and keyword-led expressions: CASE, CAST/CONVERT, EXISTS, EXTRACT, the
 * reserved-word functions of StarRocks.g4 (`IF(…)`, `LEFT(…)`, `CURRENT_DATE`, …), aggregate
 * modifiers (DISTINCT, ORDER BY, SEPARATOR, FILTER) and OVER windows.
 */
import type { AstCall, AstExpr, AstOrderItem } from '../../ast/index.js';
import type { SourcePos } from '../../../errors/index.js';
import { syntaxErrorSpan, type Token } from '../../tokenizer/index.js';
import type { Cursor } from '../cursor.js';
import { parseQueryInParens } from '../statements/query.js';
import { parseOrderItems } from './order.js';
import { BP, parseExpr, parseExprBp } from './pratt.js';
import { INTERVAL_UNITS, parseKeywordLiteral } from './primary.js';
import { castSpelling, parseType } from './types.js';
import { parseOver } from './window.js';

/** Reserved words callable as functions (`specialFunctionExpression`, window and grouping functions). */
const RESERVED_FUNCTIONS = new Set([
  'CHAR',
  'IF',
  'LEFT',
  'RIGHT',
  'LIKE',
  'MOD',
  'REGEXP',
  'RLIKE',
  'REPLACE',
  'DATABASE',
  'SCHEMA',
  'ROW_NUMBER',
  'DENSE_RANK',
  'NTILE',
  'LEAD',
  'LAG',
  'FIRST_VALUE',
  'LAST_VALUE',
  'GROUPING',
  'GROUPING_ID',
  'CURRENT_USER',
  'CURRENT_ROLE',
  'CURRENT_GROUP',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'INSERT',
]);

/** Niladic functions that may be written without parentheses. */
const BARE_FUNCTIONS = new Set([
  'CURRENT_USER',
  'CURRENT_ROLE',
  'CURRENT_GROUP',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'CURRENT_WAREHOUSE',
]);

/** Functions whose argument list may carry ORDER BY (and SEPARATOR for group_concat). */
const ORDERED_AGGREGATES = new Set(['GROUP_CONCAT', 'ARRAY_AGG', 'ARRAY_AGG_DISTINCT']);

/** The aggregates of rule `aggregationFunction`: only these accept DISTINCT / ALL. */
const DISTINCT_AGGREGATES = new Set(['AVG', 'COUNT', 'MAX', 'MIN', 'SUM', 'ARRAY_AGG', 'GROUP_CONCAT']);

/** Keyword-led expressions; undefined when the word is an ordinary identifier here. */
export function parseSpecialWord(p: Cursor): AstExpr | undefined {
  const t = p.peek();
  const pos = p.pos(t);
  const literal = parseKeywordLiteral(p);
  if (literal) return literal;
  switch (t.upper) {
    case 'CASE':
      return parseCase(p);
    case 'CAST':
      if (!p.isOp('(', 1)) return undefined;
      return parseCast(p);
    case 'CONVERT':
      return parseConvert(p);
    case 'EXISTS': {
      p.next();
      return { kind: 'exists', not: false, query: parseQueryInParens(p), pos };
    }
    case 'EXTRACT':
      if (!p.isOp('(', 1)) return undefined;
      return parseExtract(p);
    case 'BINARY':
      // `BINARY expr` (MySQL cast to binary string) is accepted and ignored, as StarRocks does.
      if (!['string', 'word', 'quoted-ident', 'number'].includes(p.peek(1).kind) && !p.isOp('(', 1))
        return undefined;
      if (
        p.peek(1).kind === 'word' &&
        ['FROM', 'AS', 'AND', 'OR', 'IS', 'IN', 'LIKE'].includes(p.peek(1).upper)
      ) {
        return undefined;
      }
      p.next();
      return parseExpr(p);
  }
  if (BARE_FUNCTIONS.has(t.upper) && !p.isOp('(', 1)) {
    p.next();
    return call([t.upper.toLowerCase()], [], pos);
  }
  if (RESERVED_FUNCTIONS.has(t.upper) && p.isOp('(', 1)) {
    p.next();
    return parseCallAfterName(p, [t.value], pos);
  }
  return undefined;
}

function call(name: string[], args: AstExpr[], pos: SourcePos): AstCall {
  return { kind: 'call', name, args, distinct: false, star: false, pos };
}

function parseCase(p: Cursor): AstExpr {
  const pos = p.pos();
  p.expectWord('CASE');
  const operand = p.isWord('WHEN') ? undefined : parseExpr(p);
  const whens: { when: AstExpr; then: AstExpr }[] = [];
  while (p.acceptWord('WHEN')) {
    const when = parseExpr(p);
    p.expectWord('THEN');
    whens.push({ when, then: parseExpr(p) });
  }
  if (whens.length === 0) p.expectWord('WHEN');
  const elseExpr = p.acceptWord('ELSE') ? parseExpr(p) : undefined;
  p.expectWord('END');
  return {
    kind: 'case',
    ...(operand ? { operand } : {}),
    whens,
    ...(elseExpr ? { else: elseExpr } : {}),
    pos,
  };
}

function parseCast(p: Cursor): AstExpr {
  const pos = p.pos();
  p.expectWord('CAST');
  p.expectOp('(');
  const operand = parseExpr(p);
  p.expectWord('AS');
  const spelling = castSpelling(p);
  const type = parseType(p);
  p.expectOp(')');
  return spelling ? { kind: 'cast', operand, type, spelling, pos } : { kind: 'cast', operand, type, pos };
}

/** `CONVERT(x, type)` is a cast; `CONVERT(x USING cs)` is `convert(x, 'cs')` (a no-op in StarRocks). */
function parseConvert(p: Cursor): AstExpr {
  const pos = p.pos();
  p.expectWord('CONVERT');
  p.expectOp('(');
  const operand = parseExpr(p);
  if (p.acceptWord('USING')) {
    const charset = p.identOrString();
    p.expectOp(')');
    return call(['convert'], [operand, { kind: 'string', value: charset }], pos);
  }
  p.expectOp(',');
  const spelling = castSpelling(p);
  const type = parseType(p);
  p.expectOp(')');
  return spelling ? { kind: 'cast', operand, type, spelling, pos } : { kind: 'cast', operand, type, pos };
}

function parseExtract(p: Cursor): AstExpr {
  const pos = p.pos();
  p.expectWord('EXTRACT');
  p.expectOp('(');
  const unitToken = p.next();
  const unit = INTERVAL_UNITS[unitToken.upper];
  if (!unit || unitToken.kind !== 'word')
    return p.failWith(
      `Unexpected input '${unitToken.value}', the most similar input is {'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'}.`,
      unitToken,
    );
  p.expectWord('FROM');
  const operand = parseExpr(p);
  p.expectOp(')');
  return { kind: 'extract', unit, operand, pos };
}

/** After `name` with `(` next: the argument list, modifiers and an optional OVER clause. */
export function parseCallAfterName(p: Cursor, name: string[], pos: SourcePos): AstExpr {
  const upper = name.length === 1 ? (name[0] as string).toUpperCase() : '';
  const special = parseSpecialSyntaxCall(p, upper, pos);
  if (special) return special;
  p.expectOp('(');
  let distinct = false;
  let star = false;
  let args: AstExpr[] = [];
  let orderBy: AstOrderItem[] | undefined;
  let separator: AstExpr | undefined;
  let ignoreNulls = false;
  if (p.isOp('*') && p.isOp(')', 1)) {
    p.next();
    star = true;
  } else if (!p.isOp(')')) {
    const quantifier = p.isWord('DISTINCT') || p.isWord('ALL');
    // StarRocks reads `f(DISTINCT …)` of a non-aggregate and `f(ORDER BY …)` as `f` followed by junk.
    if (upper === 'GROUP_CONCAT' && p.isWord('SEPARATOR') && !p.isOp('(', 1)) {
      // StarRocks: `group_concat(separator x)` has no viable alternative at `x`.
      const bad = p.peek(1);
      p.failWith(
        `No viable statement for input '${p.text.slice(p.tokens[p.i - 2]?.start ?? 0, bad.end)}'.`,
        bad,
      );
    }
    if ((quantifier && !DISTINCT_AGGREGATES.has(upper)) || p.isWords('ORDER', 'BY')) {
      p.i--;
      p.note('<EOF>');
      p.note("';'");
      return p.fail();
    }
    if (p.acceptWord('DISTINCT')) distinct = true;
    else p.acceptWord('ALL');
    args = [parseExpr(p)];
    if (p.acceptWords('IGNORE', 'NULLS')) ignoreNulls = true;
    while (p.acceptOp(',')) args.push(parseExpr(p));
    if (ORDERED_AGGREGATES.has(upper) && p.acceptWords('ORDER', 'BY')) orderBy = parseOrderItems(p);
    if (upper === 'GROUP_CONCAT' && p.acceptWord('SEPARATOR')) separator = parseExpr(p);
  }
  p.expectListEnd();
  if (orderBy && upper === 'GROUP_CONCAT') checkOrderPositions(p, orderBy, args.length, pos, p.prev());
  if (p.acceptWords('IGNORE', 'NULLS')) ignoreNulls = true;
  let filter: AstExpr | undefined;
  if (p.isWord('FILTER') && p.isOp('(', 1)) {
    p.i += 2;
    p.expectWord('WHERE');
    filter = parseExpr(p);
    p.expectOp(')');
  }
  const over = p.acceptWord('OVER') ? parseOver(p) : undefined;
  return {
    kind: 'call',
    name,
    args,
    distinct,
    star,
    ...(orderBy ? { orderBy } : {}),
    ...(separator ? { separator } : {}),
    ...(over ? { over } : {}),
    ...(ignoreNulls ? { ignoreNulls } : {}),
    ...(filter ? { filter } : {}),
    pos,
  };
}

/** `group_concat(… ORDER BY 3)`: StarRocks checks ordinal positions against the argument count. */
function checkOrderPositions(
  p: Cursor,
  orderBy: AstOrderItem[],
  argCount: number,
  from: SourcePos,
  close: Token,
): void {
  for (const item of orderBy) {
    const e = item.expr;
    let n: number | undefined;
    if (e.kind === 'number' && /^\d+$/.test(e.text)) n = Number(e.text);
    if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number' && /^\d+$/.test(e.operand.text)) {
      n = -Number(e.operand.text);
    }
    if (n !== undefined && (n < 1 || n > argCount)) {
      throw syntaxErrorSpan(from, p.pos(close), `ORDER BY position ${n} is not in group_concat output list.`);
    }
  }
}

/** `POSITION(a IN b)`, `TRIM([LEADING|TRAILING|BOTH] [x] FROM y)`, `SUBSTRING(x FROM a [FOR b])`. */
function parseSpecialSyntaxCall(p: Cursor, upper: string, pos: SourcePos): AstExpr | undefined {
  if (upper === 'POSITION') {
    const save = p.i;
    p.expectOp('(');
    const needle = parseExprNoIn(p);
    if (!p.acceptWord('IN')) {
      p.i = save;
      return undefined;
    }
    const haystack = parseExpr(p);
    p.expectOp(')');
    return call(['position'], [needle, haystack], pos);
  }
  if (upper === 'TRIM' && isTrimSyntax(p)) {
    p.expectOp('(');
    const side = p.acceptWord('LEADING') ? 'ltrim' : p.acceptWord('TRAILING') ? 'rtrim' : 'trim';
    if (side === 'trim') p.acceptWord('BOTH');
    const chars = p.isWord('FROM') ? undefined : parseExpr(p);
    p.expectWord('FROM');
    const target = parseExpr(p);
    p.expectOp(')');
    return call([side], chars ? [target, chars] : [target], pos);
  }
  if ((upper === 'SUBSTRING' || upper === 'SUBSTR') && hasFromBeforeComma(p)) {
    p.expectOp('(');
    const target = parseExpr(p);
    p.expectWord('FROM');
    const args = [target, parseExpr(p)];
    if (p.acceptWord('FOR')) args.push(parseExpr(p));
    p.expectOp(')');
    return call(['substring'], args, pos);
  }
  return undefined;
}

/** An expression that stops before IN (for POSITION(a IN b)): parse above the predicate level. */
function parseExprNoIn(p: Cursor): AstExpr {
  return parseExprBp(p, BP.predicate + 1);
}

function isTrimSyntax(p: Cursor): boolean {
  if (['LEADING', 'TRAILING', 'BOTH'].some((w) => p.isWord(w, 1))) return true;
  return hasFromBeforeComma(p);
}

/** Looks inside `( … )` for a top-level FROM before any top-level comma. */
function hasFromBeforeComma(p: Cursor): boolean {
  let depth = 0;
  for (let k = 0; ; k++) {
    const t = p.peek(k);
    if (t.kind === 'eof') return false;
    if (t.kind === 'op') {
      if (t.value === '(' || t.value === '[') depth++;
      else if (t.value === ')' || t.value === ']') {
        depth--;
        if (depth === 0) return false;
      } else if (t.value === ',' && depth === 1) return false;
    } else if (t.kind === 'word' && t.upper === 'FROM' && depth === 1) {
      return true;
    }
  }
}
