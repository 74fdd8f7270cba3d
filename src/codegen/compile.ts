/**
 * The compiler's public entry points: AST → bound tree → logical plan → one DuckDB SQL string,
 * with the result columns' StarRocks types and the number of `?` parameters.
 */
import { analyzeExpression, analyzeQuery, type BoundQuery, type CompileContext } from '../analyzer/index.js';
import type { AstQuery } from '../sql/ast/index.js';
import { explainPlan, planQuery, type PlanContext } from '../planner/index.js';
import type { SqlType } from '../types/index.js';
import type { EmitSession, FunctionEmitter } from './function-emitter.js';
import { FUNCTION_EMITTERS } from './functions/index.js';
import { exprSql } from './expr.js';
import { planSql, type GenState } from './generate.js';
import type { AstExpr } from '../sql/ast/index.js';

/** A result column as the protocol layer describes it. */
export interface CompiledColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  readonly orgName?: string;
  readonly table?: string;
  readonly orgTable?: string;
  readonly db?: string;
}

export interface CompiledQuery {
  /** One DuckDB SELECT; its columns are positional (their DuckDB names are internal). */
  readonly sql: string;
  readonly columns: readonly CompiledColumn[];
  /** Number of `?` placeholders (bound as `$1…$n` when no parameter values were given). */
  readonly paramCount: number;
}

export interface CompiledExpression {
  /** `SELECT <expr>` producing one row and one column. */
  readonly sql: string;
  readonly type: SqlType;
  readonly nullable: boolean;
  readonly paramCount: number;
}

/** Overrides for tests and embedders (defaults: the function library's emitter table). */
export interface CompileOptions {
  readonly emitters?: Readonly<Record<string, FunctionEmitter>>;
}

export function compileQuery(
  query: AstQuery,
  ctx: CompileContext,
  options: CompileOptions = {},
): CompiledQuery {
  const analyzed = analyzeQuery(query, ctx);
  return generate(analyzed.query, analyzed.nextColumnId, analyzed.paramCount, ctx, options);
}

/** Plan and generate an already bound query (used by INSERT source compilation). */
export function generate(
  query: BoundQuery,
  nextColumnId: number,
  paramCount: number,
  ctx: CompileContext,
  options: CompileOptions,
): CompiledQuery {
  const pc: PlanContext = { nextColumnId };
  const plan = planQuery(query, pc);
  const sql = planSql(plan, genState(pc, ctx, options));
  const columns = query.columns.map((c): CompiledColumn => {
    const base = { name: c.name, type: c.type, nullable: c.nullable };
    if (c.origin === undefined) return base;
    return {
      ...base,
      orgName: c.origin.column,
      table: c.origin.table,
      orgTable: c.origin.table,
      db: c.origin.db,
    };
  });
  return { sql, columns, paramCount };
}

export function compileExpression(
  expr: AstExpr,
  ctx: CompileContext,
  options: CompileOptions = {},
): CompiledExpression {
  const analyzed = analyzeExpression(expr, ctx);
  const g = genState({ nextColumnId: analyzed.nextColumnId }, ctx, options);
  const noColumns = (): string => {
    throw new Error('expression refers to a column');
  };
  const sql = exprSql(analyzed.expr, {
    lookup: noColumns,
    subquery: (q) => {
      const plan = planQuery(q, g.pc);
      return { sql: planSql(plan, g), columns: plan.columns.map((c) => c.id) };
    },
    emitters: g.emitters,
    session: g.session,
  });
  const e = analyzed.expr;
  const nullable = 'nullable' in e ? e.nullable : true;
  return { sql: `SELECT ${sql} AS c0`, type: e.type, nullable, paramCount: analyzed.paramCount };
}

/** EXPLAIN: the logical plan, one line per operator, children indented. */
export function explain(query: AstQuery, ctx: CompileContext): string[] {
  const analyzed = analyzeQuery(query, ctx);
  const pc: PlanContext = { nextColumnId: analyzed.nextColumnId };
  return explainPlan(planQuery(analyzed.query, pc), pc);
}

export function genState(pc: PlanContext, ctx: CompileContext, options: CompileOptions): GenState {
  return { pc, emitters: options.emitters ?? FUNCTION_EMITTERS, session: emitSession(ctx), nextAlias: 1 };
}

/** Session values the function emitters read (time zone, DATABASE(), USER(), …). */
export function emitSession(ctx: CompileContext): EmitSession {
  const text = (name: string): string | undefined => {
    const v = ctx.sessionValue(name, null);
    return typeof v === 'string' ? v : undefined;
  };
  const user = ctx.currentUser.includes('@') ? ctx.currentUser : `'${ctx.currentUser}'@'%'`;
  // USER() names the client host; CURRENT_USER() the account it matched (StarRocks: 'root'@'%').
  const identity = ctx.currentIdentity ?? user.replace(/@'[^']*'$/, "@'%'");
  const session: EmitSession = {
    database: ctx.currentDb,
    catalog: ctx.currentCatalog,
    user,
    currentUser: identity,
    connectionId: ctx.connectionId,
  };
  const tz = text('time_zone');
  const version = text('version');
  const dialect = text('sql_dialect');
  return {
    ...session,
    ...(tz === undefined ? {} : { timeZone: tz }),
    ...(version === undefined ? {} : { version }),
    ...(dialect === undefined ? {} : { sqlDialect: dialect }),
  };
}
