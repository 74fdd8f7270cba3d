/**
 * EXPLAIN text: one line per logical operator, children indented by two spaces. Expressions are
 * printed in a compact SQL-like form with column names (`name#id` only where ids disambiguate
 * nothing else, so the text stays readable and stable for the same query).
 */
import type { BoundExpr, BoundOrderItem, BoundQuery, LiteralValue } from '../analyzer/index.js';
import { formatType } from '../types/index.js';
import { planQuery, type PlanContext } from './build.js';
import type { LogicalPlan, PlanItem } from './logical.js';

interface Ctx {
  readonly pc: PlanContext;
  /** Subqueries numbered in print order within one EXPLAIN. */
  readonly counter: { n: number };
}

export function explainPlan(plan: LogicalPlan, pc: PlanContext): string[] {
  const lines: string[] = [];
  walk(plan, 0, lines, { pc, counter: { n: 0 } });
  return lines;
}

function walk(p: LogicalPlan, depth: number, out: string[], pc: Ctx): void {
  const pad = '  '.repeat(depth);
  // Subquery plans print after the operator line that mentions them.
  const pending: string[] = [];
  const x = (e: BoundExpr): string => exprText(e, pc, pending, depth + 2);
  const line = (text: string): void => {
    out.push(`${pad}${text}`, ...pending);
    pending.length = 0;
  };
  switch (p.kind) {
    case 'scan':
      line(`Scan ${p.table.db}.${p.table.name} [${p.columns.map((c) => c.name).join(', ')}]`);
      return;
    case 'values':
      line(`Values ${p.rows.length} row(s) [${p.columns.map((c) => c.name).join(', ')}]`);
      return;
    case 'one-row':
      line('OneRow');
      return;
    case 'table-function':
      line(
        `TableFunction ${p.name}(${p.args.map(x).join(', ')}) [${p.columns.map((c) => c.name).join(', ')}]`,
      );
      return;
    case 'cte-ref':
      line(`CteRef #${p.cteId} [${p.columns.map((c) => c.name).join(', ')}]`);
      return;
    case 'join':
      line(`Join ${p.joinType}${p.condition === null ? '' : ` on ${x(p.condition)}`}`);
      walk(p.left, depth + 1, out, pc);
      walk(p.right, depth + 1, out, pc);
      return;
    case 'filter':
      line(`Filter ${x(p.predicate)}`);
      break;
    case 'aggregate': {
      const sets =
        p.groupingSets === null ? '' : ` sets=${p.groupingSets.map((s) => `(${s.join(',')})`).join(' ')}`;
      line(
        `Aggregate keys=[${p.keys.map((k) => itemText(k, x)).join(', ')}] aggs=[${p.aggregates.map((a) => itemText(a, x)).join(', ')}]${sets}`,
      );
      break;
    }
    case 'window':
      line(`Window [${p.windows.map((w) => itemText(w, x)).join(', ')}]`);
      break;
    case 'project':
      line(`Project [${p.items.map((i) => itemText(i, x)).join(', ')}]`);
      break;
    case 'distinct':
      line('Distinct');
      break;
    case 'sort':
      line(`Sort [${p.keys.map((k) => orderText(k, x)).join(', ')}]`);
      break;
    case 'limit':
      line(`Limit ${p.count}${p.offset > 0 ? ` offset ${p.offset}` : ''}`);
      break;
    case 'set-op':
      line(`${p.op[0]!.toUpperCase()}${p.op.slice(1)}${p.all ? ' all' : ''}`);
      walk(p.left, depth + 1, out, pc);
      walk(p.right, depth + 1, out, pc);
      return;
    case 'with':
      line('With');
      for (const c of p.ctes) {
        out.push(`${pad}  Cte #${c.id} ${c.name}`);
        walk(c.plan, depth + 2, out, pc);
      }
      walk(p.input, depth + 1, out, pc);
      return;
  }
  walk(p.input, depth + 1, out, pc);
}

function itemText(i: PlanItem, x: (e: BoundExpr) => string): string {
  const e = x(i.expr);
  return e === i.column.name ? e : `${i.column.name}:=${e}`;
}

function orderText(o: BoundOrderItem, x: (e: BoundExpr) => string): string {
  return `${x(o.expr)} ${o.descending ? 'DESC' : 'ASC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`;
}

const OPS: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  mod: '%',
  'int-divide': 'DIV',
  'bit-and': '&',
  'bit-or': '|',
  'bit-xor': '^',
  'shift-left': '<<',
  'shift-right': '>>',
  eq: '=',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  'null-safe-eq': '<=>',
  and: 'AND',
  or: 'OR',
  xor: 'XOR',
  like: 'LIKE',
  regexp: 'REGEXP',
  concat: '||',
};

function literalText(v: LiteralValue): string {
  switch (v.kind) {
    case 'null':
      return 'NULL';
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'int':
      return v.value.toString();
    case 'double':
      return String(v.value);
    case 'decimal':
      return v.text;
    case 'string':
      return `'${v.value.replace(/'/g, "''")}'`;
    case 'date':
    case 'datetime':
      return `'${v.text}'`;
    case 'bytes':
      return `X'${Buffer.from(v.value).toString('hex')}'`;
  }
}

/** Subquery plans are appended as indented lines after the operator that uses them. */
function exprText(e: BoundExpr, pc: Ctx, out: string[], depth: number): string {
  const r = (y: BoundExpr): string => exprText(y, pc, out, depth);
  switch (e.kind) {
    case 'literal':
      return literalText(e.value);
    case 'column':
      return e.name;
    case 'param':
      return '?';
    case 'cast':
      return `CAST(${r(e.operand)} AS ${formatType(e.type)})`;
    case 'op': {
      if (e.args.length === 1) return `${e.op.toUpperCase().replace(/-/g, ' ')}(${r(e.args[0]!)})`;
      return `(${e.args.map(r).join(` ${OPS[e.op] ?? e.op} `)})`;
    }
    case 'call':
      return `${e.fn.id}(${e.args.map(r).join(', ')})`;
    case 'agg':
      return `${e.fn.id}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(r).join(', ')})`;
    case 'window':
      return `${e.fn.id}(${e.args.map(r).join(', ')}) OVER (${e.partitionBy.length > 0 ? `PARTITION BY ${e.partitionBy.map(r).join(', ')}` : ''}${e.orderBy.length > 0 ? ` ORDER BY ${e.orderBy.map((o) => orderText(o, r)).join(', ')}` : ''})`;
    case 'grouping':
      return `GROUPING(${e.args.map(r).join(', ')})`;
    case 'case':
      return `CASE${e.whens.map((w) => ` WHEN ${r(w.when)} THEN ${r(w.then)}`).join('')}${e.else === null ? '' : ` ELSE ${r(e.else)}`} END`;
    case 'in-list':
      return `${r(e.operand)} ${e.not ? 'NOT IN' : 'IN'} (${e.list.map(r).join(', ')})`;
    case 'subquery':
      return subqueryText(e.mode, e.not, e.operand === null ? null : r(e.operand), e.query, pc, out, depth);
    case 'array':
      return `[${e.items.map(r).join(', ')}]`;
    case 'map':
      return `map{${e.entries.map((m) => `${r(m.key)}:${r(m.value)}`).join(', ')}}`;
    case 'subscript':
      return `${r(e.operand)}[${r(e.index)}]`;
    case 'lambda':
      return `(${e.params.map((p) => p.name).join(', ')}) -> ${r(e.body)}`;
  }
}

function subqueryText(
  mode: string,
  not: boolean,
  operand: string | null,
  q: BoundQuery,
  pc: Ctx,
  out: string[],
  depth: number,
): string {
  const n = ++pc.counter.n;
  const lines: string[] = [];
  walk(planQuery(q, pc.pc), 0, lines, pc);
  out.push(`${'  '.repeat(depth - 1)}Subquery #${n}:`);
  for (const l of lines) out.push(`${'  '.repeat(depth)}${l}`);
  const head =
    mode === 'exists'
      ? `${not ? 'NOT ' : ''}EXISTS`
      : mode === 'in'
        ? `${operand} ${not ? 'NOT IN' : 'IN'}`
        : '';
  return `${head}(subquery #${n})`;
}
