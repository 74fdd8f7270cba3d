/** Window specifications: `OVER name` / `OVER ([name] [PARTITION BY …] [ORDER BY …] [frame])`. */
import type { AstExpr, AstFrameBound, AstOrderItem, AstWindowFrame, AstWindowSpec } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseOrderItems } from './order.js';
import { parseBracketHint } from '../statements/relations.js';
import { parseExpr } from './pratt.js';

/** After OVER. */
export function parseOver(p: Cursor): AstWindowSpec {
  if (!p.isOp('(')) return { baseName: p.ident(), partitionBy: [], orderBy: [] };
  p.expectOp('(');
  const spec = parseWindowBody(p);
  p.expectOp(')');
  return spec;
}

/** The inside of a window's parentheses (also used by the WINDOW clause). */
export function parseWindowBody(p: Cursor): AstWindowSpec {
  let baseName: string | undefined;
  if (p.isIdent() && !['PARTITION', 'ORDER', 'ROWS', 'RANGE'].some((w) => p.isWord(w))) baseName = p.ident();
  // StarRocks allows a bracket hint before PARTITION BY (`[skewed, hash]`); it is ignored.
  if (p.isOp('[')) parseBracketHint(p);
  let partitionBy: AstExpr[] = [];
  if (p.acceptWords('PARTITION', 'BY')) {
    partitionBy = [parseExpr(p)];
    while (p.acceptOp(',')) partitionBy.push(parseExpr(p));
  }
  let orderBy: AstOrderItem[] = [];
  if (p.acceptWords('ORDER', 'BY')) orderBy = parseOrderItems(p);
  const frame = p.isWord('ROWS') || p.isWord('RANGE') ? parseFrame(p) : undefined;
  return {
    ...(baseName !== undefined ? { baseName } : {}),
    partitionBy,
    orderBy,
    ...(frame ? { frame } : {}),
  };
}

function parseFrame(p: Cursor): AstWindowFrame {
  const unit = p.next().upper === 'ROWS' ? 'rows' : 'range';
  if (p.acceptWord('BETWEEN')) {
    const start = parseBound(p);
    p.expectWord('AND');
    const end = parseBound(p);
    return { unit, start, end };
  }
  return { unit, start: parseBound(p) };
}

function parseBound(p: Cursor): AstFrameBound {
  if (p.acceptWord('UNBOUNDED')) {
    if (p.acceptWord('PRECEDING')) return { kind: 'unbounded-preceding' };
    p.expectWord('FOLLOWING');
    return { kind: 'unbounded-following' };
  }
  if (p.acceptWords('CURRENT', 'ROW')) return { kind: 'current-row' };
  const offset = parseExpr(p);
  if (p.acceptWord('PRECEDING')) return { kind: 'preceding', offset };
  p.expectWord('FOLLOWING');
  return { kind: 'following', offset };
}
