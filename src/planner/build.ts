/**
 * Bound tree → logical plan. A SELECT block becomes, bottom-up: FROM (scans, joins) → Filter
 * (WHERE) → Aggregate → Filter (HAVING) → Window → Filter (QUALIFY) → Project → Distinct → Sort
 * → Limit. Aggregate validity (StarRocks: "'x' must be an aggregate expression or appear in GROUP
 * BY clause") is checked while aggregates and group keys are replaced by column references.
 */
import {
  analysisError,
  exprKey,
  mapExpr,
  someExpr,
  type BoundExpr,
  type BoundOrderItem,
  type BoundQuery,
  type BoundRelation,
  type BoundSelect,
  type ColumnInfo,
} from '../analyzer/index.js';
import type { SqlType } from '../types/index.js';
import type { LogicalPlan, PlanItem } from './logical.js';

/** Column-id allocation shared with the binder (ids stay unique across the whole statement). */
export interface PlanContext {
  nextColumnId: number;
}

export function planQuery(q: BoundQuery, pc: PlanContext): LogicalPlan {
  switch (q.kind) {
    case 'with':
      return {
        kind: 'with',
        ctes: q.ctes.map((c) => ({ id: c.id, name: c.name, plan: planQuery(c.query, pc) })),
        input: planQuery(q.body, pc),
        columns: q.columns,
      };
    case 'set-op': {
      const setOp: LogicalPlan = {
        kind: 'set-op',
        op: q.op,
        all: q.all,
        left: planQuery(q.left, pc),
        right: planQuery(q.right, pc),
        columns: q.columns,
      };
      return limitSort(setOp, q.orderBy, q.limit);
    }
    case 'select':
      return planSelect(q, pc);
  }
}

function limitSort(
  input: LogicalPlan,
  keys: readonly BoundOrderItem[],
  limit: BoundSelect['limit'],
): LogicalPlan {
  let plan = input;
  if (keys.length > 0) plan = { kind: 'sort', input: plan, keys, columns: plan.columns };
  if (limit !== null)
    plan = { kind: 'limit', input: plan, count: limit.count, offset: limit.offset, columns: plan.columns };
  return plan;
}

export function planRelation(r: BoundRelation, pc: PlanContext): LogicalPlan {
  switch (r.kind) {
    case 'table':
      return {
        kind: 'scan',
        table: r.table,
        columns: r.columns,
        ...(r.before !== undefined ? { before: r.before } : {}),
      };
    case 'subquery': {
      const inner = planQuery(r.query, pc);
      const items = r.columns.map((c, i) => ({ column: c, expr: ref(inner.columns[i]!) }));
      return { kind: 'project', input: inner, items, columns: r.columns };
    }
    case 'cte-ref':
      return { kind: 'cte-ref', cteId: r.cteId, columns: r.columns };
    case 'values':
      return { kind: 'values', rows: r.rows, columns: r.columns };
    case 'table-function':
      return { kind: 'table-function', name: r.name, args: r.args, columns: r.columns };
    case 'one-row':
      return { kind: 'one-row', columns: [] };
    case 'join':
      return {
        kind: 'join',
        joinType: r.joinType,
        left: planRelation(r.left, pc),
        right: planRelation(r.right, pc),
        condition: r.condition,
        columns: r.columns,
      };
  }
}

function ref(c: ColumnInfo): BoundExpr {
  return { kind: 'column', id: c.id, type: c.type, nullable: c.nullable, name: c.name };
}

function column(pc: PlanContext, name: string, type: SqlType, nullable: boolean): ColumnInfo {
  return { id: pc.nextColumnId++, name, type, nullable };
}

/** Ids of every column a FROM tree produces (the block's "local" columns). */
function localIds(r: BoundRelation, out = new Set<number>()): Set<number> {
  for (const c of r.columns) out.add(c.id);
  if (r.kind === 'join') {
    localIds(r.left, out);
    localIds(r.right, out);
  }
  return out;
}

function planSelect(s: BoundSelect, pc: PlanContext): LogicalPlan {
  let plan = planRelation(s.from, pc);
  if (s.where !== null) plan = { kind: 'filter', input: plan, predicate: s.where, columns: plan.columns };
  let rewrite = (e: BoundExpr): BoundExpr => e;
  if (s.aggregated) {
    const agg = planAggregate(s, plan, pc);
    plan = agg.plan;
    rewrite = agg.rewrite;
  }
  if (s.having !== null)
    plan = { kind: 'filter', input: plan, predicate: rewrite(s.having), columns: plan.columns };
  const items = s.items.map((i) => ({ column: i.column, expr: rewrite(i.expr) }));
  const qualify = s.qualify === null ? null : rewrite(s.qualify);
  const order = s.orderBy.map((o) => ({ ...o, expr: rewrite(o.expr) }));
  const win = planWindows(
    plan,
    [...items.map((i) => i.expr), ...(qualify === null ? [] : [qualify]), ...order.map((o) => o.expr)],
    pc,
  );
  plan = win.plan;
  if (qualify !== null)
    plan = { kind: 'filter', input: plan, predicate: win.rewrite(qualify), columns: plan.columns };
  const projected: PlanItem[] = items.map((i) => ({ column: i.column, expr: win.rewrite(i.expr) }));
  plan = { kind: 'project', input: plan, items: projected, columns: s.columns };
  if (s.distinct) plan = { kind: 'distinct', input: plan, columns: plan.columns };
  if (order.length === 0) return limitSort(plan, [], s.limit);
  const byKey = new Map(projected.map((p) => [exprKey(p.expr), p.column]));
  const keys = order.map((o) => {
    const e = win.rewrite(o.expr);
    const item = byKey.get(exprKey(e));
    return { ...o, expr: item === undefined ? e : ref(item) };
  });
  return limitSort(plan, keys, s.limit);
}

function exprsOf(s: BoundSelect): BoundExpr[] {
  return [
    ...s.items.map((i) => i.expr),
    ...(s.having === null ? [] : [s.having]),
    ...(s.qualify === null ? [] : [s.qualify]),
    ...s.orderBy.map((o) => o.expr),
  ];
}

function planAggregate(
  s: BoundSelect,
  input: LogicalPlan,
  pc: PlanContext,
): { plan: LogicalPlan; rewrite: (e: BoundExpr) => BoundExpr } {
  const keys = s.groupBy?.keys ?? [];
  const sets = s.groupBy?.sets ?? null;
  const keyItems: PlanItem[] = keys.map((k) => ({
    column: column(pc, k.kind === 'column' ? k.name : 'key', k.type, sets !== null || nullableOf(k)),
    expr: k,
  }));
  const keyByExpr = new Map(keyItems.map((k) => [exprKey(k.expr), k.column]));
  const aggItems: PlanItem[] = [];
  const aggByExpr = new Map<string, ColumnInfo>();
  for (const e of exprsOf(s)) {
    someExpr(e, (x) => {
      if (x.kind !== 'agg' && x.kind !== 'grouping') return false;
      const key = exprKey(x);
      if (!aggByExpr.has(key)) {
        if (x.kind === 'grouping') checkGroupingArgs(x, keyByExpr);
        const c = column(
          pc,
          x.kind === 'agg' ? x.fn.id : 'grouping',
          x.type,
          x.kind === 'agg' ? x.nullable : false,
        );
        aggByExpr.set(key, c);
        aggItems.push({ column: c, expr: x });
      }
      return false;
    });
  }
  const local = localIds(s.from);
  const rewrite = (e: BoundExpr): BoundExpr =>
    mapExpr(e, (x) => {
      const key = exprKey(x);
      const k = keyByExpr.get(key) ?? aggByExpr.get(key);
      if (k !== undefined) return ref(k);
      if (x.kind === 'column' && local.has(x.id)) {
        throw analysisError(`'${x.name}' must be an aggregate expression or appear in GROUP BY clause`);
      }
      return undefined;
    });
  const columns = [...keyItems, ...aggItems].map((i) => i.column);
  const plan: LogicalPlan = {
    kind: 'aggregate',
    input,
    keys: keyItems,
    aggregates: aggItems,
    groupingSets: sets,
    columns,
  };
  return { plan, rewrite };
}

function checkGroupingArgs(g: BoundExpr & { kind: 'grouping' }, keys: ReadonlyMap<string, ColumnInfo>): void {
  for (const a of g.args) {
    if (!keys.has(exprKey(a))) throw analysisError('grouping functions only support grouping columns');
  }
}

function nullableOf(e: BoundExpr): boolean {
  return 'nullable' in e
    ? e.nullable
    : e.kind === 'param' || (e.kind === 'literal' && e.value.kind === 'null');
}

function planWindows(
  input: LogicalPlan,
  exprs: readonly BoundExpr[],
  pc: PlanContext,
): { plan: LogicalPlan; rewrite: (e: BoundExpr) => BoundExpr } {
  const items: PlanItem[] = [];
  const byKey = new Map<string, ColumnInfo>();
  for (const e of exprs) {
    someExpr(e, (x) => {
      if (x.kind !== 'window') return false;
      const key = exprKey(x);
      if (!byKey.has(key)) {
        const c = column(pc, x.fn.id, x.type, x.nullable);
        byKey.set(key, c);
        items.push({ column: c, expr: x });
      }
      return false;
    });
  }
  if (items.length === 0) return { plan: input, rewrite: (e) => e };
  const plan: LogicalPlan = {
    kind: 'window',
    input,
    windows: items,
    columns: [...input.columns, ...items.map((i) => i.column)],
  };
  const rewrite = (e: BoundExpr): BoundExpr =>
    mapExpr(e, (x) => {
      if (x.kind !== 'window') return undefined;
      const c = byKey.get(exprKey(x));
      return c === undefined ? undefined : ref(c);
    });
  return { plan, rewrite };
}
