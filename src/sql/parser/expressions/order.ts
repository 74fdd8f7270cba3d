/** ORDER BY items: `expr [ASC|DESC] [NULLS FIRST|LAST]`. */
import type { AstOrderItem } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr } from './pratt.js';

export function parseOrderItem(p: Cursor): AstOrderItem {
  const expr = parseExpr(p);
  const direction = p.acceptWord('ASC') ? 'asc' : p.acceptWord('DESC') ? 'desc' : null;
  let nulls: 'first' | 'last' | null = null;
  if (p.acceptWord('NULLS')) {
    if (p.acceptWord('FIRST')) nulls = 'first';
    else {
      p.expectWord('LAST');
      nulls = 'last';
    }
  }
  return { expr, direction, nulls };
}

/** Comma-separated ORDER BY items (after `ORDER BY`). */
export function parseOrderItems(p: Cursor): AstOrderItem[] {
  const out = [parseOrderItem(p)];
  while (p.acceptOp(',')) out.push(parseOrderItem(p));
  return out;
}
