/**
 * Queries: WITH, SELECT, set operations (INTERSECT binds tighter than UNION/EXCEPT/MINUS),
 * VALUES, ORDER BY and LIMIT (`LIMIT n OFFSET m` and MySQL's `LIMIT m, n`).
 */
import type {
  AstCte,
  AstExpr,
  AstGroupingElement,
  AstLimit,
  AstNamedWindow,
  AstOrderItem,
  AstQuery,
  AstQueryBody,
  AstSelect,
  AstSelectItem,
  AstValues,
  AstWith,
} from '../../ast/index.js';
import { CLAUSE_WORDS } from '../../tokenizer/index.js';
import type { Cursor } from '../cursor.js';
import { parseOrderItems } from '../expressions/order.js';
import { parseExpr, parseExprList } from '../expressions/pratt.js';
import { parseWindowBody } from '../expressions/window.js';
import { parseRelations } from './relations.js';

/** A complete query: `[WITH …] body [ORDER BY …] [LIMIT …]`. */
export function parseQuery(p: Cursor): AstQuery {
  return p.nested(() => {
    const pos = p.pos();
    const withClause = p.isWord('WITH') ? parseWith(p) : undefined;
    const body = parseSetExpr(p);
    const orderBy: AstOrderItem[] = p.acceptWords('ORDER', 'BY') ? parseOrderItems(p) : [];
    const limit = p.isWord('LIMIT') ? parseLimit(p) : undefined;
    return {
      kind: 'query',
      ...(withClause ? { with: withClause } : {}),
      body,
      orderBy,
      ...(limit ? { limit } : {}),
      pos,
    };
  });
}

/** `( query )` */
export function parseQueryInParens(p: Cursor): AstQuery {
  p.expectOp('(');
  const q = parseQuery(p);
  p.expectOp(')');
  return q;
}

export function parseWith(p: Cursor): AstWith {
  p.expectWord('WITH');
  const recursive = p.acceptWord('RECURSIVE');
  const ctes: AstCte[] = [];
  do {
    const name = p.ident();
    const columns = p.isOp('(') ? p.identList() : undefined;
    p.expectWord('AS');
    const query = parseQueryInParens(p);
    ctes.push({ name, ...(columns ? { columns } : {}), query });
  } while (p.acceptOp(','));
  return { recursive, ctes };
}

function setQuantifierAll(p: Cursor): boolean {
  if (p.acceptWord('ALL')) return true;
  p.acceptWord('DISTINCT');
  return false;
}

function parseSetExpr(p: Cursor): AstQueryBody {
  let left = parseIntersectTerm(p);
  let chain = 0;
  try {
    while (p.isWord('UNION') || p.isWord('EXCEPT') || p.isWord('MINUS')) {
      const word = p.next().upper;
      const all = setQuantifierAll(p);
      const right = parseIntersectTerm(p);
      left = { kind: 'set-op', op: word === 'UNION' ? 'union' : 'except', all, left, right };
      if (++chain % 4 === 0) p.enter();
    }
    return left;
  } finally {
    for (let k = 0; k < Math.floor(chain / 4); k++) p.leave();
  }
}

function parseIntersectTerm(p: Cursor): AstQueryBody {
  let left = parseQueryPrimary(p);
  let chain = 0;
  try {
    while (p.acceptWord('INTERSECT')) {
      const all = setQuantifierAll(p);
      const right = parseQueryPrimary(p);
      left = { kind: 'set-op', op: 'intersect', all, left, right };
      if (++chain % 4 === 0) p.enter();
    }
    return left;
  } finally {
    for (let k = 0; k < Math.floor(chain / 4); k++) p.leave();
  }
}

function parseQueryPrimary(p: Cursor): AstQueryBody {
  if (p.isWord('SELECT')) return parseSelect(p);
  if (p.isWord('VALUES')) return parseValues(p);
  if (p.isOp('(')) return parseQueryInParens(p);
  p.note("'SELECT'");
  p.note("'('");
  return p.fail();
}

/** `VALUES (…), (…)` */
export function parseValues(p: Cursor): AstValues {
  p.expectWord('VALUES');
  const rows: AstExpr[][] = [];
  do {
    p.expectOp('(');
    rows.push(p.isOp(')') ? [] : parseValueRow(p));
    p.expectListEnd();
  } while (p.acceptOp(','));
  return { kind: 'values', rows };
}

/** A VALUES row: expressions or DEFAULT. */
function parseValueRow(p: Cursor): AstExpr[] {
  const out: AstExpr[] = [];
  do {
    if (p.isWord('DEFAULT') && (p.isOp(',', 1) || p.isOp(')', 1))) {
      out.push({ kind: 'default', pos: p.pos(p.next()) });
    } else {
      out.push(parseExpr(p));
    }
  } while (p.acceptOp(','));
  return out;
}

function parseSelect(p: Cursor): AstSelect {
  const pos = p.pos();
  p.expectWord('SELECT');
  const distinct = p.acceptWord('DISTINCT');
  if (!distinct) p.acceptWord('ALL');
  const items = [parseSelectItem(p)];
  while (p.acceptOp(',')) items.push(parseSelectItem(p));
  let from: AstSelect['from'] = [];
  if (p.acceptWord('FROM')) {
    if (!p.acceptWord('DUAL')) from = parseRelations(p);
  }
  const where = p.acceptWord('WHERE') ? parseExpr(p) : undefined;
  const groupBy = p.acceptWords('GROUP', 'BY') ? parseGroupBy(p) : [];
  const having = p.acceptWord('HAVING') ? parseExpr(p) : undefined;
  const windows = p.isWord('WINDOW') && p.isIdent(1) && p.isWord('AS', 2) ? parseWindowClause(p) : [];
  const qualify = p.acceptWord('QUALIFY') ? parseExpr(p) : undefined;
  return {
    kind: 'select',
    distinct,
    items,
    from,
    ...(where ? { where } : {}),
    groupBy,
    ...(having ? { having } : {}),
    windows,
    ...(qualify ? { qualify } : {}),
    pos,
  };
}

function parseSelectItem(p: Cursor): AstSelectItem {
  const expr = parseExpr(p);
  // `*` and `t.*` take no alias (rule `selectAll`).
  if (expr.kind === 'star') return { expr };
  const alias = parseAlias(p, true);
  return alias !== undefined ? { expr, alias } : { expr };
}

/** `[AS] alias`; strings are aliases only in the select list. */
export function parseAlias(p: Cursor, allowString: boolean): string | undefined {
  if (p.acceptWord('AS')) return allowString ? p.identOrString() : p.ident();
  if (p.isIdent() && !p.isAnyWord(CLAUSE_WORDS)) return p.ident();
  if (allowString && p.peek().kind === 'string') return p.next().value;
  return undefined;
}

function parseGroupBy(p: Cursor): AstGroupingElement[] {
  const out: AstGroupingElement[] = [];
  do {
    if (p.isWord('ROLLUP') && p.isOp('(', 1)) {
      p.i += 2;
      out.push({ kind: 'rollup', exprs: p.isOp(')') ? [] : parseExprList(p) });
      p.expectOp(')');
    } else if (p.isWord('CUBE') && p.isOp('(', 1)) {
      p.i += 2;
      out.push({ kind: 'cube', exprs: p.isOp(')') ? [] : parseExprList(p) });
      p.expectOp(')');
    } else if (p.acceptWords('GROUPING', 'SETS')) {
      p.expectOp('(');
      const sets: AstExpr[][] = [];
      do sets.push(parseGroupingSet(p));
      while (p.acceptOp(','));
      p.expectOp(')');
      out.push({ kind: 'grouping-sets', sets });
    } else {
      out.push({ kind: 'expr', expr: parseExpr(p) });
    }
  } while (p.acceptOp(','));
  // MySQL's `GROUP BY a, b WITH ROLLUP`.
  if (p.isWord('WITH') && p.isWord('ROLLUP', 1)) {
    p.i += 2;
    const exprs = out.map((g) =>
      g.kind === 'expr' ? g.expr : p.failWith('WITH ROLLUP needs plain expressions.'),
    );
    return [{ kind: 'rollup', exprs }];
  }
  return out;
}

function parseGroupingSet(p: Cursor): AstExpr[] {
  if (!p.isOp('(')) return [parseExpr(p)];
  // `(a, b)` is a set; `(a + b) * 2` is a single expression.
  const save = p.i;
  p.next();
  if (p.acceptOp(')')) return [];
  const items = parseExprList(p);
  if (p.acceptOp(')') && (p.isOp(',') || p.isOp(')'))) return items;
  p.i = save;
  return [parseExpr(p)];
}

function parseWindowClause(p: Cursor): AstNamedWindow[] {
  p.expectWord('WINDOW');
  const out: AstNamedWindow[] = [];
  do {
    const name = p.ident();
    p.expectWord('AS');
    p.expectOp('(');
    out.push({ name, spec: parseWindowBody(p) });
    p.expectOp(')');
  } while (p.acceptOp(','));
  return out;
}

/** `LIMIT n [OFFSET m]` or `LIMIT m, n`. */
export function parseLimit(p: Cursor): AstLimit {
  p.expectWord('LIMIT');
  const first = parseLimitValue(p);
  if (p.acceptOp(',')) return { count: parseLimitValue(p), offset: first };
  if (p.acceptWord('OFFSET')) return { count: first, offset: parseLimitValue(p) };
  return { count: first };
}

/** `limitConstExpr`: an integer, `?` or a user variable. */
function parseLimitValue(p: Cursor): AstExpr {
  const t = p.peek();
  const pos = p.pos(t);
  if (t.kind === 'number' && t.numberKind === 'integer') {
    p.next();
    return { kind: 'number', text: t.value, pos };
  }
  if (t.kind === 'param') {
    p.next();
    return { kind: 'param', index: p.paramCount++, pos };
  }
  if (p.isOp('@')) {
    p.next();
    return { kind: 'user-var', name: p.identOrString(), pos };
  }
  p.note('an integer');
  return p.fail();
}
