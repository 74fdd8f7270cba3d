/**
 * Result-column labels the way StarRocks prints an unaliased select item (`AstToStringBuilder`):
 * column names as written, function names lower-cased, binary operators spaced, literals in SQL
 * form. Only used for column names in result metadata — never emitted into DuckDB SQL.
 */
import { formatType } from '../types/index.js';
import type { AstExpr, AstOrderItem, AstWindowSpec } from '../sql/ast/index.js';

const BINARY_TEXT: Readonly<Record<string, string>> = { div: 'DIV', and: 'AND', or: 'OR', xor: 'XOR' };

export function exprLabel(e: AstExpr): string {
  switch (e.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return e.value ? 'TRUE' : 'FALSE';
    case 'number':
      return e.text;
    case 'string':
      return `'${e.value}'`;
    case 'binary-literal':
      return `X'${e.hex}'`;
    case 'typed-string':
      return `${e.type.toUpperCase()} '${e.value}'`;
    case 'column':
      return e.parts[e.parts.length - 1] ?? '';
    case 'star':
      return [...e.qualifier, '*'].join('.');
    case 'param':
      return '?';
    case 'user-var':
      return `@${e.name}`;
    case 'system-var':
      return e.scope === null ? `@@${e.name}` : `@@${e.scope}.${e.name}`;
    case 'unary':
      return e.op === 'not' ? `NOT ${exprLabel(e.operand)}` : `${e.op}${exprLabel(e.operand)}`;
    case 'binary':
      return `${exprLabel(e.left)} ${BINARY_TEXT[e.op] ?? e.op} ${exprLabel(e.right)}`;
    case 'like':
      return `${exprLabel(e.operand)} ${e.not ? 'NOT ' : ''}${e.op.toUpperCase()} ${exprLabel(e.pattern)}`;
    case 'is':
      return `${exprLabel(e.operand)} IS ${e.not ? 'NOT ' : ''}${e.test.toUpperCase()}`;
    case 'between':
      return `${exprLabel(e.operand)} ${e.not ? 'NOT ' : ''}BETWEEN ${exprLabel(e.low)} AND ${exprLabel(e.high)}`;
    case 'in-list':
      return `${exprLabel(e.operand)} ${e.not ? 'NOT ' : ''}IN (${e.list.map(exprLabel).join(', ')})`;
    case 'in-subquery':
      return `${exprLabel(e.operand)} ${e.not ? 'NOT ' : ''}IN (<subquery>)`;
    case 'exists':
      return `${e.not ? 'NOT ' : ''}EXISTS (<subquery>)`;
    case 'subquery':
      return '(<subquery>)';
    case 'call':
      return callLabel(e);
    case 'cast':
      return `CAST(${exprLabel(e.operand)} AS ${formatType(e.type).toUpperCase()})`;
    case 'case': {
      const op = e.operand === undefined ? '' : ` ${exprLabel(e.operand)}`;
      const whens = e.whens.map((w) => ` WHEN ${exprLabel(w.when)} THEN ${exprLabel(w.then)}`).join('');
      const els = e.else === undefined ? '' : ` ELSE ${exprLabel(e.else)}`;
      return `CASE${op}${whens}${els} END`;
    }
    case 'interval':
      return `INTERVAL ${exprLabel(e.value)} ${e.unit.toUpperCase()}`;
    case 'extract':
      return `EXTRACT(${e.unit.toUpperCase()} FROM ${exprLabel(e.operand)})`;
    case 'lambda':
      return `(${e.params.join(', ')}) -> ${exprLabel(e.body)}`;
    case 'array':
      return `[${e.items.map(exprLabel).join(',')}]`;
    case 'map':
      return `map{${e.entries.map((x) => `${exprLabel(x.key)}:${exprLabel(x.value)}`).join(',')}}`;
    case 'subscript':
      return `${exprLabel(e.operand)}[${exprLabel(e.index)}]`;
    case 'arrow':
      return `${exprLabel(e.operand)}->${exprLabel(e.path)}`;
    case 'row':
      return `(${e.items.map(exprLabel).join(', ')})`;
    case 'collate':
      return exprLabel(e.operand);
    case 'default':
      return 'DEFAULT';
    case 'dereference':
      return `${exprLabel(e.operand)}.${e.field}`;
  }
}

function callLabel(e: AstExpr & { kind: 'call' }): string {
  const name = e.name.map((p) => p.toLowerCase()).join('.');
  const args = e.star ? '*' : `${e.distinct ? 'DISTINCT ' : ''}${e.args.map(exprLabel).join(', ')}`;
  const order = e.orderBy === undefined || e.orderBy.length === 0 ? '' : ` ORDER BY ${orderLabel(e.orderBy)}`;
  const over = e.over === undefined ? '' : ` OVER (${windowLabel(e.over)})`;
  return `${name}(${args}${order})${over}`;
}

function orderLabel(items: readonly AstOrderItem[]): string {
  return items.map((o) => `${exprLabel(o.expr)}${o.direction === 'desc' ? ' DESC' : ''}`).join(', ');
}

function windowLabel(w: AstWindowSpec): string {
  const parts: string[] = [];
  if (w.baseName !== undefined) parts.push(w.baseName);
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${w.partitionBy.map(exprLabel).join(', ')}`);
  if (w.orderBy.length > 0) parts.push(`ORDER BY ${orderLabel(w.orderBy)}`);
  return parts.join(' ');
}
