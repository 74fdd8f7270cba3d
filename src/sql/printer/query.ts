/** Query printer: WITH, SELECT, set operations, VALUES, relations, ORDER BY, LIMIT. */
import { assertNever } from '../../base/index.js';
import type {
  AstExpr,
  AstGroupingElement,
  AstLimit,
  AstQuery,
  AstQueryBody,
  AstRelation,
  AstSelect,
  AstTemporal,
  AstValues,
  AstWith,
  JoinType,
} from '../ast/index.js';
import { printExpr, printOrderItems, printWindowBody } from './expr.js';
import { dstr, ident, qname, str } from './quote.js';

/** Print a query as StarRocks SQL. */
export function printQuery(q: AstQuery): string {
  let s = q.with ? `${printWith(q.with)} ` : '';
  s += printBody(q.body, 0);
  if (q.orderBy.length > 0) s += ` ORDER BY ${printOrderItems(q.orderBy)}`;
  if (q.limit) s += ` ${printLimit(q.limit)}`;
  return s;
}

export function printWith(w: AstWith): string {
  const ctes = w.ctes.map((c) => {
    const cols = c.columns ? ` (${c.columns.map(ident).join(', ')})` : '';
    return `${ident(c.name)}${cols} AS (${printQuery(c.query)})`;
  });
  return `WITH ${w.recursive ? 'RECURSIVE ' : ''}${ctes.join(', ')}`;
}

export function printLimit(l: AstLimit): string {
  return l.offset
    ? `LIMIT ${printExpr(l.count)} OFFSET ${printExpr(l.offset)}`
    : `LIMIT ${printExpr(l.count)}`;
}

/** Set-operation precedence: UNION/EXCEPT 1, INTERSECT 2, operands 3. */
function bodyPrec(b: AstQueryBody): number {
  if (b.kind === 'set-op') return b.op === 'intersect' ? 2 : 1;
  return 3;
}

function printBody(b: AstQueryBody, minPrec: number): string {
  const s = printBodyNode(b);
  return bodyPrec(b) < minPrec ? `(${s})` : s;
}

function printBodyNode(b: AstQueryBody): string {
  switch (b.kind) {
    case 'select':
      return printSelect(b);
    case 'values':
      return printValues(b);
    case 'query':
      return `(${printQuery(b)})`;
    case 'set-op': {
      const prec = bodyPrec(b);
      const op = `${b.op.toUpperCase()}${b.all ? ' ALL' : ''}`;
      return `${printBody(b.left, prec)} ${op} ${printBody(b.right, prec + 1)}`;
    }
    default:
      return assertNever(b, 'query body');
  }
}

export function printValues(v: AstValues): string {
  return `VALUES ${v.rows.map((r) => `(${r.map(printExpr).join(', ')})`).join(', ')}`;
}

function printSelect(s: AstSelect): string {
  const items = s.items.map((it) =>
    it.alias !== undefined ? `${printExpr(it.expr)} AS ${ident(it.alias)}` : printExpr(it.expr),
  );
  let out = `SELECT ${s.distinct ? 'DISTINCT ' : ''}${items.join(', ')}`;
  if (s.from.length > 0) out += ` FROM ${s.from.map(printRelation).join(', ')}`;
  if (s.where) out += ` WHERE ${printExpr(s.where)}`;
  if (s.groupBy.length > 0) out += ` GROUP BY ${s.groupBy.map(printGrouping).join(', ')}`;
  if (s.having) out += ` HAVING ${printExpr(s.having)}`;
  if (s.windows.length > 0) {
    out += ` WINDOW ${s.windows.map((w) => `${ident(w.name)} AS (${printWindowBody(w.spec)})`).join(', ')}`;
  }
  if (s.qualify) out += ` QUALIFY ${printExpr(s.qualify)}`;
  return out;
}

function printGrouping(g: AstGroupingElement): string {
  switch (g.kind) {
    case 'expr':
      return printExpr(g.expr);
    case 'rollup':
      return `ROLLUP (${g.exprs.map(printExpr).join(', ')})`;
    case 'cube':
      return `CUBE (${g.exprs.map(printExpr).join(', ')})`;
    case 'grouping-sets':
      return `GROUPING SETS (${g.sets.map((set) => `(${set.map(printExpr).join(', ')})`).join(', ')})`;
    default:
      return assertNever(g, 'grouping element');
  }
}

const JOIN_TEXT: Readonly<Record<JoinType, string>> = {
  inner: 'INNER JOIN',
  left: 'LEFT JOIN',
  right: 'RIGHT JOIN',
  full: 'FULL JOIN',
  cross: 'CROSS JOIN',
  'left-semi': 'LEFT SEMI JOIN',
  'right-semi': 'RIGHT SEMI JOIN',
  'left-anti': 'LEFT ANTI JOIN',
  'right-anti': 'RIGHT ANTI JOIN',
};

function aliasText(alias: string | undefined, columns?: readonly string[]): string {
  if (alias === undefined) return '';
  return ` AS ${ident(alias)}${columns ? ` (${columns.map(ident).join(', ')})` : ''}`;
}

export function printTemporal(t: AstTemporal): string {
  return `FOR ${t.kind === 'timestamp' ? 'SYSTEM_TIME' : 'VERSION'} AS OF ${printExpr(t.expr)}`;
}

/** Print one FROM item. */
export function printRelation(r: AstRelation): string {
  switch (r.kind) {
    case 'table': {
      let s = qname(r.name.parts);
      if (r.temporal) s += ` ${printTemporal(r.temporal)}`;
      if (r.partitions) {
        s += ` ${r.temporalPartitions ? 'TEMPORARY ' : ''}PARTITION (${r.partitions.map(ident).join(', ')})`;
      }
      s += aliasText(r.alias);
      if (r.hint !== undefined) s += ` [${r.hint}]`;
      if (r.before !== undefined) s += ` BEFORE ${str(r.before)}`;
      return s;
    }
    case 'derived':
      return `${r.lateral ? 'LATERAL ' : ''}(${printQuery(r.query)})${aliasText(r.alias, r.columnAliases)}`;
    case 'values-relation':
      return `(${printValues(r.values)})${aliasText(r.alias, r.columnAliases)}`;
    case 'table-function': {
      const c = r.call;
      const isFiles = c.name.length === 1 && c.name[0] === 'files';
      const call = isFiles ? printFiles(c.args) : printExpr(c);
      return call + aliasText(r.alias, r.columnAliases);
    }
    case 'join': {
      const right = r.right.kind === 'join' ? `(${printRelation(r.right)})` : printRelation(r.right);
      let s = `${printRelation(r.left)} ${r.natural ? 'NATURAL ' : ''}${JOIN_TEXT[r.joinType]}`;
      if (r.hint !== undefined) s += ` [${r.hint}]`;
      s += ` ${right}`;
      if (r.on) s += ` ON ${printExpr(r.on)}`;
      if (r.using) s += ` USING (${r.using.map(ident).join(', ')})`;
      return s;
    }
    default:
      return assertNever(r, 'relation');
  }
}

/** `FILES("k" = "v", …)` from the key/value argument pairs the parser produced. */
function printFiles(args: readonly AstExpr[]): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const k = args[i];
    const v = args[i + 1];
    if (k?.kind === 'string' && v?.kind === 'string') pairs.push(`${dstr(k.value)} = ${dstr(v.value)}`);
  }
  return `FILES(${pairs.join(', ')})`;
}
