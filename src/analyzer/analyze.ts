/** Analyzer entry points: bind a query or a standalone expression against a compile context. */
import type { AstExpr, AstQuery } from '../sql/ast/index.js';
import type { BoundExpr, BoundQuery } from './bound.js';
import { bindExpr } from './bind-expr.js';
import { bindQuery } from './bind-query.js';
import type { CompileContext } from './context.js';
import { resolveFunction } from './functions/index.js';
import { Scope } from './scope.js';
import { newState } from './state.js';

export interface AnalyzedQuery {
  readonly query: BoundQuery;
  readonly paramCount: number;
  /** First column id not used by the binder (the planner allocates from here). */
  readonly nextColumnId: number;
}

export interface AnalyzedExpression {
  readonly expr: BoundExpr;
  readonly paramCount: number;
  readonly nextColumnId: number;
}

export function analyzeQuery(ast: AstQuery, ctx: CompileContext): AnalyzedQuery {
  const state = newState(ctx, ctx.resolveFunction ?? resolveFunction);
  const query = bindQuery(state, ast, new Scope([], null));
  return { query, paramCount: state.paramCount, nextColumnId: state.nextColumnId };
}

/** An expression without FROM (SET values, column defaults): no columns in scope, no aggregates. */
export function analyzeExpression(ast: AstExpr, ctx: CompileContext): AnalyzedExpression {
  const state = newState(ctx, ctx.resolveFunction ?? resolveFunction);
  const env = { scope: new Scope([], null), clause: 'field list', allowAgg: false, allowWindow: false };
  const expr = bindExpr(state, env, ast);
  return { expr, paramCount: state.paramCount, nextColumnId: state.nextColumnId };
}
