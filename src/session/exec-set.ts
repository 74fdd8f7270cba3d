/** USE, SET (system/user variables, NAMES, TRANSACTION), SET CATALOG, KILL, BEGIN/COMMIT/ROLLBACK. */
import { DEFAULT_CATALOG } from '../catalog/index.js';
import { compileExpression } from '../codegen/index.js';
import { notSupported, SqlError } from '../errors/index.js';
import type {
  AstExpr,
  AstKill,
  AstSet,
  AstSetAssignment,
  AstSetCatalog,
  AstTransaction,
  AstUse,
} from '../sql/index.js';
import type { Value } from '../types/index.js';
import type { OkResult } from './api.js';
import { okResult } from './results.js';
import type { SessionImpl } from './session.js';

export async function runUse(s: SessionImpl, stmt: AstUse): Promise<OkResult> {
  if (stmt.catalog !== undefined && stmt.catalog !== DEFAULT_CATALOG) {
    throw new SqlError('unknown-catalog', { catalog: stmt.catalog });
  }
  if (stmt.db === undefined) {
    if (stmt.catalog !== undefined) s.currentCatalog = stmt.catalog;
    return okResult();
  }
  await s.useDatabase(stmt.catalog !== undefined ? `${stmt.catalog}.${stmt.db}` : stmt.db);
  return okResult();
}

export function runSetCatalog(s: SessionImpl, stmt: AstSetCatalog): OkResult {
  if (stmt.catalog !== DEFAULT_CATALOG) throw new SqlError('unknown-catalog', { catalog: stmt.catalog });
  if (s.currentCatalog !== stmt.catalog) s.currentDb = null;
  s.currentCatalog = stmt.catalog;
  return okResult();
}

/** Literal values are taken directly; anything else is evaluated by DuckDB through the compiler. */
export async function evaluate(s: SessionImpl, expr: AstExpr, signal: AbortSignal): Promise<Value> {
  switch (expr.kind) {
    case 'null':
      return null;
    case 'bool':
      return expr.value;
    case 'string':
      return expr.value;
    case 'number':
      if (/^-?\d+$/.test(expr.text)) {
        const n = BigInt(expr.text);
        return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
      }
      break;
    case 'column':
      // MySQL: `SET x = ON`, `SET sql_mode = TRADITIONAL` — a bare word is its own name.
      if (expr.parts.length === 1) return expr.parts[0] as string;
      break;
    default:
      break;
  }
  const { ctx } = s.compileContext();
  const compiled = compileExpression(expr, ctx);
  const rows = await s.db.engine.stream(compiled.sql, { types: [compiled.type], signal });
  let value: Value = null;
  for await (const batch of rows.batches) value = batch[0]?.[0] ?? null;
  return value;
}

async function assign(s: SessionImpl, a: AstSetAssignment, signal: AbortSignal): Promise<void> {
  switch (a.kind) {
    case 'system': {
      if (a.value === null) return await s.setVar(a.name, a.scope, null, true);
      if (s.varDef(a.name) === undefined) throw new SqlError('unknown-system-variable', { name: a.name });
      return await s.setVar(a.name, a.scope, await evaluate(s, a.value, signal), false);
    }
    case 'user':
      s.userVars.set(a.name.toLowerCase(), await evaluate(s, a.value, signal));
      return;
    case 'names': {
      const charset = a.charset ?? 'utf8';
      for (const v of ['character_set_client', 'character_set_connection', 'character_set_results']) {
        await s.setVar(v, 'session', charset, false);
      }
      const collation =
        a.collation ?? (charset.toLowerCase() === 'utf8mb4' ? 'utf8mb4_general_ci' : 'utf8_general_ci');
      await s.setVar('collation_connection', 'session', collation, false);
      return;
    }
    case 'charset': {
      const charset = a.charset ?? 'utf8';
      await s.setVar('character_set_client', 'session', charset, false);
      await s.setVar('character_set_results', 'session', charset, false);
      return;
    }
    case 'transaction': {
      const scope = a.scope ?? 'session';
      if (a.isolation !== undefined) await s.setVar('transaction_isolation', scope, a.isolation, false);
      if (a.readOnly !== undefined) await s.setVar('transaction_read_only', scope, a.readOnly, false);
      return;
    }
    case 'password':
      throw notSupported('SET PASSWORD');
  }
}

export async function runSet(s: SessionImpl, stmt: AstSet, signal: AbortSignal): Promise<OkResult> {
  for (const a of stmt.assignments) await assign(s, a, signal);
  return okResult();
}

export async function runKill(s: SessionImpl, stmt: AstKill, signal: AbortSignal): Promise<OkResult> {
  const raw = await evaluate(s, stmt.id, signal);
  const id = Number(raw);
  if (!Number.isInteger(id)) throw new SqlError('unknown-thread', { id: String(raw) });
  if (id === s.connectionId && stmt.queryOnly) return okResult();
  if (!s.db.kill(id, stmt.queryOnly)) throw new SqlError('unknown-thread', { id });
  return okResult();
}

/**
 * StarRocks accepts BEGIN/COMMIT/ROLLBACK; statements stay autocommitted. The in-transaction
 * status flag follows BEGIN … COMMIT/ROLLBACK so drivers that send ROLLBACK on it stay happy.
 */
export function runTransaction(s: SessionImpl, stmt: AstTransaction): OkResult {
  s.inTransaction = stmt.action === 'begin';
  return okResult();
}
