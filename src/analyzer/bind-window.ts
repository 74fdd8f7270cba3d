/**
 * Window calls: `f(args) OVER (PARTITION BY … ORDER BY … frame)`, named windows merged in, frame
 * offsets checked (non-negative integer constants).
 */
import type { AstCall, AstFrameBound, AstWindowFrame, AstWindowSpec } from '../sql/ast/index.js';
import type { BoundExpr, BoundFrame, BoundFrameBound } from './bound.js';
import { orderItem } from './bind-call.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { analysisError } from './errors.js';
import type { FunctionResolution } from './functions/types.js';
import { exprLabel } from './labels.js';
import type { BindState } from './state.js';

/** Bind a window call whose function and arguments are already resolved. */
export function bindWindow(
  state: BindState,
  env: ExprEnv,
  e: AstCall,
  fn: FunctionResolution,
  args: readonly BoundExpr[],
): BoundExpr {
  if (!env.allowWindow)
    throw analysisError(`analytic function is not allowed in ${env.clause}: ${exprLabel(e)}`, e.pos);
  if (fn.kind === 'scalar' || fn.kind === 'table')
    throw analysisError(`${e.name.join('.')} is not an analytic function`, e.pos);
  if (fn.id === 'any_value')
    throw analysisError(`${e.name.join('.')} is not supported with OVER clause`, e.pos);
  const spec = mergeWindow(env, e.over!, e);
  const inner: ExprEnv = { ...env, allowWindow: false };
  const partitionBy = spec.partitionBy.map((p) => bindExpr(state, inner, p));
  const orderBy = spec.orderBy.map((o) => orderItem(bindExpr(state, inner, o.expr), o));
  const frame = spec.frame === undefined ? null : bindFrame(state, inner, spec.frame);
  const neverNull = /^(row_number|rank|dense_rank|ntile|count|cume_dist|percent_rank)$/.test(fn.id);
  return {
    kind: 'window',
    fn,
    args,
    distinct: e.distinct,
    partitionBy,
    orderBy,
    frame,
    ignoreNulls: e.ignoreNulls === true,
    type: fn.returnType,
    nullable: !neverNull,
  };
}

/** `OVER (w ORDER BY …)`: the named window's partition/order/frame, overridden by what is written. */
function mergeWindow(env: ExprEnv, spec: AstWindowSpec, e: AstCall, depth = 0): AstWindowSpec {
  if (spec.baseName === undefined) return spec;
  const base = env.windows?.get(spec.baseName);
  if (base === undefined || depth > 16)
    throw analysisError(`Window '${spec.baseName}' is not defined`, e.pos);
  const merged = mergeWindow(env, base, e, depth + 1);
  const frame = spec.frame ?? merged.frame;
  return {
    partitionBy: spec.partitionBy.length > 0 ? spec.partitionBy : merged.partitionBy,
    orderBy: spec.orderBy.length > 0 ? spec.orderBy : merged.orderBy,
    ...(frame === undefined ? {} : { frame }),
  };
}

function bindFrame(state: BindState, env: ExprEnv, f: AstWindowFrame): BoundFrame {
  const start = bindBound(state, env, f.start);
  const end = f.end === undefined ? ({ kind: 'current-row' } as const) : bindBound(state, env, f.end);
  return { unit: f.unit, start, end };
}

function bindBound(state: BindState, env: ExprEnv, b: AstFrameBound): BoundFrameBound {
  if (b.kind === 'preceding' || b.kind === 'following') {
    const offset = bindExpr(state, env, b.offset);
    if (offset.kind !== 'literal' || offset.value.kind !== 'int' || offset.value.value < 0n) {
      throw analysisError('window frame offsets must be non-negative integer constants');
    }
    return { kind: b.kind, offset };
  }
  return { kind: b.kind };
}
