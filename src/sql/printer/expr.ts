/**
 * Expression printer. Parentheses are added from operator precedence (the same levels the
 * parser uses), so parse → print → parse yields an equal AST.
 */
import { assertNever } from '../../base/index.js';
import type { AstCall, AstExpr, AstFrameBound, AstOrderItem, AstWindowSpec, BinaryOp } from '../ast/index.js';
import { BP } from '../parser/expressions/pratt.js';
import { ident, qname, str } from './quote.js';
import { printQuery } from './query.js';
import { printType } from './type.js';

const ATOM = 100;

const BINARY_BP: Readonly<Record<BinaryOp, number>> = {
  or: BP.or,
  xor: BP.or + 1,
  and: BP.and,
  '=': BP.compare,
  '<=>': BP.compare,
  '!=': BP.compare,
  '<': BP.compare,
  '<=': BP.compare,
  '>': BP.compare,
  '>=': BP.compare,
  '>>': BP.shiftRight,
  '<<': BP.shiftLeft,
  '|': BP.bitOr,
  '&': BP.bitAnd,
  '+': BP.additive,
  '-': BP.additive,
  '*': BP.multiplicative,
  '/': BP.multiplicative,
  '%': BP.multiplicative,
  div: BP.multiplicative,
  '^': BP.bitXor,
  '||': BP.concat,
};

const BINARY_TEXT: Partial<Record<BinaryOp, string>> = {
  or: 'OR',
  xor: 'XOR',
  and: 'AND',
  div: 'DIV',
  '<<': 'BITSHIFTLEFT',
  '>>': 'BITSHIFTRIGHT',
};

/** Reserved words that the parser accepts as function names. */
const CALLABLE_RESERVED = new Set([
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
  'CAST',
  'EXTRACT',
  'DATE',
  'TIMESTAMP',
  'DATETIME',
]);

const SPECIAL_SYNTAX_NAMES = new Set(['position', 'trim', 'substring', 'substr']);

/** The binding power a node needs around it to print without parentheses. */
function nodeBp(e: AstExpr): number {
  switch (e.kind) {
    case 'binary':
      return BINARY_BP[e.op];
    case 'unary':
      return e.op === 'not' ? BP.not : BP.unary;
    case 'is':
      return BP.compare;
    case 'like':
    case 'between':
    case 'in-list':
    case 'in-subquery':
      return BP.predicate;
    case 'lambda':
      return 0;
    case 'exists':
      // `NOT EXISTS (…)` is a prefix form: it takes no postfix operators without parentheses.
      return e.not ? BP.not : ATOM;
    default:
      return ATOM;
  }
}

/** Print an expression as StarRocks SQL. */
export function printExpr(e: AstExpr): string {
  return print(e, 0);
}

function print(e: AstExpr, minBp: number): string {
  const s = printNode(e);
  return nodeBp(e) < minBp ? `(${s})` : s;
}

function printNode(e: AstExpr): string {
  switch (e.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'number':
      return e.text;
    case 'string':
      return str(e.value);
    case 'binary-literal':
      return `X'${e.hex}'`;
    case 'typed-string':
      return `${e.type.toUpperCase()} ${str(e.value)}`;
    case 'column':
      return qname(e.parts);
    case 'star':
      return e.qualifier.length > 0 ? `${qname(e.qualifier)}.*` : '*';
    case 'param':
      return '?';
    case 'user-var':
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.name) ? `@${e.name}` : `@${str(e.name)}`;
    case 'system-var':
      return e.scope === null ? `@@${ident(e.name)}` : `@@${e.scope}.${ident(e.name)}`;
    case 'unary':
      return printUnary(e.op, e.operand);
    case 'binary':
      return printBinaryChain(e);
    case 'like': {
      const op = (e.not ? 'NOT ' : '') + (e.op === 'like' ? 'LIKE' : 'REGEXP');
      const esc = e.escape ? ` ESCAPE ${print(e.escape, BP.predicate + 1)}` : '';
      return `${print(e.operand, BP.predicate + 1)} ${op} ${print(e.pattern, BP.predicate + 1)}${esc}`;
    }
    case 'is':
      return `${print(e.operand, BP.compare)} IS ${e.not ? 'NOT ' : ''}${e.test.toUpperCase()}`;
    case 'between':
      return (
        `${print(e.operand, BP.predicate + 1)} ${e.not ? 'NOT ' : ''}BETWEEN ` +
        `${print(e.low, BP.predicate + 1)} AND ${print(e.high, BP.predicate)}`
      );
    case 'in-list':
      return `${print(e.operand, BP.predicate + 1)} ${e.not ? 'NOT ' : ''}IN (${e.list.map(printExpr).join(', ')})`;
    case 'in-subquery':
      return `${print(e.operand, BP.predicate + 1)} ${e.not ? 'NOT ' : ''}IN (${printQuery(e.query)})`;
    case 'exists':
      return `${e.not ? 'NOT ' : ''}EXISTS (${printQuery(e.query)})`;
    case 'subquery':
      return `(${printQuery(e.query)})`;
    case 'call':
      return printCall(e);
    case 'cast':
      return `CAST(${printExpr(e.operand)} AS ${e.spelling ? e.spelling.toUpperCase() : printType(e.type)})`;
    case 'case':
      return printCase(e);
    case 'interval':
      return `INTERVAL ${print(e.value, BP.predicate + 1)} ${e.unit.toUpperCase()}`;
    case 'extract':
      return `EXTRACT(${e.unit.toUpperCase()} FROM ${printExpr(e.operand)})`;
    case 'lambda': {
      const params =
        e.params.length === 1 ? ident(e.params[0] as string) : `(${e.params.map(ident).join(', ')})`;
      // `x -> 'str'` would read as the JSON arrow: a body starting with a string goes in parentheses.
      const body = printExpr(e.body);
      return `${params} -> ${body.startsWith("'") ? `(${body})` : body}`;
    }
    case 'array': {
      const prefix = e.elementType ? `ARRAY<${printType(e.elementType)}>` : '';
      return `${prefix}[${e.items.map(printExpr).join(', ')}]`;
    }
    case 'map': {
      const prefix = e.type ? printType(e.type) : 'MAP';
      return `${prefix}{${e.entries.map((x) => `${printExpr(x.key)}: ${printExpr(x.value)}`).join(', ')}}`;
    }
    case 'subscript':
      return `${print(e.operand, ATOM)}[${printExpr(e.index)}]`;
    case 'dereference': {
      // A column operand needs parentheses, or `(a).b` would read back as the column `a.b`.
      const base =
        e.operand.kind === 'column' || e.operand.kind === 'star'
          ? `(${printExpr(e.operand)})`
          : print(e.operand, ATOM);
      return `${base}.${ident(e.field)}`;
    }
    case 'arrow':
      return `${print(e.operand, ATOM)} -> ${print(e.path, ATOM)}`;
    case 'row':
      return `(${e.items.map(printExpr).join(', ')})`;
    case 'collate':
      return `${print(e.operand, ATOM)} COLLATE ${ident(e.collation)}`;
    case 'default':
      return 'DEFAULT';
    default:
      return assertNever(e, 'expression');
  }
}

/** A left-deep chain of same-precedence operators, printed without recursing down the spine. */
function printBinaryChain(e: Extract<AstExpr, { kind: 'binary' }>): string {
  const bp = BINARY_BP[e.op];
  const rights: string[] = [];
  let node: AstExpr = e;
  while (node.kind === 'binary' && BINARY_BP[node.op] === bp) {
    rights.push(`${BINARY_TEXT[node.op] ?? node.op} ${print(node.right, bp + 1)}`);
    node = node.left;
  }
  return [print(node, bp), ...rights.reverse()].join(' ');
}

function printUnary(op: string, operand: AstExpr): string {
  if (op === 'not') {
    // `NOT EXISTS …` would parse as the negated EXISTS node: keep such an operand in parentheses.
    const inner = print(operand, BP.not);
    return inner.startsWith('EXISTS') ? `NOT (${printExpr(operand)})` : `NOT ${inner}`;
  }
  const inner = operand.kind === 'unary' ? `(${printExpr(operand)})` : print(operand, BP.unary);
  return `${op}${inner}`;
}

function printCase(e: Extract<AstExpr, { kind: 'case' }>): string {
  const parts = ['CASE'];
  if (e.operand) parts.push(printExpr(e.operand));
  for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`);
  if (e.else) parts.push(`ELSE ${printExpr(e.else)}`);
  parts.push('END');
  return parts.join(' ');
}

function functionName(name: readonly string[]): string {
  if (name.length === 1) {
    const only = name[0] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(only) && CALLABLE_RESERVED.has(only.toUpperCase())) return only;
  }
  return qname(name);
}

function printCall(e: AstCall): string {
  const lower = e.name.length === 1 ? (e.name[0] as string).toLowerCase() : '';
  const second = e.args[1];
  if (lower === 'convert' && e.args.length === 2 && second?.kind === 'string') {
    return `CONVERT(${printExpr(e.args[0] as AstExpr)} USING ${ident(second.value)})`;
  }
  // POSITION/TRIM/SUBSTRING have keyword forms (`a IN b`, `x FROM y`): keep predicates in parentheses.
  const argBp = SPECIAL_SYNTAX_NAMES.has(lower) ? BP.predicate + 1 : 0;
  let inner: string;
  if (e.star) inner = '*';
  else {
    inner = (e.distinct ? 'DISTINCT ' : '') + e.args.map((a) => print(a, argBp)).join(', ');
    if (e.orderBy) inner += ` ORDER BY ${printOrderItems(e.orderBy)}`;
    if (e.separator) inner += ` SEPARATOR ${printExpr(e.separator)}`;
  }
  let out = `${functionName(e.name)}(${inner})`;
  if (e.ignoreNulls) out += ' IGNORE NULLS';
  if (e.filter) out += ` FILTER (WHERE ${printExpr(e.filter)})`;
  if (e.over) out += ` OVER ${printWindow(e.over)}`;
  return out;
}

export function printOrderItems(items: readonly AstOrderItem[]): string {
  return items
    .map((o) => {
      let s = printExpr(o.expr);
      if (o.direction) s += ` ${o.direction.toUpperCase()}`;
      if (o.nulls) s += ` NULLS ${o.nulls.toUpperCase()}`;
      return s;
    })
    .join(', ');
}

/** `w` or `(…)` after OVER. */
export function printWindow(w: AstWindowSpec): string {
  if (w.baseName !== undefined && w.partitionBy.length === 0 && w.orderBy.length === 0 && !w.frame) {
    return ident(w.baseName);
  }
  return `(${printWindowBody(w)})`;
}

/** The inside of a window's parentheses. */
export function printWindowBody(w: AstWindowSpec): string {
  const parts: string[] = [];
  if (w.baseName !== undefined) parts.push(ident(w.baseName));
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${w.partitionBy.map(printExpr).join(', ')}`);
  if (w.orderBy.length > 0) parts.push(`ORDER BY ${printOrderItems(w.orderBy)}`);
  if (w.frame) {
    const unit = w.frame.unit.toUpperCase();
    parts.push(
      w.frame.end
        ? `${unit} BETWEEN ${printBound(w.frame.start)} AND ${printBound(w.frame.end)}`
        : `${unit} ${printBound(w.frame.start)}`,
    );
  }
  return parts.join(' ');
}

function printBound(b: AstFrameBound): string {
  switch (b.kind) {
    case 'unbounded-preceding':
      return 'UNBOUNDED PRECEDING';
    case 'unbounded-following':
      return 'UNBOUNDED FOLLOWING';
    case 'current-row':
      return 'CURRENT ROW';
    case 'preceding':
      return `${printExpr(b.offset)} PRECEDING`;
    case 'following':
      return `${printExpr(b.offset)} FOLLOWING`;
    default:
      return assertNever(b, 'frame bound');
  }
}
