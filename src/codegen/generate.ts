/**
 * Logical plan → DuckDB SELECT text. Operators are folded into one SELECT block while SQL clause
 * order allows (FROM → WHERE → GROUP BY → HAVING → window → QUALIFY → select list → DISTINCT →
 * ORDER BY → LIMIT); otherwise the block so far becomes a derived table. Every column is named
 * `c<id>` in select lists, every relation `t<n>`, CTEs `w<id>` — user names appear only as quoted
 * storage identifiers.
 */
import type { BoundOrderItem, BoundQuery } from '../analyzer/index.js';
import { InternalError } from '../base/index.js';
import { planQuery, type LogicalPlan, type PlanContext } from '../planner/index.js';
import { duckdbType, quoteIdent, quoteQualified } from './escape.js';
import { exprSql, orderSql, type ExprEnv } from './expr.js';
import type { EmitSession, FunctionEmitter } from './function-emitter.js';
import { castSql } from './casts.js';
import { beforeScanSql } from './write-history.js';

const enum Stage {
  From = 0,
  Where = 1,
  Aggregate = 2,
  Having = 3,
  Window = 4,
  Qualify = 5,
  Project = 6,
  Distinct = 7,
  Sort = 8,
  Limit = 9,
}

interface Block {
  withs: string[];
  from: string | null;
  /** True when `from` is a join chain that must be parenthesised on the right of another join. */
  fromIsJoin: boolean;
  where: string[];
  groupBy: string | null;
  having: string[];
  qualify: string[];
  select: { id: number; sql: string }[] | null;
  distinct: boolean;
  orderBy: string | null;
  limit: string | null;
  stage: Stage;
  /** Column id → SQL valid in this block's clauses (before the select list). */
  scope: Map<number, string>;
}

/** Shared generation state for one statement. */
export interface GenState {
  readonly pc: PlanContext;
  readonly emitters: Readonly<Record<string, FunctionEmitter>>;
  readonly session: EmitSession;
  nextAlias: number;
}

type Outer = (id: number) => string | undefined;

/** Complete SQL for a plan whose output columns are aliased `c<id>` in order. */
export function planSql(plan: LogicalPlan, g: GenState, outer: Outer = () => undefined): string {
  return render(
    emit(plan, g, outer),
    plan.columns.map((c) => c.id),
  );
}

function emptyBlock(): Block {
  return {
    withs: [],
    from: null,
    fromIsJoin: false,
    where: [],
    groupBy: null,
    having: [],
    qualify: [],
    select: null,
    distinct: false,
    orderBy: null,
    limit: null,
    stage: Stage.From,
    scope: new Map(),
  };
}

function env(b: Block, g: GenState, outer: Outer, aliases?: ReadonlySet<number>): ExprEnv {
  return {
    lookup(id) {
      if (aliases?.has(id)) return `c${id}`;
      const s = b.scope.get(id) ?? outer(id);
      if (s === undefined) throw new InternalError(`column #${id} is not in scope`);
      return s;
    },
    subquery(q: BoundQuery) {
      const plan = planQuery(q, g.pc);
      const inner: Outer = (id) => b.scope.get(id) ?? outer(id);
      return { sql: planSql(plan, g, inner), columns: plan.columns.map((c) => c.id) };
    },
    emitters: g.emitters,
    session: g.session,
  };
}

function render(b: Block, ids: readonly number[]): string {
  const items = b.select ?? ids.map((id) => ({ id, sql: b.scope.get(id) ?? `NULL` }));
  const list = items.length === 0 ? 'NULL AS c0' : items.map((i) => `${i.sql} AS c${i.id}`).join(', ');
  const parts = [`SELECT ${b.distinct ? 'DISTINCT ' : ''}${list}`];
  if (b.from !== null) parts.push(`FROM ${b.from}`);
  if (b.where.length > 0) parts.push(`WHERE ${b.where.join(' AND ')}`);
  if (b.groupBy !== null) parts.push(b.groupBy);
  if (b.having.length > 0) parts.push(`HAVING ${b.having.join(' AND ')}`);
  if (b.qualify.length > 0) parts.push(`QUALIFY ${b.qualify.join(' AND ')}`);
  if (b.orderBy !== null) parts.push(`ORDER BY ${b.orderBy}`);
  if (b.limit !== null) parts.push(b.limit);
  const body = parts.join(' ');
  return b.withs.length === 0 ? body : `WITH ${b.withs.join(', ')} ${body}`;
}

/** Turn a block into a derived table of a fresh block. */
function wrap(b: Block, ids: readonly number[], g: GenState): Block {
  const alias = `t${g.nextAlias++}`;
  const out = emptyBlock();
  out.from = `(${render(b, ids)}) AS ${alias}`;
  for (const id of ids) out.scope.set(id, `${alias}.c${id}`);
  return out;
}

function emit(plan: LogicalPlan, g: GenState, outer: Outer): Block {
  switch (plan.kind) {
    case 'scan': {
      const b = emptyBlock();
      const alias = `t${g.nextAlias++}`;
      const st = plan.table.storage;
      if (st === undefined) throw new InternalError(`table ${plan.table.name} has no storage`);
      b.from = `${plan.before === undefined ? quoteQualified(st.schema, st.table) : beforeScanSql(plan.table.name, st, plan.before, g.session)} AS ${alias}`;
      plan.table.columns.forEach((c, i) =>
        b.scope.set(plan.columns[i]!.id, `${alias}.${quoteIdent(c.name)}`),
      );
      return b;
    }
    case 'one-row':
      return emptyBlock();
    case 'values': {
      const b = emptyBlock();
      const alias = `t${g.nextAlias++}`;
      const e = env(b, g, outer);
      const rows = plan.rows.map(
        (row) => `(${row.map((x, i) => castSql(exprSql(x, e), x.type, plan.columns[i]!.type)).join(', ')})`,
      );
      const names = plan.columns.map((c) => `c${c.id}`).join(', ');
      b.from = `(VALUES ${rows.join(', ')}) AS ${alias}(${names})`;
      for (const c of plan.columns) b.scope.set(c.id, `${alias}.c${c.id}`);
      return b;
    }
    case 'table-function':
      return tableFunction(plan, g, outer);
    case 'cte-ref': {
      const b = emptyBlock();
      const alias = `t${g.nextAlias++}`;
      b.from = `w${plan.cteId} AS ${alias}(${plan.columns.map((c) => `c${c.id}`).join(', ')})`;
      for (const c of plan.columns) b.scope.set(c.id, `${alias}.c${c.id}`);
      return b;
    }
    case 'join':
      return join(plan, g, outer);
    case 'filter': {
      let b = emit(plan.input, g, outer);
      if (b.stage > Stage.Qualify)
        b = wrap(
          b,
          plan.input.columns.map((c) => c.id),
          g,
        );
      const pred = exprSql(plan.predicate, env(b, g, outer));
      if (b.stage <= Stage.Where) {
        b.where.push(pred);
        b.stage = Stage.Where;
      } else if (b.stage <= Stage.Having) {
        b.having.push(pred);
        b.stage = Stage.Having;
      } else {
        b.qualify.push(pred);
        b.stage = Stage.Qualify;
      }
      return b;
    }
    case 'aggregate':
      return aggregate(plan, g, outer);
    case 'window': {
      let b = emit(plan.input, g, outer);
      if (b.stage > Stage.Window)
        b = wrap(
          b,
          plan.input.columns.map((c) => c.id),
          g,
        );
      const e = env(b, g, outer);
      for (const w of plan.windows) b.scope.set(w.column.id, exprSql(w.expr, e));
      b.stage = Stage.Window;
      return b;
    }
    case 'project': {
      let b = emit(plan.input, g, outer);
      if (b.stage >= Stage.Project)
        b = wrap(
          b,
          plan.input.columns.map((c) => c.id),
          g,
        );
      const e = env(b, g, outer);
      b.select = plan.items.map((i) => ({ id: i.column.id, sql: exprSql(i.expr, e) }));
      b.stage = Stage.Project;
      return b;
    }
    case 'distinct': {
      let b = emit(plan.input, g, outer);
      if (b.stage !== Stage.Project) {
        b = wrap(
          b,
          plan.input.columns.map((c) => c.id),
          g,
        );
        b.select = plan.columns.map((c) => ({ id: c.id, sql: b.scope.get(c.id)! }));
      }
      b.distinct = true;
      b.stage = Stage.Distinct;
      return b;
    }
    case 'sort': {
      let b = emit(plan.input, g, outer);
      if (b.stage >= Stage.Sort)
        b = wrap(
          b,
          plan.input.columns.map((c) => c.id),
          g,
        );
      b.orderBy = sortKeys(plan.keys, b, g, outer);
      b.stage = Stage.Sort;
      return b;
    }
    case 'limit': {
      let b = emit(plan.input, g, outer);
      if (b.stage >= Stage.Limit)
        b = wrap(
          b,
          plan.input.columns.map((c) => c.id),
          g,
        );
      b.limit = `LIMIT ${plan.count} OFFSET ${plan.offset}`;
      b.stage = Stage.Limit;
      return b;
    }
    case 'set-op': {
      const left = planSql(plan.left, g, outer);
      const right = planSql(plan.right, g, outer);
      const op = `${plan.op.toUpperCase()}${plan.all ? ' ALL' : ''}`;
      const alias = `t${g.nextAlias++}`;
      const b = emptyBlock();
      b.from = `((${left}) ${op} (${right})) AS ${alias}(${plan.columns.map((c) => `c${c.id}`).join(', ')})`;
      for (const c of plan.columns) b.scope.set(c.id, `${alias}.c${c.id}`);
      return b;
    }
    case 'with': {
      const withs = plan.ctes.map((c) => `w${c.id} AS (${planSql(c.plan, g, outer)})`);
      const b = emit(plan.input, g, outer);
      b.withs = [...withs, ...b.withs];
      return b;
    }
  }
}

function sortKeys(keys: readonly BoundOrderItem[], b: Block, g: GenState, outer: Outer): string {
  const aliases = new Set((b.select ?? []).map((s) => s.id));
  const e = env(b, g, outer, aliases);
  return orderSql(keys, e, (o) =>
    o.expr.kind === 'column' && aliases.has(o.expr.id) ? `c${o.expr.id}` : exprSql(o.expr, env(b, g, outer)),
  );
}

function aggregate(plan: LogicalPlan & { kind: 'aggregate' }, g: GenState, outer: Outer): Block {
  let b = emit(plan.input, g, outer);
  if (b.stage > Stage.Where)
    b = wrap(
      b,
      plan.input.columns.map((c) => c.id),
      g,
    );
  const e = env(b, g, outer);
  const keys = plan.keys.map((k) => exprSql(k.expr, e));
  const aggs = plan.aggregates.map((a) => exprSql(a.expr, e));
  if (plan.groupingSets !== null) {
    const sets = plan.groupingSets.map((s) => `(${s.map((i) => keys[i]!).join(', ')})`);
    b.groupBy = `GROUP BY GROUPING SETS (${sets.join(', ')})`;
  } else if (keys.length > 0) {
    b.groupBy = `GROUP BY ${keys.join(', ')}`;
  }
  plan.keys.forEach((k, i) => b.scope.set(k.column.id, keys[i]!));
  plan.aggregates.forEach((a, i) => b.scope.set(a.column.id, aggs[i]!));
  b.stage = Stage.Aggregate;
  return b;
}

function asJoinOperand(b: Block, plan: LogicalPlan, g: GenState): Block {
  const joinable = b.stage === Stage.From && b.from !== null && b.withs.length === 0;
  return joinable
    ? b
    : wrap(
        b,
        plan.columns.map((c) => c.id),
        g,
      );
}

const JOIN_SQL: Readonly<Record<string, string>> = {
  inner: 'INNER JOIN',
  cross: 'CROSS JOIN',
  left: 'LEFT JOIN',
  right: 'RIGHT JOIN',
  full: 'FULL JOIN',
  'left-semi': 'SEMI JOIN',
  'left-anti': 'ANTI JOIN',
  'right-semi': 'SEMI JOIN',
  'right-anti': 'ANTI JOIN',
};

function join(plan: LogicalPlan & { kind: 'join' }, g: GenState, outer: Outer): Block {
  const swap = plan.joinType === 'right-semi' || plan.joinType === 'right-anti';
  const l = asJoinOperand(emit(plan.left, g, outer), plan.left, g);
  const lateral = plan.right.kind === 'table-function';
  const rightOuter: Outer = lateral ? (id) => l.scope.get(id) ?? outer(id) : outer;
  const r = asJoinOperand(emit(plan.right, g, rightOuter), plan.right, g);
  const b = emptyBlock();
  b.scope = new Map([...l.scope, ...r.scope]);
  const cond = plan.condition === null ? null : exprSql(plan.condition, env(b, g, outer));
  const [first, second] = swap ? [r, l] : [l, r];
  const secondFrom = second.fromIsJoin ? `(${second.from})` : second.from!;
  const lat = lateral ? 'LATERAL ' : '';
  let kw = JOIN_SQL[plan.joinType]!;
  if (plan.joinType === 'cross' && cond !== null) kw = 'INNER JOIN';
  if (plan.joinType === 'inner' && cond === null) kw = 'CROSS JOIN';
  const on = kw === 'CROSS JOIN' ? '' : ` ON ${cond ?? 'TRUE'}`;
  b.from = `${first.from} ${kw} ${lat}${secondFrom}${on}`;
  b.fromIsJoin = true;
  return b;
}

function tableFunction(plan: LogicalPlan & { kind: 'table-function' }, g: GenState, outer: Outer): Block {
  const b = emptyBlock();
  const e = env(b, g, outer);
  const args = plan.args.map((a) => exprSql(a, e));
  const alias = `t${g.nextAlias++}`;
  if (plan.name === 'unnest') {
    const select = args.map((a, i) => `unnest(${a}) AS c${plan.columns[i]!.id}`).join(', ');
    b.from = `(SELECT ${select}) AS ${alias}`;
  } else {
    // DuckDB's generate_series table function streams; unnest(generate_series(…)) built the whole
    // list in memory first (1e9 rows took 16 GB before the first row).
    const t = duckdbType(plan.columns[0]!.type);
    const cast = args.map((a) => `CAST(${a} AS BIGINT)`);
    const src = `t${g.nextAlias++}`;
    b.from = `(SELECT CAST(${src}.generate_series AS ${t}) AS c${plan.columns[0]!.id} FROM generate_series(${cast.join(', ')}) AS ${src}) AS ${alias}`;
  }
  for (const c of plan.columns) b.scope.set(c.id, `${alias}.c${c.id}`);
  return b;
}
