/**
 * Function calls: date arithmetic with INTERVAL (StarRocks' `<unit>s_add/sub`), TIMESTAMPADD /
 * TIMESTAMPDIFF, GROUPING(), lambdas of higher-order functions, and everything else resolved
 * through the function library (name + argument types → id, casts, result type). Aggregates and
 * window functions become `agg` / `window` nodes.
 */
import { SqlError, notSupported } from '../errors/index.js';
import type { AstCall, AstExpr, AstInterval, AstOrderItem, IntervalUnit } from '../sql/ast/index.js';
import { T, formatType, type SqlType } from '../types/index.js';
import type { BoundExpr, BoundOrderItem, ColumnInfo } from './bound.js';
import { bindDictMapping } from './bind-dict-mapping.js';
import {
  checkIntegerArgument,
  checkOrderable,
  checkPercentileLiteral,
  checkStringArguments,
} from './call-checks.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { bindWindow } from './bind-window.js';
import { analysisError } from './errors.js';
import { someExpr } from './expr-walk.js';
import {
  functionDef,
  intervalFunctionName,
  lambdaBinding,
  timestampDiffFunctionName,
} from './functions/index.js';
import type { CallShape, ConstArg, FunctionResolution } from './functions/types.js';
import { exprLabel } from './labels.js';
import { literal } from './literals.js';
import { coerce, isNullable, newColumn, type BindState } from './state.js';

const DATE_ARITH: Readonly<Record<string, boolean>> = {
  date_add: false,
  adddate: false,
  date_sub: true,
  subdate: true,
};
const UNITS = new Set<string>([
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
]);
const PLAIN: CallShape = { distinct: false, star: false, hasOrderBy: false, isWindow: false };

/** Bind `name(args)`; `e` may be synthesized (e.g. `->` becomes json_query). */
export function bindCall(state: BindState, env: ExprEnv, e: AstCall): BoundExpr {
  if (e.name.length !== 1) throw notSupported(`function ${e.name.join('.')}`, e.pos);
  const name = e.name[0]!.toLowerCase();
  if (e.filter !== undefined) return bindCall(state, env, desugarFilter(e, e.filter));
  if (name === 'map' && e.over === undefined && e.args.length % 2 === 0) {
    // map(k1, v1, k2, v2, …) is the function spelling of map{k1: v1, …}.
    const entries = [];
    for (let i = 0; i < e.args.length; i += 2) entries.push({ key: e.args[i]!, value: e.args[i + 1]! });
    return bindExpr(state, env, { kind: 'map', entries, ...(e.pos === undefined ? {} : { pos: e.pos }) });
  }
  const last = e.args[e.args.length - 1];
  if (e.args.length > 1 && e.args[0]?.kind !== 'lambda' && last?.kind === 'lambda') {
    // array_map(arr, x -> …): StarRocks also takes the lambda last; bind it in the usual place.
    return bindCall(state, env, { ...e, args: [last, ...e.args.slice(0, -1)] });
  }
  const special = bindSpecial(state, env, name, e);
  if (special !== null) return special;
  // Windows may sit inside scalar calls (round(sum(x) OVER ())); never inside a window call.
  // Inside an aggregate's arguments a name is a FROM column, never a select alias (ORDER BY min(v1)).
  const inAgg = e.over === undefined && functionDef(name)?.kind === 'aggregate';
  const argEnv: ExprEnv = {
    ...env,
    allowWindow: env.allowWindow && e.over === undefined,
    ...(inAgg ? { inAggregate: true } : {}),
  };
  const lambda = e.args[0]?.kind === 'lambda' ? lambdaBinding(name, e.args.length) : null;
  const args = bindArgs(state, argEnv, e, lambda);
  const shape: CallShape = {
    distinct: e.distinct,
    star: e.star,
    hasOrderBy: (e.orderBy?.length ?? 0) > 0,
    isWindow: e.over !== undefined,
    constArgs: args.map(constValue),
    ...(lambda === null ? {} : { lambdaIndex: lambda.lambdaIndex }),
  };
  checkPercentileLiteral(name, args);
  checkStringArguments(name, args, e);
  const { fn, args: cast } = resolveCall(state, name, args, shape, e);
  if (e.over !== undefined) return bindWindow(state, env, e, fn, cast);
  if (fn.kind === 'aggregate') return aggregateNode(state, env, e, name, fn, cast, args);
  if (fn.kind === 'window') throw analysisError(`${name} requires an OVER clause`, e.pos);
  if (fn.kind === 'table') throw analysisError(`table function ${name} is only allowed in FROM`, e.pos);
  const nullable = fn.nullOnNullInput ? cast.some(isNullable) : true;
  return { kind: 'call', fn, args: cast, type: fn.returnType, nullable };
}

/** Resolve through the function library and apply its implicit casts. */
export function resolveCall(
  state: BindState,
  name: string,
  args: readonly BoundExpr[],
  shape: CallShape,
  e?: AstCall,
): { fn: FunctionResolution; args: BoundExpr[] } {
  const lookup = state.resolve(
    name,
    args.map((a) => a.type),
    shape,
  );
  if (lookup.kind !== 'found') throw callError(lookup.kind, name, args, e);
  const fn = lookup.resolution;
  args.forEach((a, i) => checkIntegerArgument(name, a, fn.argTypes[i]));
  return { fn, args: args.map((a, i) => (a.kind === 'lambda' ? a : coerce(a, fn.argTypes[i] ?? a.type))) };
}

/** `x ± INTERVAL n unit` and `DATE_ADD(x, INTERVAL n unit)` → `<unit>s_add/sub(x, n)`. */
export function intervalCall(
  state: BindState,
  operand: BoundExpr,
  amount: BoundExpr,
  unit: IntervalUnit,
  subtract: boolean,
  e?: AstExpr,
): BoundExpr {
  const name = intervalFunctionName(unit, subtract);
  const { fn, args } = resolveCall(state, name, [operand, amount], {
    ...PLAIN,
    constArgs: [operand, amount].map(constValue),
  });
  void e;
  return {
    kind: 'call',
    fn,
    args,
    type: fn.returnType,
    nullable: args.some(isNullable) || fn.returnType.kind !== 'boolean',
  };
}

function unitOf(a: AstExpr | undefined): IntervalUnit | null {
  if (a?.kind !== 'column' || a.parts.length !== 1) return null;
  const u = a.parts[0]!.toLowerCase();
  return UNITS.has(u) ? (u as IntervalUnit) : null;
}

function bindSpecial(state: BindState, env: ExprEnv, name: string, e: AstCall): BoundExpr | null {
  const subtract = DATE_ARITH[name];
  if (
    subtract !== undefined &&
    e.args.length === 2 &&
    e.args[1]!.kind === 'interval' &&
    e.over === undefined
  ) {
    const iv = e.args[1]!;
    return intervalCall(
      state,
      bindExpr(state, env, e.args[0]!),
      bindExpr(state, env, iv.value),
      iv.unit,
      subtract,
      e,
    );
  }
  if ((name === 'timestampadd' || name === 'timestampdiff') && e.args.length === 3) {
    const unit = unitOf(e.args[0]);
    if (unit === null) throw analysisError(`${name} requires a time unit as its first argument`, e.pos);
    const a = bindExpr(state, env, e.args[1]!);
    const b = bindExpr(state, env, e.args[2]!);
    if (name === 'timestampadd') return intervalCall(state, b, a, unit, false, e);
    const { fn, args } = resolveCall(state, timestampDiffFunctionName(unit), [b, a], PLAIN, e);
    return { kind: 'call', fn, args, type: fn.returnType, nullable: true };
  }
  if (name === 'is_role_in_session' && e.over === undefined) return roleInSession(state, e);
  if (name === 'grouping' || name === 'grouping_id') return bindGrouping(state, env, e);
  if (name === 'dict_mapping' && e.over === undefined) return bindDictMapping(state, env, e);
  if ((name === 'time_slice' || name === 'date_slice') && e.args[1]?.kind === 'interval') {
    return bindExpr(state, env, sliceWithUnit(e, e.args[1]));
  }
  return null;
}

/**
 * IS_ROLE_IN_SESSION('role'): whether the role is active in the session, directly or through an
 * active role that inherits it. StarRocks takes one string literal and folds it in the FE.
 */
function roleInSession(state: BindState, e: AstCall): BoundExpr {
  const arg = e.args[0];
  if (e.args.length !== 1 || arg?.kind !== 'string')
    throw analysisError(
      'IS_ROLE_IN_SESSION currently only supports a single parameter of string type',
      e.pos,
    );
  const active = state.ctx.roleInSession?.(arg.value) ?? false;
  return literal({ kind: 'bool', value: active }, T.boolean);
}

/**
 * `time_slice(t, INTERVAL n unit [, floor|ceil])` as the plain form
 * `time_slice(t, n, 'unit' [, 'floor'|'ceil'])` (the boundary may be written as a bare word).
 */
function sliceWithUnit(e: AstCall, iv: AstInterval): AstCall {
  const word = (a: AstExpr): AstExpr =>
    a.kind === 'column' && a.parts.length === 1 ? { kind: 'string', value: a.parts[0]! } : a;
  const rest = e.args.slice(2).map(word);
  return { ...e, args: [e.args[0]!, iv.value, { kind: 'string', value: iv.unit }, ...rest] };
}

/** Arguments, with a lambda's parameters typed from the arrays/maps it is applied to. */
function bindArgs(
  state: BindState,
  env: ExprEnv,
  e: AstCall,
  lambda: ReturnType<typeof lambdaBinding>,
): BoundExpr[] {
  const out: (BoundExpr | null)[] = e.args.map((a, i) =>
    lambda !== null && i === lambda.lambdaIndex ? null : bindExpr(state, env, a),
  );
  if (lambda === null) {
    const bad = e.args.find((a) => a.kind === 'lambda');
    if (bad !== undefined)
      throw analysisError(`${e.name.join('.')} does not take a lambda argument`, bad.pos);
    return out as BoundExpr[];
  }
  const ast = e.args[lambda.lambdaIndex];
  if (ast?.kind !== 'lambda')
    throw analysisError(`${e.name.join('.')} requires a lambda as its first argument`, e.pos);
  const paramTypes: SqlType[] = [];
  for (const i of lambda.sources) {
    const t = out[i]?.type;
    if (lambda.sourceKind === 'map')
      paramTypes.push(t?.kind === 'map' ? t.key : T.null, t?.kind === 'map' ? t.value : T.null);
    else paramTypes.push(t?.kind === 'array' ? t.element : T.null);
  }
  if (ast.params.length !== paramTypes.length) {
    throw analysisError(
      `Lambda has ${ast.params.length} parameters but ${paramTypes.length} inputs`,
      ast.pos,
    );
  }
  const params: ColumnInfo[] = ast.params.map((p, i) => newColumn(state, p, paramTypes[i]!, true));
  const scopeMap = new Map(env.lambda ?? []);
  params.forEach((p) =>
    scopeMap.set(p.name.toLowerCase(), {
      kind: 'column',
      id: p.id,
      type: p.type,
      nullable: true,
      name: p.name,
    }),
  );
  const body = bindExpr(state, { ...env, lambda: scopeMap, allowAgg: false }, ast.body);
  out[lambda.lambdaIndex] = { kind: 'lambda', params, body, type: body.type };
  return out as BoundExpr[];
}

/** Constant argument values the function library may look at (formats, units). */
export function constValue(a: BoundExpr): ConstArg {
  if (a.kind !== 'literal') return undefined;
  const v = a.value;
  switch (v.kind) {
    case 'null':
      return null;
    case 'bool':
      return v.value;
    case 'int':
      return v.value;
    case 'double':
      return v.value;
    case 'decimal':
      return Number(v.text);
    case 'string':
      return v.value;
    case 'date':
    case 'datetime':
      return v.text;
    case 'bytes':
      return undefined;
  }
}

function aggregateNode(
  state: BindState,
  env: ExprEnv,
  e: AstCall,
  name: string,
  fn: FunctionResolution,
  cast: readonly BoundExpr[],
  raw: readonly BoundExpr[],
): BoundExpr {
  if (!env.allowAgg)
    throw analysisError(`${clauseName(env)} clause cannot contain aggregations: ${exprLabel(e)}`, e.pos);
  for (const a of cast) {
    if (someExpr(a, (x) => x.kind === 'agg' || x.kind === 'window')) {
      throw analysisError(`aggregate function cannot contain aggregate parameters: ${exprLabel(e)}`, e.pos);
    }
  }
  const aggEnv: ExprEnv = { ...env, inAggregate: true, allowAgg: false, allowWindow: false };
  // `group_concat(a, b ORDER BY 1, 2)`: an integer literal names an argument by position, as
  // written (ordered by its own type, not by the string it is concatenated as).
  const orderBy = (e.orderBy ?? [])
    .map((o) => {
      const k = o.expr.kind === 'number' && /^\d+$/.test(o.expr.text) ? Number(o.expr.text) : 0;
      const positional = k >= 1 && k <= raw.length ? raw[k - 1] : undefined;
      return orderItem(positional ?? bindExpr(state, aggEnv, o.expr), o);
    })
    .filter((o) => o.expr.kind !== 'literal'); // a constant orders nothing (DuckDB rejects it)
  orderBy.forEach((o, k) => checkOrderable(name, cast.length + k, o.expr.type, e));
  const separator =
    e.separator === undefined ? null : coerce(bindExpr(state, aggEnv, e.separator), T.varchar());
  const neverNull = /^(count|approx_count_distinct|ndv|bitmap_union_count|hll_union_agg|count_if)$/.test(
    name,
  );
  return {
    kind: 'agg',
    fn,
    args: cast,
    distinct: e.distinct,
    orderBy,
    separator,
    type: fn.returnType,
    nullable: !neverNull,
  };
}

function clauseName(env: ExprEnv): string {
  return env.clause.replace(/ clause$/, '').toUpperCase();
}

function callError(
  kind: 'unknown-function' | 'not-supported' | 'no-matching-signature',
  name: string,
  args: readonly BoundExpr[],
  e?: AstCall,
): SqlError {
  if (kind === 'not-supported') return notSupported(`function ${name}`, e?.pos);
  const signature = `${name}(${args.map((a) => formatType(a.type)).join(', ')})`;
  return new SqlError('function-not-found', { signature }, e?.pos);
}

/** `agg(x) FILTER (WHERE c)` → `agg(CASE WHEN c THEN x END)`; `count(*)` counts `CASE WHEN c THEN 1 END`. */
function desugarFilter(e: AstCall, filter: AstExpr): AstCall {
  const guard = (x: AstExpr): AstExpr => ({ kind: 'case', whens: [{ when: filter, then: x }] });
  const args = e.star ? [guard({ kind: 'number', text: '1' })] : e.args.map(guard);
  const { filter: _filter, ...rest } = e;
  void _filter;
  return { ...rest, star: false, args };
}

function bindGrouping(state: BindState, env: ExprEnv, e: AstCall): BoundExpr {
  if (!env.allowAgg)
    throw analysisError(`GROUPING is only allowed in the select list, HAVING and ORDER BY`, e.pos);
  if (e.args.length === 0) throw analysisError('GROUPING requires arguments', e.pos);
  const args = e.args.map((a) => bindExpr(state, { ...env, allowAgg: false, allowWindow: false }, a));
  return { kind: 'grouping', args, type: T.bigint };
}

/** ORDER BY item with StarRocks' null ordering made explicit (ASC → NULLS FIRST, DESC → NULLS LAST). */
export function orderItem(expr: BoundExpr, o: AstOrderItem): BoundOrderItem {
  const descending = o.direction === 'desc';
  const nullsFirst = o.nulls === null ? !descending : o.nulls === 'first';
  return { expr, descending, nullsFirst };
}

/** `EXTRACT(unit FROM x)` → the unit's function (year(x), month(x), …). */
export function bindExtract(state: BindState, env: ExprEnv, e: AstExpr & { kind: 'extract' }): BoundExpr {
  const call: AstCall = { kind: 'call', name: [e.unit], args: [e.operand], distinct: false, star: false };
  return bindCall(state, env, e.pos === undefined ? call : { ...call, pos: e.pos });
}
