/** Primary expressions: literals, names, variables, parentheses, CASE/CAST, arrays, maps, postfix. */
import type { AstExpr, IntervalUnit } from '../../ast/index.js';
import type { SqlType } from '../../../types/index.js';
import { SqlError } from '../../../errors/index.js';
import type { Cursor } from '../cursor.js';
import { parseQueryInParens } from '../statements/query.js';
import { parseCallAfterName, parseSpecialWord } from './calls.js';
import { BP, parseExpr, parseExprBp, parseExprList, startsQuery } from './pratt.js';
import { parseType } from './types.js';

/** StarRocks interval units (rule `unitIdentifier`), plus plural spellings MySQL tools emit. */
export const INTERVAL_UNITS: Readonly<Record<string, IntervalUnit>> = {
  MICROSECOND: 'microsecond',
  MILLISECOND: 'millisecond',
  SECOND: 'second',
  MINUTE: 'minute',
  HOUR: 'hour',
  DAY: 'day',
  WEEK: 'week',
  MONTH: 'month',
  QUARTER: 'quarter',
  YEAR: 'year',
};

export function parsePrimary(p: Cursor): AstExpr {
  return parsePostfix(p, parseAtom(p));
}

function parseAtom(p: Cursor): AstExpr {
  const t = p.peek();
  const pos = p.pos(t);
  switch (t.kind) {
    case 'number':
      p.next();
      return { kind: 'number', text: t.value, pos };
    case 'string':
      p.next();
      return { kind: 'string', value: t.value, pos };
    case 'binary-string':
      p.next();
      return { kind: 'binary-literal', hex: t.value, pos };
    case 'param':
      p.next();
      return { kind: 'param', index: p.paramCount++, pos };
    case 'op':
      return parseOpAtom(p);
    case 'word':
    case 'quoted-ident':
      return parseWordAtom(p);
    default:
      p.note('a legal identifier');
      return p.fail();
  }
}

function parseOpAtom(p: Cursor): AstExpr {
  const t = p.peek();
  const pos = p.pos(t);
  switch (t.value) {
    case '(':
      return parseParen(p);
    case '[':
      return parseArrayItems(p, undefined);
    case '@':
      p.next();
      return { kind: 'user-var', name: p.variableName(), pos };
    case '@@':
      return parseSystemVar(p);
    case '{':
      // ODBC escape `{fn f(x)}`.
      if (p.peek(1).kind === 'word' && p.peek(1).upper === 'FN') {
        p.i += 2;
        const inner = parseExpr(p);
        p.expectOp('}');
        return inner;
      }
      break;
    case '*':
      p.next();
      return { kind: 'star', qualifier: [], pos };
  }
  p.note('a legal identifier');
  return p.fail();
}

function parseSystemVar(p: Cursor): AstExpr {
  const pos = p.pos();
  p.expectOp('@@');
  const first = p.ident();
  const scopeWord = first.toUpperCase();
  if ((scopeWord === 'GLOBAL' || scopeWord === 'SESSION' || scopeWord === 'LOCAL') && p.isOp('.')) {
    p.next();
    const name = p.ident();
    return { kind: 'system-var', name, scope: scopeWord === 'GLOBAL' ? 'global' : 'session', pos };
  }
  return { kind: 'system-var', name: first, scope: null, pos };
}

/** `( … )`: parenthesised expression, row constructor, subquery or lambda parameter list. */
function parseParen(p: Cursor): AstExpr {
  const pos = p.pos();
  if (startsQuery(p, 1) && !p.isOp('(', 1)) {
    return { kind: 'subquery', query: parseQueryInParens(p), pos };
  }
  const lambda = tryLambdaParams(p);
  if (lambda) return lambda;
  if (p.isOp('(', 1) && startsQuery(p, 1)) {
    // `((SELECT 1) UNION (SELECT 2))` or `((SELECT 1) + 1)`: try the expression first.
    const save = p.i;
    try {
      return parseParenExpr(p);
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      p.i = save;
      return { kind: 'subquery', query: parseQueryInParens(p), pos };
    }
  }
  return parseParenExpr(p);
}

function parseParenExpr(p: Cursor): AstExpr {
  const pos = p.pos();
  p.expectOp('(');
  const first = parseExpr(p);
  if (p.acceptOp(',')) {
    const items = [first, ...parseExprList(p)];
    p.expectOp(')');
    return { kind: 'row', items, pos };
  }
  p.expectOp(')');
  return first;
}

/** `(x, y) -> body` */
function tryLambdaParams(p: Cursor): AstExpr | undefined {
  let j = 1;
  const params: string[] = [];
  while (true) {
    if (!p.isIdent(j)) return undefined;
    params.push(p.peek(j).value);
    j++;
    if (p.isOp(',', j)) {
      j++;
      continue;
    }
    break;
  }
  if (!p.isOp(')', j) || !p.isOp('->', j + 1) || p.peek(j + 2).kind === 'string') return undefined;
  const pos = p.pos();
  p.i += j + 2;
  return { kind: 'lambda', params, body: parseExpr(p), pos };
}

function parseWordAtom(p: Cursor): AstExpr {
  const t = p.peek();
  const pos = p.pos(t);
  if (t.kind === 'word') {
    const special = parseSpecialWord(p);
    if (special) return special;
  }
  // Lambda with one parameter: `x -> x + 1` (`x -> '$.a'` is the JSON arrow).
  if (p.isIdent() && p.isOp('->', 1) && p.peek(2).kind !== 'string') {
    const param = p.ident();
    p.next();
    return { kind: 'lambda', params: [param], body: parseExpr(p), pos };
  }
  if (!p.isIdent()) {
    p.note('a legal identifier');
    return p.fail();
  }
  const parts = [p.ident()];
  while (p.isOp('.')) {
    const after = p.peek(1);
    if (after.kind === 'op' && after.value === '*') {
      p.i += 2;
      return { kind: 'star', qualifier: parts, pos };
    }
    if (after.kind !== 'word' && after.kind !== 'quoted-ident') break;
    p.i += 2;
    parts.push(after.value);
  }
  if (p.isOp('(')) return parseCallAfterName(p, parts, pos);
  return { kind: 'column', parts, pos };
}

/** Keyword-led literals: NULL, TRUE, FALSE, DATE '…', INTERVAL …, CASE, CAST, ARRAY/MAP literals. */
export function parseKeywordLiteral(p: Cursor): AstExpr | undefined {
  const t = p.peek();
  const pos = p.pos(t);
  switch (t.upper) {
    case 'NULL':
      p.next();
      return { kind: 'null', pos };
    case 'TRUE':
    case 'FALSE':
      p.next();
      return { kind: 'bool', value: t.upper === 'TRUE', pos };
    case 'DATE':
    case 'DATETIME':
    case 'TIMESTAMP':
      if (p.peek(1).kind !== 'string') return undefined;
      p.next();
      return { kind: 'typed-string', type: t.upper.toLowerCase() as 'date', value: p.next().value, pos };
    case 'INTERVAL':
      return tryInterval(p);
    case 'ARRAY':
      if (p.isOp('<', 1)) return parseArrayItems(p, parseType(p));
      if (p.isOp('[', 1)) {
        p.next();
        return parseArrayItems(p, undefined);
      }
      return undefined;
    case 'MAP':
      if (p.isOp('{', 1)) {
        p.next();
        return parseMapEntries(p, undefined);
      }
      if (p.isOp('<', 1)) {
        // `MAP<K, V>{…}`, unless `map` is a column compared with `<`.
        const save = p.i;
        try {
          const type = parseType(p);
          if (p.isOp('{')) return parseMapEntries(p, type);
        } catch (e) {
          if (!(e instanceof SqlError)) throw e;
        }
        p.i = save;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** `INTERVAL expr unit`; INTERVAL is non-reserved, so a column named `interval` falls through. */
function tryInterval(p: Cursor): AstExpr | undefined {
  const next = p.peek(1);
  if (next.kind === 'eof' || (next.kind === 'op' && [',', ')', ';', '=', '.'].includes(next.value)))
    return undefined;
  if (next.kind === 'word' && ['FROM', 'AS', 'AND', 'OR'].includes(next.upper)) return undefined;
  const pos = p.pos();
  p.next();
  const value = parseExprBp(p, BP.predicate + 1);
  const unitToken = p.peek();
  const unit = unitToken.kind === 'word' ? INTERVAL_UNITS[unitToken.upper] : undefined;
  if (!unit) {
    for (const u of ['DAY', 'HOUR', 'MINUTE', 'SECOND', 'MONTH', 'YEAR', 'WEEK', 'QUARTER']) p.note(`'${u}'`);
    return p.fail();
  }
  p.next();
  return { kind: 'interval', value, unit, pos };
}

function parseArrayItems(p: Cursor, elementType: SqlType | undefined): AstExpr {
  const pos = p.pos();
  p.expectOp('[');
  const items = p.isOp(']') ? [] : parseExprList(p);
  p.expectOp(']');
  return withType({ kind: 'array', items, pos }, elementType);
}

function withType(
  node: { kind: 'array'; items: AstExpr[]; pos: NonNullable<AstExpr['pos']> },
  type: SqlType | undefined,
): AstExpr {
  if (!type) return node;
  return { ...node, elementType: type.kind === 'array' ? type.element : type };
}

function parseMapEntries(p: Cursor, type: SqlType | undefined): AstExpr {
  const pos = p.pos();
  p.expectOp('{');
  const entries: { key: AstExpr; value: AstExpr }[] = [];
  if (!p.isOp('}')) {
    do {
      const key = parseExpr(p);
      p.expectOp(':');
      entries.push({ key, value: parseExpr(p) });
    } while (p.acceptOp(','));
  }
  p.expectOp('}');
  return type ? { kind: 'map', entries, type, pos } : { kind: 'map', entries, pos };
}

/** Postfix operators: subscripts, JSON arrow, COLLATE, struct field access on a subscript. */
function parsePostfix(p: Cursor, base: AstExpr): AstExpr {
  let node = base;
  while (true) {
    const t = p.peek();
    const pos = p.pos(t);
    if (t.kind === 'op' && t.value === '[') {
      p.next();
      const index = parseExpr(p);
      p.expectOp(']');
      node = { kind: 'subscript', operand: node, index, pos };
    } else if (
      t.kind === 'op' &&
      t.value === '.' &&
      (p.peek(1).kind === 'word' || p.peek(1).kind === 'quoted-ident')
    ) {
      p.next();
      node = { kind: 'dereference', operand: node, field: p.next().value, pos };
    } else if (t.kind === 'op' && t.value === '->' && p.peek(1).kind === 'string') {
      p.next();
      const s = p.next();
      node = { kind: 'arrow', operand: node, path: { kind: 'string', value: s.value, pos: p.pos(s) }, pos };
    } else if (t.kind === 'word' && t.upper === 'COLLATE') {
      p.next();
      node = { kind: 'collate', operand: node, collation: p.identOrString(), pos };
    } else {
      return node;
    }
  }
}
