/**
 * Expression parsing by precedence climbing. Levels follow StarRocks.g4 (lowest first):
 * OR/`||` · AND/`&&` · NOT · comparisons and IS · LIKE/IN/BETWEEN · BITSHIFTRIGHTLOGICAL ·
 * BITSHIFTRIGHT · BITSHIFTLEFT · `|` · `&` · `+ -` · `* / % DIV MOD` · `^` · `||` (PIPES_AS_CONCAT)
 * · unary `- + ~ !` · postfix (`[i]`, `->`, COLLATE).
 */
import type { AstExpr, BinaryOp } from '../../ast/index.js';
import { SqlError } from '../../../errors/index.js';
import type { Cursor } from '../cursor.js';
import { parseQueryInParens } from '../statements/query.js';
import { parsePrimary } from './primary.js';

export const BP = {
  or: 1,
  and: 3,
  not: 4,
  compare: 5,
  predicate: 6,
  shiftRightLogical: 7,
  shiftRight: 8,
  shiftLeft: 9,
  bitOr: 10,
  bitAnd: 11,
  additive: 12,
  multiplicative: 13,
  bitXor: 14,
  concat: 15,
  unary: 16,
} as const;

const COMPARE_OPS: Readonly<Record<string, BinaryOp>> = {
  '=': '=',
  '<=>': '<=>',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

interface Infix {
  readonly bp: number;
  readonly op: BinaryOp | 'shift-right-logical';
  /** Number of tokens the operator spans. */
  readonly width: number;
}

const SYMBOL_INFIX: Readonly<Record<string, Infix>> = {
  '&&': { bp: BP.and, op: 'and', width: 1 },
  '|': { bp: BP.bitOr, op: '|', width: 1 },
  '&': { bp: BP.bitAnd, op: '&', width: 1 },
  '+': { bp: BP.additive, op: '+', width: 1 },
  '-': { bp: BP.additive, op: '-', width: 1 },
  '*': { bp: BP.multiplicative, op: '*', width: 1 },
  '/': { bp: BP.multiplicative, op: '/', width: 1 },
  '%': { bp: BP.multiplicative, op: '%', width: 1 },
  '^': { bp: BP.bitXor, op: '^', width: 1 },
  '<<': { bp: BP.shiftLeft, op: '<<', width: 1 },
  '>>': { bp: BP.shiftRight, op: '>>', width: 1 },
};
const WORD_INFIX: Readonly<Record<string, Infix>> = {
  OR: { bp: BP.or, op: 'or', width: 1 },
  AND: { bp: BP.and, op: 'and', width: 1 },
  DIV: { bp: BP.multiplicative, op: 'div', width: 1 },
  MOD: { bp: BP.multiplicative, op: '%', width: 1 },
  BITSHIFTLEFT: { bp: BP.shiftLeft, op: '<<', width: 1 },
  BITSHIFTRIGHT: { bp: BP.shiftRight, op: '>>', width: 1 },
  BITSHIFTRIGHTLOGICAL: { bp: BP.shiftRightLogical, op: 'shift-right-logical', width: 1 },
};

function binaryInfix(p: Cursor): Infix | undefined {
  const t = p.peek();
  if (t.kind === 'op') {
    if (t.value === '||') {
      return p.options.pipesAsConcat
        ? { bp: BP.concat, op: '||', width: 1 }
        : { bp: BP.or, op: 'or', width: 1 };
    }
    const cmp = COMPARE_OPS[t.value];
    if (cmp) return { bp: BP.compare, op: cmp, width: 1 };
    return SYMBOL_INFIX[t.value];
  }
  if (t.kind === 'word') return WORD_INFIX[t.upper];
  return undefined;
}

/**
 * Operators of one left-deep chain (`a + b + c …`) counted as one nesting level: long OR lists
 * from BI tools stay accepted while the tree depth stays bounded for the tree walkers.
 */
export const CHAIN_PER_LEVEL = 16;

/** Parse a full expression. */
export function parseExpr(p: Cursor): AstExpr {
  return parseExprBp(p, 0);
}

/** Parse an expression whose operators all bind at least as tightly as `minBp`. */
export function parseExprBp(p: Cursor, minBp: number): AstExpr {
  p.enter();
  let chain = 0;
  try {
    let left = parsePrefix(p);
    while (true) {
      const next = parsePredicateOrInfix(p, left, minBp);
      if (!next) return left;
      left = next;
      // Long operator chains build deep trees: count them against the nesting limit too.
      if (++chain % CHAIN_PER_LEVEL === 0) p.enter();
    }
  } finally {
    for (let k = 0; k < Math.floor(chain / CHAIN_PER_LEVEL); k++) p.leave();
    p.leave();
  }
}

function parsePrefix(p: Cursor): AstExpr {
  const t = p.peek();
  const pos = p.pos(t);
  if (t.kind === 'word' && t.upper === 'NOT') {
    p.next();
    if (p.isWord('EXISTS') && p.isOp('(', 1)) {
      p.next();
      const query = parseQueryInParens(p);
      return { kind: 'exists', not: true, query, pos };
    }
    return { kind: 'unary', op: 'not', operand: parseExprBp(p, BP.not), pos };
  }
  if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~' || t.value === '!')) {
    p.next();
    const operand = parseExprBp(p, BP.unary);
    const op = t.value === '!' ? 'not' : t.value;
    return { kind: 'unary', op, operand, pos };
  }
  return parsePrimary(p);
}

/** One infix step at or above `minBp`, or undefined when the expression ends here. */
function parsePredicateOrInfix(p: Cursor, left: AstExpr, minBp: number): AstExpr | undefined {
  const t = p.peek();
  const pos = p.pos(t);
  if (t.kind === 'word' && minBp <= BP.predicate) {
    const predicate = parsePredicate(p, left, minBp);
    if (predicate) return predicate;
  }
  const infix = binaryInfix(p);
  if (!infix || infix.bp < minBp) return undefined;
  p.i += infix.width;
  const right = parseExprBp(p, infix.bp + 1);
  if (infix.op === 'shift-right-logical') {
    return {
      kind: 'call',
      name: ['bit_shift_right_logical'],
      args: [left, right],
      distinct: false,
      star: false,
      pos,
    };
  }
  return { kind: 'binary', op: infix.op, left, right, pos };
}

/** IS [NOT] …, [NOT] IN/LIKE/RLIKE/REGEXP/BETWEEN. */
function parsePredicate(p: Cursor, left: AstExpr, minBp: number): AstExpr | undefined {
  const pos = p.pos();
  if (p.isWord('IS')) {
    if (minBp > BP.compare) return undefined;
    p.next();
    const not = p.acceptWord('NOT');
    const w = p.peek();
    const test = w.kind === 'word' ? w.upper : '';
    if (test !== 'NULL' && test !== 'TRUE' && test !== 'FALSE' && test !== 'UNKNOWN') {
      p.note("'NULL'");
      return p.fail();
    }
    p.next();
    return {
      kind: 'is',
      not,
      operand: left,
      test: test.toLowerCase() as 'null' | 'true' | 'false' | 'unknown',
      pos,
    };
  }
  const not = p.isWord('NOT');
  const w = p.peek(not ? 1 : 0);
  if (w.kind !== 'word') return undefined;
  switch (w.upper) {
    case 'IN':
      p.i += not ? 2 : 1;
      return parseIn(p, left, not, pos);
    case 'LIKE':
    case 'RLIKE':
    case 'REGEXP': {
      p.i += not ? 2 : 1;
      const pattern = parseExprBp(p, BP.predicate + 1);
      const op = w.upper === 'LIKE' ? 'like' : 'regexp';
      if (op === 'like' && p.acceptWord('ESCAPE')) {
        const escape = parseExprBp(p, BP.predicate + 1);
        return { kind: 'like', op, not, operand: left, pattern, escape, pos };
      }
      return { kind: 'like', op, not, operand: left, pattern, pos };
    }
    case 'MATCH':
    case 'MATCH_ANY':
    case 'MATCH_ALL': {
      // Full-text match on a GIN index: `col [NOT] MATCH 'pattern'` → match(col, 'pattern').
      p.i += not ? 2 : 1;
      const pattern = parseExprBp(p, BP.predicate + 1);
      const call: AstExpr = {
        kind: 'call',
        name: [w.upper.toLowerCase()],
        args: [left, pattern],
        distinct: false,
        star: false,
        pos,
      };
      return not ? { kind: 'unary', op: 'not', operand: call, pos } : call;
    }
    case 'BETWEEN': {
      p.i += not ? 2 : 1;
      const low = parseExprBp(p, BP.predicate + 1);
      p.expectWord('AND');
      const high = parseExprBp(p, BP.predicate);
      return { kind: 'between', not, operand: left, low, high, pos };
    }
    default:
      return undefined;
  }
}

function parseIn(p: Cursor, operand: AstExpr, not: boolean, pos: AstExpr['pos'] & object): AstExpr {
  if (!p.isOp('(')) {
    p.note("'('");
    p.fail();
  }
  if (startsQuery(p, 1)) {
    // `IN ((SELECT 1), 2)` is a list whose first item is a subquery: fall back to the list.
    const save = p.i;
    const nested = p.isOp('(', 1);
    try {
      const query = parseQueryInParens(p);
      return { kind: 'in-subquery', not, operand, query, pos };
    } catch (e) {
      if (!(e instanceof SqlError) || !nested) throw e;
      p.i = save;
    }
  }
  p.expectOp('(');
  if (p.isOp(')')) {
    // StarRocks: an empty IN list has no viable alternative.
    const start = p.tokens.findIndex((t) => t.line === pos.line && t.column === pos.column);
    p.failWith(`No viable statement for input '${p.textBetween(start, p.i + 1)}'.`);
  }
  const list = [parseExpr(p)];
  while (p.acceptOp(',')) list.push(parseExpr(p));
  p.expectListEnd();
  return { kind: 'in-list', not, operand, list, pos };
}

/** Whether a query (SELECT/WITH/VALUES, possibly parenthesised) starts at offset k. */
export function startsQuery(p: Cursor, k = 0): boolean {
  let j = k;
  while (p.isOp('(', j)) j++;
  return p.isWord('SELECT', j) || p.isWord('WITH', j) || (p.isWord('VALUES', j) && j > k);
}

/** Comma-separated expressions. */
export function parseExprList(p: Cursor): AstExpr[] {
  const out = [parseExpr(p)];
  while (p.acceptOp(',')) out.push(parseExpr(p));
  return out;
}
