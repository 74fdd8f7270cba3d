/**
 * Queries: WITH (CTEs), query bodies (SELECT, set operations, VALUES, parenthesised queries),
 * ORDER BY / LIMIT on set operations, and VALUES rows.
 */
import { notSupported } from '../errors/index.js';
import type {
  AstLimit,
  AstOrderItem,
  AstQuery,
  AstQueryBody,
  AstSetOp,
  AstValues,
} from '../sql/ast/index.js';
import { commonSuperType, formatType, type SqlType } from '../types/index.js';
import type { BoundCte, BoundExpr, BoundLimit, BoundQuery, ColumnInfo } from './bound.js';
import { orderItem } from './bind-call.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { bindSelect } from './bind-select.js';
import { analysisError } from './errors.js';
import { Scope } from './scope.js';
import { selectOver } from './select-over.js';
import { coerce, columnRef, isNullable, newColumn, sameDuckType, type BindState } from './state.js';

/** Bind a complete query; `outer` is the enclosing scope (for correlated references and CTEs). */
export function bindQuery(state: BindState, q: AstQuery, outer: Scope): BoundQuery {
  let scope = outer;
  const ctes: BoundCte[] = [];
  if (q.with !== undefined) {
    if (q.with.recursive) throw notSupported('WITH RECURSIVE');
    scope = outer.child([]);
    for (const cte of q.with.ctes) {
      const query = bindQuery(state, cte.query, scope);
      if (cte.columns !== undefined && cte.columns.length !== query.columns.length) {
        throw analysisError(`The number of columns in CTE '${cte.name}' does not match its column list`);
      }
      const columns = query.columns.map((c, i) => ({ ...c, name: cte.columns?.[i] ?? c.name }));
      const id = state.nextCteId++;
      scope.addCte({ id, name: cte.name, columns });
      ctes.push({ id, name: cte.name, query });
    }
  }
  const body = bindBody(state, q.body, q.orderBy, q.limit, scope);
  return ctes.length === 0 ? body : { kind: 'with', ctes, body, columns: body.columns };
}

/** A subquery in an expression: bound with the current scope as its outer scope. */
export function bindSubquery(state: BindState, scope: Scope, q: AstQuery): BoundQuery {
  return bindQuery(state, q, scope);
}

function bindBody(
  state: BindState,
  body: AstQueryBody,
  orderBy: readonly AstOrderItem[],
  limit: AstLimit | undefined,
  scope: Scope,
): BoundQuery {
  switch (body.kind) {
    case 'select':
      return bindSelect(state, body, orderBy, limit, scope);
    case 'values':
      return bindSelect(
        state,
        selectStarFrom({ kind: 'values-relation', values: body }),
        orderBy,
        limit,
        scope,
      );
    case 'query':
      if (orderBy.length === 0 && limit === undefined) return bindQuery(state, body, scope);
      return bindSelect(
        state,
        selectStarFrom({ kind: 'derived', query: body, lateral: false }),
        orderBy,
        limit,
        scope,
      );
    case 'set-op':
      return bindSetOp(state, body, orderBy, limit, scope);
  }
}

function selectStarFrom(from: AstSelectFrom): AstQueryBody & { kind: 'select' } {
  return {
    kind: 'select',
    distinct: false,
    items: [{ expr: { kind: 'star', qualifier: [] } }],
    from: [from],
    groupBy: [],
    windows: [],
  };
}
type AstSelectFrom = (AstQueryBody & { kind: 'select' })['from'][number];

function asQuery(body: AstQueryBody): AstQuery {
  return body.kind === 'query' ? body : { kind: 'query', body, orderBy: [] };
}

function bindSetOp(
  state: BindState,
  s: AstSetOp,
  orderBy: readonly AstOrderItem[],
  limit: AstLimit | undefined,
  scope: Scope,
): BoundQuery {
  const left = bindQuery(state, asQuery(s.left), scope);
  const right = bindQuery(state, asQuery(s.right), scope);
  if (left.columns.length !== right.columns.length) {
    throw analysisError(`${s.op.toUpperCase()} operands have different numbers of columns`);
  }
  const types = left.columns.map((c, i) => {
    const r = right.columns[i]!;
    const t = commonSuperType(c.type, r.type);
    if (t === null)
      throw analysisError(
        `${formatType(c.type)} and ${formatType(r.type)} cannot be matched in ${s.op.toUpperCase()}`,
      );
    return t.kind === 'null' ? c.type : t;
  });
  const l = castOutputs(state, left, types);
  const r = castOutputs(state, right, types);
  const columns = left.columns.map((c, i) =>
    newColumn(state, c.name, types[i]!, c.nullable || right.columns[i]!.nullable),
  );
  const outScope = scope.child(
    columns.map((c) => ({ qualifier: null, name: c.name, column: c, inStar: true })),
  );
  const env: ExprEnv = { scope: outScope, clause: 'order clause', allowAgg: false, allowWindow: false };
  const order = orderBy.map((o) => orderItem(ordinalOr(state, env, o, columns), o));
  return {
    kind: 'set-op',
    op: s.op,
    all: s.all,
    left: l,
    right: r,
    orderBy: order,
    limit: bindLimit(state, limit),
    columns,
  };
}

function ordinalOr(
  state: BindState,
  env: ExprEnv,
  o: AstOrderItem,
  columns: readonly ColumnInfo[],
): BoundExpr {
  if (o.expr.kind === 'number' && /^\d+$/.test(o.expr.text)) {
    const c = columns[Number(o.expr.text) - 1];
    if (c === undefined) throw analysisError(`ORDER BY position ${o.expr.text} is not in select list`);
    return columnRef(c);
  }
  return bindExpr(state, env, o.expr);
}

/** Cast a query's outputs to `types` by selecting from it (no-op when already those types). */
export function castOutputs(state: BindState, q: BoundQuery, types: readonly SqlType[]): BoundQuery {
  if (q.columns.every((c, i) => sameDuckType(c.type, types[i]!))) return q;
  const inner = q.columns.map((c) => newColumn(state, c.name, c.type, c.nullable, c.origin));
  const items = inner.map((c, i) => {
    const expr = coerce(columnRef(c), types[i]!);
    return { expr, column: newColumn(state, c.name, types[i]!, isNullable(expr), c.origin) };
  });
  return selectOver(q, inner, items);
}

/** LIMIT/OFFSET must be non-negative integer constants (or bound parameters). */
export function bindLimit(state: BindState, limit: AstLimit | undefined): BoundLimit | null {
  if (limit === undefined) return null;
  const env: ExprEnv = {
    scope: new Scope([], null),
    clause: 'limit clause',
    allowAgg: false,
    allowWindow: false,
  };
  const value = (e: AstLimit['count']): number => {
    const b = bindExpr(state, env, e);
    if (b.kind === 'literal' && b.value.kind === 'int' && b.value.value >= 0n) {
      return b.value.value > BigInt(Number.MAX_SAFE_INTEGER)
        ? Number.MAX_SAFE_INTEGER
        : Number(b.value.value);
    }
    if (b.kind === 'literal' && b.value.kind === 'string' && /^\d+$/.test(b.value.value))
      return Number(b.value.value);
    throw analysisError('LIMIT and OFFSET must be non-negative integers');
  };
  return { count: value(limit.count), offset: limit.offset === undefined ? 0 : value(limit.offset) };
}

/** VALUES rows: equal arity, each column cast to the rows' common type. */
export function bindValuesRows(
  state: BindState,
  values: AstValues,
  outer: Scope,
  aliases: readonly string[] | undefined,
): { rows: BoundExpr[][]; columns: ColumnInfo[] } {
  const env: ExprEnv = { scope: outer.child([]), clause: 'values', allowAgg: false, allowWindow: false };
  const bound = values.rows.map((row) => row.map((e) => bindExpr(state, env, e)));
  const width = bound[0]?.length ?? 0;
  if (bound.some((r) => r.length !== width))
    throw analysisError('VALUES rows have different numbers of columns');
  const types = Array.from({ length: width }, (_, i) => {
    let t: SqlType | null = bound[0]![i]!.type;
    for (const row of bound) t = t === null ? null : commonSuperType(t, row[i]!.type);
    if (t === null) throw analysisError(`VALUES column ${i + 1} has no common type`);
    return t;
  });
  const rows = bound.map((row) => row.map((e, i) => coerce(e, types[i]!)));
  const columns = types.map((t, i) =>
    newColumn(
      state,
      aliases?.[i] ?? `column_${i}`,
      t,
      rows.some((r) => isNullable(r[i]!)),
    ),
  );
  return { rows, columns };
}
