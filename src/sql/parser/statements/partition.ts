/**
 * Table layout clauses shared by CREATE TABLE, CREATE MATERIALIZED VIEW and ALTER TABLE:
 * PARTITION BY (range, list, expression), partition definitions, DISTRIBUTED BY, ORDER BY (…).
 */
import type {
  AstDistribution,
  AstExpr,
  AstLiteral,
  AstPartitionDef,
  AstPartitionDesc,
  AstPartitionValue,
} from '../../ast/index.js';
import type { Cursor } from '../cursor.js';
import { parseExpr, parseExprList } from '../expressions/pratt.js';
import { parsePrimary } from '../expressions/primary.js';
import { parseIfNotExists, parseProperties } from './common.js';

/** After `PARTITION BY`. */
export function parsePartitionDesc(p: Cursor): AstPartitionDesc {
  if (p.acceptWord('RANGE')) {
    const exprs = parseParenExprs(p);
    return { kind: 'range', exprs, partitions: p.isOp('(') ? parsePartitionDefs(p) : [] };
  }
  if (p.acceptWord('LIST')) {
    const exprs = parseParenExprs(p);
    return { kind: 'list', exprs, partitions: p.isOp('(') ? parsePartitionDefs(p) : [] };
  }
  if (p.isOp('(')) {
    const exprs = parseParenExprs(p);
    if (p.isOp('(') && p.isWord('PARTITION', 1))
      return { kind: 'list', exprs, partitions: parsePartitionDefs(p) };
    return { kind: 'expr', exprs };
  }
  const first = parseExpr(p);
  if (
    first.kind === 'call' &&
    p.isOp('(') &&
    (p.isWord('PARTITION', 1) || p.isWord('START', 1) || p.isOp(')', 1))
  ) {
    return { kind: 'range', exprs: [first], partitions: parsePartitionDefs(p) };
  }
  const exprs = [first];
  while (p.acceptOp(',')) exprs.push(parseExpr(p));
  return { kind: 'expr', exprs };
}

function parseParenExprs(p: Cursor): AstExpr[] {
  p.expectOp('(');
  const exprs = parseExprList(p);
  p.expectOp(')');
  return exprs;
}

/** `( def, def, … )`, possibly empty. */
export function parsePartitionDefs(p: Cursor): AstPartitionDef[] {
  p.expectOp('(');
  const out: AstPartitionDef[] = [];
  if (p.acceptOp(')')) return out;
  do out.push(parsePartitionDef(p));
  while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

/** One partition definition (range, fixed range, batch or list). */
export function parsePartitionDef(p: Cursor): AstPartitionDef {
  if (p.isWord('START')) return parseBatch(p);
  p.expectWord('PARTITION');
  const ifNotExists = parseIfNotExists(p);
  const name = p.ident();
  p.expectWord('VALUES');
  if (p.acceptWords('LESS', 'THAN')) {
    const values: AstPartitionValue[] = p.acceptWord('MAXVALUE')
      ? [{ kind: 'maxvalue' }]
      : parseValueTuple(p);
    return { kind: 'less-than', name, ifNotExists, values, properties: optionalPropertyList(p) };
  }
  if (p.acceptOp('[')) {
    const lower = parseValueTuple(p);
    p.expectOp(',');
    const upper = parseValueTuple(p);
    p.expectOp(')');
    return { kind: 'fixed-range', name, ifNotExists, lower, upper, properties: optionalPropertyList(p) };
  }
  p.expectWord('IN');
  return { kind: 'list', name, ifNotExists, values: parseListValues(p), properties: optionalPropertyList(p) };
}

function optionalPropertyList(p: Cursor): { key: string; value: string }[] {
  return p.isOp('(') ? [...parseProperties(p)] : [];
}

function parseBatch(p: Cursor): AstPartitionDef {
  p.expectWord('START');
  p.expectOp('(');
  const start = parseLiteral(p);
  p.expectOp(')');
  p.expectWord('END');
  p.expectOp('(');
  const end = parseLiteral(p);
  p.expectOp(')');
  p.expectWord('EVERY');
  p.expectOp('(');
  const every = parseExpr(p);
  p.expectOp(')');
  return { kind: 'batch', start, end, every };
}

/** `("v1", "v2")` for range bounds; MAXVALUE allowed inside. */
function parseValueTuple(p: Cursor): AstPartitionValue[] {
  p.expectOp('(');
  const out: AstPartitionValue[] = [];
  do out.push(p.acceptWord('MAXVALUE') ? { kind: 'maxvalue' } : parseLiteral(p));
  while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

/** `("a", "b")` (single column) or `(("a", 1), ("b", 2))` (multi-column). */
function parseListValues(p: Cursor): AstLiteral[][] {
  p.expectOp('(');
  const out: AstLiteral[][] = [];
  do {
    if (p.acceptOp('(')) {
      const tuple = [parseLiteral(p)];
      while (p.acceptOp(',')) tuple.push(parseLiteral(p));
      p.expectOp(')');
      out.push(tuple);
    } else {
      out.push([parseLiteral(p)]);
    }
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

/** A partition bound literal: string, number (optionally negative), NULL, TRUE/FALSE, DATE '…'. */
export function parseLiteral(p: Cursor): AstLiteral {
  const t = p.peek();
  const pos = p.pos(t);
  if (p.isOp('-') && p.peek(1).kind === 'number') {
    p.next();
    return { kind: 'number', text: `-${p.next().value}`, pos };
  }
  const e = parsePrimary(p);
  switch (e.kind) {
    case 'null':
    case 'bool':
    case 'number':
    case 'string':
    case 'typed-string':
    case 'binary-literal':
      return e;
    default:
      p.i--;
      p.note('a string');
      return p.failWith(
        `Unexpected input '${p.text.slice(t.start, t.end)}', the most similar input is {a string}.`,
        t,
      );
  }
}

/** After `DISTRIBUTED BY`. */
export function parseDistribution(p: Cursor): AstDistribution {
  if (p.acceptWord('RANDOM')) {
    return { kind: 'random', buckets: parseBuckets(p) };
  }
  p.expectWord('HASH');
  const columns = p.identList();
  return { kind: 'hash', columns, buckets: parseBuckets(p) };
}

function parseBuckets(p: Cursor): number | null {
  if (!p.acceptWord('BUCKETS')) return null;
  // `BUCKETS AUTO` is accepted by some versions: automatic bucketing.
  if (p.acceptWord('AUTO')) return null;
  return p.integer();
}

/** After `ORDER BY`: `(c1, c2)` sort key (ASC/DESC accepted and ignored). */
export function parseSortKey(p: Cursor): string[] {
  p.expectOp('(');
  const out: string[] = [];
  do {
    out.push(p.ident());
    if (!p.acceptWord('ASC')) p.acceptWord('DESC');
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}
