/**
 * The compiler's public entry points: AST → bound tree → logical plan → one DuckDB SQL string,
 * with the result columns' StarRocks types and the number of `?` parameters.
 */
import { analyzeExpression, analyzeQuery, type BoundQuery, type CompileContext } from '../analyzer/index.js';
import type { AstQuery } from '../sql/ast/index.js';
import {
  batchableLookup,
  explainPlan,
  maxRows,
  planQuery,
  type BatchableLookup,
  type PlanContext,
} from '../planner/index.js';
import type { SqlType } from '../types/index.js';
import type { EmitSession, FunctionEmitter } from './function-emitter.js';
import { FUNCTION_EMITTERS } from './functions/index.js';
import { exprSql, type ExprEnv } from './expr.js';
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
  /** The most rows the query can return when the plan proves a bound (planner/lookup.ts). */
  readonly maxRows: number | null;
  /**
   * Set (with `CompileOptions.lookup`) for a point lookup that may share one query with concurrent
   * lookups of its shape; `sql` is then this lookup's own query (with `hiddenKey`'s extra column).
   */
  readonly lookup: LookupTemplate | null;
}

/**
 * A point lookup's SQL around its key constant: `sql` is `before + keySql + after`, and
 * `before + k1, k2, … + after` looks up several keys at once (the constant sits in an IN list).
 */
export interface LookupTemplate {
  readonly before: string;
  readonly after: string;
  readonly keySql: string;
  /** Rows of this lookup are those whose output column `keyOutput` renders as `keyText`. */
  readonly keyText: string;
  readonly keyOutput: number;
  /** Set when the SQL yields the key as an extra last column (of this type) to route rows by. */
  readonly hiddenKey: SqlType | null;
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
  /**
   * Compile a point lookup as a `LookupTemplate` for queries whose rows go to a client only: its
   * SQL then has the key in an IN list and may yield the key as an extra last column.
   */
  readonly lookup?: boolean;
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
  const g = genState(pc, ctx, options);
  const batchable = options.lookup === true ? batchableLookup(plan) : null;
  const sql = planSql(batchable?.plan ?? plan, g);
  const lookup = batchable === null ? null : lookupTemplate(sql, batchable, g);
  const columns = query.columns.map((c): CompiledColumn => {
    const o = c.origin;
    if (o === undefined) return { name: c.name, type: c.type, nullable: c.nullable };
    const { column, table, db } = o;
    return { name: c.name, type: c.type, nullable: c.nullable, orgName: column, table, orgTable: table, db };
  });
  return { sql, columns, paramCount, maxRows: maxRows(plan), lookup };
}

/** Where an expression that refers to no column is emitted (its subqueries are planned here). */
function columnFreeEnv(g: GenState): ExprEnv {
  return {
    lookup: () => {
      throw new Error('expression refers to a column');
    },
    subquery: (q) => {
      const plan = planQuery(q, g.pc);
      return { sql: planSql(plan, g), columns: plan.columns.map((c) => c.id) };
    },
    emitters: g.emitters,
    session: g.session,
  };
}

/** Split a lookup's SQL at its key constant; null when the constant's text is not found once. */
function lookupTemplate(sql: string, b: BatchableLookup, g: GenState): LookupTemplate | null {
  const keySql = exprSql(b.constant, columnFreeEnv(g));
  const needle = `IN (${keySql})`;
  const at = sql.indexOf(needle);
  if (at < 0 || sql.indexOf(needle, at + 1) >= 0) return null;
  return {
    before: sql.slice(0, at + 4),
    after: sql.slice(at + needle.length - 1),
    keySql,
    keyText: b.keyText,
    keyOutput: b.keyOutput,
    hiddenKey: b.hiddenKey,
  };
}

export function compileExpression(
  expr: AstExpr,
  ctx: CompileContext,
  options: CompileOptions = {},
): CompiledExpression {
  const analyzed = analyzeExpression(expr, ctx);
  const g = genState({ nextColumnId: analyzed.nextColumnId }, ctx, options);
  const sql = exprSql(analyzed.expr, columnFreeEnv(g));
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
  // Built by assignment: object spreads here cost a point lookup's compile several microseconds.
  const session: { -readonly [K in keyof EmitSession]: EmitSession[K] } = {
    database: ctx.currentDb,
    catalog: ctx.currentCatalog,
    user,
    currentUser: identity,
    connectionId: ctx.connectionId,
  };
  const tz = text('time_zone');
  const version = text('version');
  const dialect = text('sql_dialect');
  if (tz !== undefined) session.timeZone = tz;
  if (version !== undefined) session.version = version;
  if (dialect !== undefined) session.sqlDialect = dialect;
  return session;
}
